import { ed25519 } from "@noble/curves/ed25519.js";
import { decodeBase64Exact, encodeBase64, FormatError, sha256 } from "./bytes";

/**
 * Ed25519 keys as this module handles them: raw 32-byte public keys (RFC 8032 encoding),
 * standard base64 in text, and one fingerprint format for people to compare keys by.
 *
 * Verification is strict RFC 8032 (noble's `zip215: false`), the rule OpenSSL and Go's
 * crypto/ed25519 apply, so a signature accepted here is accepted by the server's
 * node:crypto and the other way round.
 */

export const ED25519_PUBLIC_KEY_SIZE = 32;
export const ED25519_SEED_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;

/**
 * Signs a message with a key the caller holds: node:crypto on the server, WebCrypto in a
 * browser, or `ed25519SignFunction` below. Returns the 64-byte Ed25519 signature.
 */
export type SignFunction = (message: Uint8Array) => Promise<Uint8Array> | Uint8Array;

/** True when `signature` is a valid strict-RFC 8032 Ed25519 signature; never throws. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE || signature.length !== ED25519_SIGNATURE_SIZE) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** The public key of a 32-byte Ed25519 seed (the RFC 8032 private key). */
export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  if (seed.length !== ED25519_SEED_SIZE) throw new RangeError("an Ed25519 seed is 32 bytes");
  return ed25519.getPublicKey(seed);
}

/** A SignFunction over a seed held in memory (tools, tests, a browser without WebCrypto Ed25519). */
export function ed25519SignFunction(seed: Uint8Array): SignFunction {
  if (seed.length !== ED25519_SEED_SIZE) throw new RangeError("an Ed25519 seed is 32 bytes");
  const secret = seed.slice();
  return (message) => ed25519.sign(message, secret);
}

/** Calls a SignFunction and checks it returned a signature of the right size. */
export async function signWith(sign: SignFunction, message: Uint8Array): Promise<Uint8Array> {
  const signature = await sign(message);
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_SIZE) {
    throw new Error("the signing function did not return a 64-byte Ed25519 signature");
  }
  return signature;
}

/** Base64 of a raw Ed25519 public key. */
export function encodePublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) throw new RangeError("an Ed25519 public key is 32 bytes");
  return encodeBase64(publicKey);
}

/** Decodes base64 of a raw Ed25519 public key, refusing anything that is not a point on the curve. */
export function decodePublicKey(text: string): Uint8Array {
  const publicKey = decodeBase64Exact(text, ED25519_PUBLIC_KEY_SIZE, "Ed25519 public key");
  if (!isValidPublicKey(publicKey)) throw new FormatError("not a valid Ed25519 public key");
  return publicKey;
}

export function isValidPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) return false;
  try {
    return ed25519.utils.isValidPublicKey(publicKey, false);
  } catch {
    return false;
  }
}

export const FINGERPRINT_PREFIX = "SHA256:";

/**
 * `SHA256:` followed by unpadded base64 of SHA-256 over the raw 32-byte key (43 characters).
 * The look of OpenSSH's fingerprints, but over the raw key rather than an SSH key blob, so it
 * does not equal what ssh-keygen prints for the same key.
 */
export function keyFingerprint(publicKey: Uint8Array): string {
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) throw new RangeError("an Ed25519 public key is 32 bytes");
  return FINGERPRINT_PREFIX + encodeBase64(sha256(publicKey)).replace(/=+$/, "");
}
