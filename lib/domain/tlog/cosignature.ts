import { concatBytes, decodeUint64, encodeUint64, isSafeNonNegativeInteger, textBytes, utf8 } from "./bytes";
import { ED25519_SIGNATURE_SIZE, signWith, verifyEd25519, type SignFunction } from "./keys";
import {
  computeKeyId,
  formatSignatureLine,
  noteVerifier,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
  type NoteSignature,
  type NoteVerifier,
  type VerifierKey,
} from "./note";

/**
 * C2SP tlog-cosignature, the Ed25519 (type 0x04) form: a cosigner signs
 * `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint's note text, and the
 * signature field is the 8-byte big-endian timestamp followed by the 64-byte signature.
 * The signed message does not name the cosigner, so every cosigner needs its own key.
 */

const COSIGNATURE_HEADER = "cosignature/v1\n";
/** Timestamp (8 bytes) and Ed25519 signature (64 bytes). */
export const COSIGNATURE_SIZE = 8 + ED25519_SIGNATURE_SIZE;

/** The bytes an Ed25519 cosigner signs for a checkpoint at `timestamp` (POSIX seconds). */
export function cosignatureMessage(checkpointText: Uint8Array | string, timestamp: number): Uint8Array {
  if (!isSafeNonNegativeInteger(timestamp)) throw new RangeError("a cosignature timestamp is a safe non-negative integer");
  return concatBytes(utf8(`${COSIGNATURE_HEADER}time ${timestamp}\n`), textBytes(checkpointText));
}

export interface Cosignature {
  timestamp: number;
  signature: Uint8Array;
}

/**
 * Splits a cosignature's signature field. Returns null unless it is exactly 72 bytes with a
 * timestamp up to Number.MAX_SAFE_INTEGER (about 285 million years from now: the spec lets a
 * verifier refuse timestamps in the future).
 */
export function parseCosignature(signature: Uint8Array): Cosignature | null {
  if (signature.length !== COSIGNATURE_SIZE) return null;
  try {
    return { timestamp: decodeUint64(signature, 0), signature: signature.slice(8) };
  } catch {
    return null;
  }
}

/** Verifies type 0x04 cosignatures from one witness key. */
export function cosignatureVerifier(key: VerifierKey): NoteVerifier {
  if (key.type !== SIGNATURE_TYPE_COSIGNATURE) throw new RangeError("a cosignature verifier needs a cosignature (0x04) key");
  const publicKey = key.publicKey.slice();
  return {
    name: key.name,
    keyId: key.keyId,
    type: key.type,
    verify(text, signature) {
      const parsed = parseCosignature(signature);
      return parsed !== null && verifyEd25519(publicKey, cosignatureMessage(text, parsed.timestamp), parsed.signature);
    },
  };
}

/** The verifier matching a key's type: note signatures for 0x01, cosignatures for 0x04. */
export function verifierForKey(key: VerifierKey): NoteVerifier {
  return key.type === SIGNATURE_TYPE_ED25519 ? noteVerifier(key) : cosignatureVerifier(key);
}

export interface Cosigner {
  name: string;
  keyId: number;
  sign: SignFunction;
}

/** A witness's cosigning key, around any signing backend. */
export function cosigner(key: { name: string; publicKey: Uint8Array; sign: SignFunction }): Cosigner {
  return { name: key.name, keyId: computeKeyId(key.name, SIGNATURE_TYPE_COSIGNATURE, key.publicKey), sign: key.sign };
}

/**
 * Cosigns a checkpoint's note text at `timestamp` (POSIX seconds, not zero: tlog-witness
 * forbids omitting the time) and returns the signature.
 */
export async function cosign(checkpointText: Uint8Array | string, signer: Cosigner, timestamp: number): Promise<NoteSignature> {
  if (!isSafeNonNegativeInteger(timestamp) || timestamp === 0) throw new RangeError("a cosignature needs a positive timestamp");
  const signature = await signWith(signer.sign, cosignatureMessage(checkpointText, timestamp));
  return { name: signer.name, keyId: signer.keyId, signature: concatBytes(encodeUint64(timestamp), signature) };
}

/** Cosignature lines from each cosigner, as a witness answers add-checkpoint. */
export async function cosignatureLines(checkpointText: Uint8Array | string, signers: readonly Cosigner[], timestamp: number): Promise<string> {
  const lines: string[] = [];
  for (const signer of signers) lines.push(formatSignatureLine(await cosign(checkpointText, signer, timestamp)));
  return lines.join("");
}
