import { generateKeyPairSync, sign as nodeSign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { concatBytes, decodeUtf8, encodeUint32, encodeUint64 } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import { cosign, cosignatureLines, cosignatureMessage, cosignatureVerifier, cosigner, parseCosignature, verifierForKey } from "./cosignature";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import {
  addSignatures,
  formatNote,
  NoteError,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
  verifierKey,
} from "./note";

const CHECKPOINT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

function keyPair(seedByte: number) {
  const seed = new Uint8Array(32).fill(seedByte);
  return { seed, publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) };
}

const log = keyPair(1);
const logSigner = noteSigner({ name: "example.com/behind-the-sofa", ...log });
const logVerifier = noteVerifier(verifierKey("example.com/behind-the-sofa", SIGNATURE_TYPE_ED25519, log.publicKey));
const witness = keyPair(2);
const witnessCosigner = cosigner({ name: "witness.example/w1", ...witness });
const witnessKey = verifierKey("witness.example/w1", SIGNATURE_TYPE_COSIGNATURE, witness.publicKey);

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
  return "accepted";
}

describe("cosignatures", () => {
  it("signs the message the specification shows", () => {
    expect(decodeUtf8(cosignatureMessage(CHECKPOINT, 1679315147))).toBe(
      "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
    );
  });

  it("writes the timestamp then the signature, and verifies beside the log's signature", async () => {
    const note = await signNote();
    const lines = await cosignatureLines(CHECKPOINT, [witnessCosigner], 1679315147);
    const cosigned = addSignatures(note, lines);
    const opened = openNote(cosigned, [logVerifier, cosignatureVerifier(witnessKey)]);
    expect(opened.verified.map((signature) => signature.name)).toEqual(["example.com/behind-the-sofa", "witness.example/w1"]);
    const witnessSignature = opened.verified[1].signature;
    expect(witnessSignature).toHaveLength(72);
    expect(parseCosignature(witnessSignature)?.timestamp).toBe(1679315147);
  });

  it("verifies a cosignature made with node:crypto", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const raw = rawPublicKey(publicKey);
    const nodeCosigner = cosigner({ name: "witness.example/node", publicKey: raw, sign: (message) => new Uint8Array(nodeSign(null, message, privateKey)) });
    const cosigned = addSignatures(await signNote(), await cosignatureLines(CHECKPOINT, [nodeCosigner], 1700000000));
    const opened = openNote(cosigned, [cosignatureVerifier(verifierKey("witness.example/node", SIGNATURE_TYPE_COSIGNATURE, raw))]);
    expect(opened.verified).toHaveLength(1);
  });

  it("refuses a cosignature whose timestamp was changed", async () => {
    const signature = await cosign(CHECKPOINT, witnessCosigner, 1679315147);
    const changed = concatBytes(encodeUint64(1679315148), signature.signature.slice(8));
    const note = formatNote(CHECKPOINT, [{ ...signature, signature: changed }]);
    expect(errorCode(() => openNote(note, [cosignatureVerifier(witnessKey)]))).toBe("invalid_signature");
  });

  it("refuses to cosign without a time", async () => {
    await expect(cosign(CHECKPOINT, witnessCosigner, 0)).rejects.toThrow(RangeError);
  });
});

describe("a key of one type never verifies another type's signature", () => {
  const sameKeyAsNoteKey = verifierKey("witness.example/w1", SIGNATURE_TYPE_ED25519, witness.publicKey);

  it("gives the note-signature key and the cosignature key different ids, so each ignores the other's lines", async () => {
    const cosigned = formatNote(CHECKPOINT, [await cosign(CHECKPOINT, witnessCosigner, 5)]);
    expect(errorCode(() => openNote(cosigned, [noteVerifier(sameKeyAsNoteKey)]))).toBe("no_verified_signature");
    const noteSigned = formatNote(CHECKPOINT, [
      { name: "witness.example/w1", keyId: sameKeyAsNoteKey.keyId, signature: await witness.sign(new TextEncoder().encode(CHECKPOINT)) },
    ]);
    expect(errorCode(() => openNote(noteSigned, [cosignatureVerifier(witnessKey)]))).toBe("no_verified_signature");
  });

  it("refuses a note signature relabelled with the cosignature key id", async () => {
    const plain = await witness.sign(new TextEncoder().encode(CHECKPOINT));
    const relabelled = formatNote(CHECKPOINT, [{ name: "witness.example/w1", keyId: witnessKey.keyId, signature: plain }]);
    expect(errorCode(() => openNote(relabelled, [cosignatureVerifier(witnessKey)]))).toBe("invalid_signature");
    // Even with a timestamp in front, the signature covers the wrong message.
    const padded = formatNote(CHECKPOINT, [{ name: "witness.example/w1", keyId: witnessKey.keyId, signature: concatBytes(encodeUint64(5), plain) }]);
    expect(errorCode(() => openNote(padded, [cosignatureVerifier(witnessKey)]))).toBe("invalid_signature");
  });

  it("refuses a cosignature relabelled with the note key id", async () => {
    const signature = await cosign(CHECKPOINT, witnessCosigner, 5);
    const relabelled = formatNote(CHECKPOINT, [{ ...signature, keyId: sameKeyAsNoteKey.keyId }]);
    expect(errorCode(() => openNote(relabelled, [noteVerifier(sameKeyAsNoteKey)]))).toBe("invalid_signature");
    const bareSignature = formatNote(CHECKPOINT, [{ ...signature, keyId: sameKeyAsNoteKey.keyId, signature: signature.signature.slice(8) }]);
    expect(errorCode(() => openNote(bareSignature, [noteVerifier(sameKeyAsNoteKey)]))).toBe("invalid_signature");
  });

  it("builds the verifier a key's type calls for", () => {
    expect(verifierForKey(witnessKey).type).toBe(SIGNATURE_TYPE_COSIGNATURE);
    expect(verifierForKey(sameKeyAsNoteKey).type).toBe(SIGNATURE_TYPE_ED25519);
    expect(() => cosignatureVerifier(sameKeyAsNoteKey)).toThrow(RangeError);
    expect(() => noteVerifier(witnessKey)).toThrow(RangeError);
  });

  it("keeps the 4-byte key id in front of every signature", async () => {
    const signature = await cosign(CHECKPOINT, witnessCosigner, 5);
    const line = formatNote(CHECKPOINT, [signature]);
    const parsed = parseNote(line).signatures[0];
    expect(parsed.keyId).toBe(witnessKey.keyId);
    expect(concatBytes(encodeUint32(parsed.keyId), parsed.signature)).toHaveLength(76);
  });
});

function signNote(): Promise<string> {
  const [origin, size, root] = CHECKPOINT.split("\n");
  return signCheckpoint({ origin, size: Number(size), rootHash: new Uint8Array(Buffer.from(root, "base64")) }, [logSigner]);
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("not an OKP key");
  return new Uint8Array(Buffer.from(jwk.x, "base64url"));
}
