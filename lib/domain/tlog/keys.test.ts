import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { utf8 } from "./bytes";
import {
  decodePublicKey,
  ed25519PublicKeyFromSeed,
  ed25519SignFunction,
  encodePublicKey,
  keyFingerprint,
  signWith,
  verifyEd25519,
} from "./keys";

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("not an OKP key");
  return new Uint8Array(Buffer.from(jwk.x, "base64url"));
}

function nodePrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  const x = Buffer.from(ed25519PublicKeyFromSeed(seed)).toString("base64url");
  return createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", d: Buffer.from(seed).toString("base64url"), x }, format: "jwk" });
}

function nodePublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") }, format: "jwk" });
}

// The order of the Ed25519 group: adding it to S gives a second spelling of the same signature
// that strict RFC 8032 verifiers (OpenSSL, Go) refuse.
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

function withMalleatedS(signature: Uint8Array): Uint8Array {
  const s = signature.slice(32);
  let value = 0n;
  for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(s[i]);
  value += GROUP_ORDER;
  const out = signature.slice();
  for (let i = 0; i < 32; i++) {
    out[32 + i] = Number(value & 255n);
    value >>= 8n;
  }
  return out;
}

describe("Ed25519 across backends", () => {
  const message = utf8("cosignature/v1\ntime 1700000000\nexample.com/log\n1\nAAAA\n");

  it("verifies a signature made by node:crypto", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const signature = new Uint8Array(nodeSign(null, message, privateKey));
    expect(verifyEd25519(rawPublicKey(publicKey), message, signature)).toBe(true);
    expect(verifyEd25519(rawPublicKey(publicKey), utf8("another message"), signature)).toBe(false);
  });

  it("makes signatures node:crypto verifies, with the same seed giving the same signature", async () => {
    const seed = new Uint8Array(32).map((_, index) => index * 7 + 1);
    const signature = await signWith(ed25519SignFunction(seed), message);
    const publicKey = ed25519PublicKeyFromSeed(seed);
    expect(nodeVerify(null, message, nodePublicKey(publicKey), signature)).toBe(true);
    expect(new Uint8Array(nodeSign(null, message, nodePrivateKeyFromSeed(seed)))).toEqual(signature);
  });

  it("refuses, like OpenSSL, a signature whose S is not reduced", async () => {
    const seed = new Uint8Array(32).fill(9);
    const publicKey = ed25519PublicKeyFromSeed(seed);
    const malleated = withMalleatedS(await signWith(ed25519SignFunction(seed), message));
    expect(nodeVerify(null, message, nodePublicKey(publicKey), malleated)).toBe(false);
    expect(verifyEd25519(publicKey, message, malleated)).toBe(false);
  });

  it("refuses wrong-sized keys and signatures without throwing", () => {
    expect(verifyEd25519(new Uint8Array(31), message, new Uint8Array(64))).toBe(false);
    expect(verifyEd25519(new Uint8Array(32), message, new Uint8Array(63))).toBe(false);
  });

  it("refuses a signing function that returns something else than a signature", async () => {
    await expect(signWith(() => new Uint8Array(10), message)).rejects.toThrow(/64-byte/);
  });
});

describe("public key text and fingerprints", () => {
  const publicKey = ed25519PublicKeyFromSeed(new Uint8Array(32).fill(1));

  it("round-trips a raw key through base64", () => {
    expect(decodePublicKey(encodePublicKey(publicKey))).toEqual(publicKey);
  });

  it("refuses other lengths, lenient base64 and points off the curve", () => {
    expect(() => decodePublicKey(encodePublicKey(publicKey).slice(0, -4))).toThrow();
    expect(() => decodePublicKey(Buffer.from(publicKey).toString("base64url"))).toThrow();
    // y = 2 has no x on the curve.
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    expect(() => decodePublicKey(Buffer.from(offCurve).toString("base64"))).toThrow(/not a valid/);
  });

  it("fingerprints as SHA256: and unpadded base64 of the key's SHA-256", () => {
    const fingerprint = keyFingerprint(publicKey);
    const expected = "SHA256:" + createHash("sha256").update(publicKey).digest().toString("base64").replace(/=+$/, "");
    expect(fingerprint).toBe(expected);
    expect(fingerprint).toHaveLength(7 + 43);
    expect(keyFingerprint(ed25519PublicKeyFromSeed(new Uint8Array(32).fill(2)))).not.toBe(fingerprint);
  });
});
