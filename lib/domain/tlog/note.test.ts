import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { utf8 } from "./bytes";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import {
  addSignatures,
  computeKeyId,
  formatSignerKey,
  formatVerifierKey,
  MAX_NOTE_BYTES,
  MAX_NOTE_SIGNATURES,
  NoteError,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE,
  SIGNATURE_TYPE_ED25519,
  signerKeyFromSeed,
  signNote,
  verifierKey,
  verifierKeyOf,
  type NoteSigner,
} from "./note";

interface NoteVectors {
  c2sp: { verifierKey: string; note: string };
  go: {
    peterVerifierKey: string;
    peterSignerKey: string;
    enochVerifierKey: string;
    text: string;
    peterSignatureLine: string;
    enochSignatureLine: string;
    badVerifierKeys: string[];
  };
}

const vectors = JSON.parse(readFileSync(path.join(__dirname, "testdata", "note-vectors.json"), "utf8")) as NoteVectors;
const { go } = vectors;

function noteErrorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
  return "accepted";
}

function signerFromKey(text: string): NoteSigner {
  const key = parseSignerKey(text);
  return noteSigner({ name: key.name, publicKey: ed25519PublicKeyFromSeed(key.seed), sign: ed25519SignFunction(key.seed) });
}

describe("keys and key ids", () => {
  it("derives the key ids of the published vectors", () => {
    const peter = parseVerifierKey(go.peterVerifierKey);
    expect(peter.name).toBe("PeterNeumann");
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(peter.type).toBe(SIGNATURE_TYPE_ED25519);
    expect(computeKeyId("PeterNeumann", SIGNATURE_TYPE_ED25519, peter.publicKey)).toBe(0xc74f20a3);
    expect(parseVerifierKey(vectors.c2sp.verifierKey).keyId).toBe(0x530d903a);
    expect(parseVerifierKey(go.enochVerifierKey).keyId).toBe(0xaf0cfe78);
  });

  it("formats verifier and signer keys back to the same strings", () => {
    expect(formatVerifierKey(parseVerifierKey(go.peterVerifierKey))).toBe(go.peterVerifierKey);
    expect(formatVerifierKey(parseVerifierKey(vectors.c2sp.verifierKey))).toBe(vectors.c2sp.verifierKey);
    const signer = parseSignerKey(go.peterSignerKey);
    expect(formatSignerKey(signer)).toBe(go.peterSignerKey);
    expect(formatVerifierKey(verifierKeyOf(signer))).toBe(go.peterVerifierKey);
  });

  it("refuses every truncation and every changed character of a verifier key", () => {
    const key = go.peterVerifierKey;
    for (let start = 0; start <= key.length; start++) {
      for (let end = start + 1; end <= key.length; end++) {
        if (start === 0 && end === key.length) continue;
        expect(() => parseVerifierKey(key.slice(start, end)), key.slice(start, end)).toThrow();
      }
    }
    for (let i = 0; i < key.length; i++) {
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseVerifierKey(changed), changed).toThrow();
    }
  });

  it("refuses every truncation and every changed character of a signer key", () => {
    const key = go.peterSignerKey;
    for (let start = 0; start <= key.length; start++) {
      for (let end = start + 1; end <= key.length; end++) {
        if (start === 0 && end === key.length) continue;
        expect(() => parseSignerKey(key.slice(start, end))).toThrow();
      }
    }
    for (let i = 0; i < key.length; i++) {
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseSignerKey(changed), changed).toThrow();
    }
  });

  it("refuses a wrong-length key and an unknown signature type", () => {
    for (const bad of go.badVerifierKeys) expect(() => parseVerifierKey(bad)).toThrow();
  });

  it("refuses uppercase key ids and names with a plus or a Unicode space", () => {
    expect(() => parseVerifierKey(go.peterVerifierKey.replace("c74f20a3", "C74F20A3"))).toThrow();
    const publicKey = ed25519PublicKeyFromSeed(new Uint8Array(32));
    expect(() => verifierKey("a+b", SIGNATURE_TYPE_ED25519, publicKey)).toThrow();
    expect(() => verifierKey("a\u00a0b", SIGNATURE_TYPE_ED25519, publicKey)).toThrow();
    expect(() => verifierKey("a\u0085b", SIGNATURE_TYPE_ED25519, publicKey)).toThrow();
    expect(() => verifierKey("", SIGNATURE_TYPE_ED25519, publicKey)).toThrow();
  });

  it("gives one public key different ids for different signature types", () => {
    const publicKey = ed25519PublicKeyFromSeed(new Uint8Array(32).fill(3));
    expect(verifierKey("w.example", SIGNATURE_TYPE_ED25519, publicKey).keyId).not.toBe(
      verifierKey("w.example", SIGNATURE_TYPE_COSIGNATURE, publicKey).keyId,
    );
  });
});

describe("signing and opening notes", () => {
  const peter = noteVerifier(parseVerifierKey(go.peterVerifierKey));
  const enoch = noteVerifier(parseVerifierKey(go.enochVerifierKey));
  const twoSigned = `${go.text}\n${go.peterSignatureLine}${go.enochSignatureLine}`;

  it("signs exactly like the reference implementation (Ed25519 is deterministic)", async () => {
    expect(await signNote(go.text, [signerFromKey(go.peterSignerKey)])).toBe(`${go.text}\n${go.peterSignatureLine}`);
  });

  it("opens the C2SP example note", () => {
    const opened = openNote(vectors.c2sp.note, [noteVerifier(parseVerifierKey(vectors.c2sp.verifierKey))]);
    expect(opened.text).toBe("This is an example message.\n");
    expect(opened.verified.map((signature) => signature.name)).toEqual(["example.com/foo"]);
  });

  it("verifies known keys and sets aside unknown ones", () => {
    const one = openNote(twoSigned, [peter]);
    expect(one.text).toBe(go.text);
    expect(one.verified.map((signature) => signature.name)).toEqual(["PeterNeumann"]);
    expect(one.unverified.map((signature) => signature.name)).toEqual(["EnochRoot"]);
    expect(openNote(utf8(twoSigned), [peter, enoch]).verified).toHaveLength(2);
  });

  it("refuses a note with no signature from a known key", () => {
    expect(noteErrorCode(() => openNote(twoSigned, []))).toBe("no_verified_signature");
  });

  it("ignores a line that shares only the name, or only the key id, with a known key", () => {
    const otherName = go.peterSignatureLine.replace("PeterNeumann", "PeterNeuman");
    expect(noteErrorCode(() => openNote(`${go.text}\n${otherName}`, [peter]))).toBe("no_verified_signature");
    const otherId = `${go.text}\n${go.peterSignatureLine.replace("x08go", "x08gp")}`;
    expect(noteErrorCode(() => openNote(otherId, [peter]))).toBe("no_verified_signature");
  });

  it("refuses the whole note when a known key's signature fails", () => {
    const broken = go.peterSignatureLine.slice(0, 60) + "ABCD" + go.peterSignatureLine.slice(60);
    expect(noteErrorCode(() => openNote(`${go.text}\n${broken}`, [peter]))).toBe("invalid_signature");
    expect(noteErrorCode(() => openNote(`${go.text}\n${go.enochSignatureLine}${broken}`, [peter, enoch]))).toBe("invalid_signature");
    // The same signature over a different text.
    expect(noteErrorCode(() => openNote(`${go.text}!\n\n${go.peterSignatureLine}`, [peter]))).toBe("invalid_signature");
  });

  it("refuses duplicate (name, key id) lines, known or not", () => {
    expect(noteErrorCode(() => openNote(`${go.text}\n${go.peterSignatureLine}${go.peterSignatureLine}`, [peter]))).toBe("duplicate_signature");
    expect(noteErrorCode(() => openNote(`${go.text}\n${go.peterSignatureLine}${go.enochSignatureLine}${go.enochSignatureLine}`, [peter]))).toBe(
      "duplicate_signature",
    );
  });

  it("refuses to choose between two configured keys with the same name and id", () => {
    expect(noteErrorCode(() => openNote(`${go.text}\n${go.enochSignatureLine}`, [enoch, peter, enoch]))).toBe("ambiguous_key");
    expect(openNote(`${go.text}\n${go.peterSignatureLine}`, [enoch, peter, enoch]).verified).toHaveLength(1);
  });

  it("refuses malformed notes", () => {
    const malformedNotes = [
      go.text,
      `${go.text}\n`,
      `${go.text}\n${go.peterSignatureLine.slice(0, -1)}`,
      `\x01${go.text}\n${go.peterSignatureLine}`,
      `${go.text}\r\n${go.peterSignatureLine}`,
      `${go.text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${go.text}\n${go.peterSignatureLine}Unexpected line.\n`,
      `${go.text}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${go.text}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n`,
      `${go.text}\n— PeterNeumann AAAAAA==\n`,
    ];
    for (const note of malformedNotes) expect(noteErrorCode(() => openNote(note, [peter])), JSON.stringify(note)).toBe("malformed");
    const invalidUtf8 = new Uint8Array([0xff, ...utf8(`${go.text}\n${go.peterSignatureLine}`)]);
    expect(noteErrorCode(() => openNote(invalidUtf8, [peter]))).toBe("malformed");
  });

  it("bounds the number of signatures and the size of a note", async () => {
    const signers = Array.from({ length: MAX_NOTE_SIGNATURES + 1 }, (_, index) => {
      const seed = new Uint8Array(32).fill(index + 1);
      return noteSigner({ name: `k${index}`, publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) });
    });
    const lines = (await Promise.all(signers.map((signer) => signNote(go.text, [signer])))).map((note) => note.slice(go.text.length + 1));
    expect(noteErrorCode(() => parseNote(`${go.text}\n${lines.slice(0, MAX_NOTE_SIGNATURES).join("")}`))).toBe("accepted");
    expect(noteErrorCode(() => parseNote(`${go.text}\n${lines.join("")}`))).toBe("malformed");
    const huge = `${"a".repeat(MAX_NOTE_BYTES)}\n\n${go.peterSignatureLine}`;
    expect(noteErrorCode(() => parseNote(huge))).toBe("malformed");
  });

  it("splits the text from the signatures at the last blank line", async () => {
    const text = "first paragraph\n\nsecond paragraph\n";
    const key = signerKeyFromSeed("example.com/log", SIGNATURE_TYPE_ED25519, new Uint8Array(32).fill(5));
    const note = await signNote(text, [signerFromKey(formatSignerKey(key))]);
    expect(openNote(note, [noteVerifier(verifierKeyOf(key))]).text).toBe(text);
  });

  it("adds signature lines, replacing a line from the same key", async () => {
    const peterSigner = signerFromKey(go.peterSignerKey);
    const signed = await signNote(go.text, [peterSigner]);
    const withEnoch = addSignatures(signed, go.enochSignatureLine);
    expect(withEnoch).toBe(twoSigned);
    expect(addSignatures(withEnoch, go.enochSignatureLine)).toBe(twoSigned);
    expect(openNote(withEnoch, [peter, enoch]).verified).toHaveLength(2);
  });
});
