import { describe, expect, it } from "vitest";
import { decodeBase64, FormatError } from "./bytes";
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from "./checkpoint";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import { EMPTY_TREE_ROOT } from "./merkle";
import { NoteError, noteSigner, noteVerifier, SIGNATURE_TYPE_ED25519, verifierKey } from "./note";

// The example checkpoint of the tlog-checkpoint specification.
const EXAMPLE = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

function logKey(seedByte: number, name = "example.com/log") {
  const seed = new Uint8Array(32).fill(seedByte);
  const publicKey = ed25519PublicKeyFromSeed(seed);
  return {
    signer: noteSigner({ name, publicKey, sign: ed25519SignFunction(seed) }),
    verifier: noteVerifier(verifierKey(name, SIGNATURE_TYPE_ED25519, publicKey)),
  };
}

describe("checkpoint text", () => {
  it("parses the specification's example and formats it back", () => {
    const parsed = parseCheckpoint(EXAMPLE);
    expect(parsed.origin).toBe("example.com/behind-the-sofa");
    expect(parsed.size).toBe(20852163);
    expect(parsed.rootHash).toEqual(decodeBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
    expect(parsed.extensions).toEqual([]);
    expect(formatCheckpoint(parsed)).toBe(EXAMPLE);
  });

  it("writes the empty tree as size 0", () => {
    const text = formatCheckpoint({ origin: "example.com/log", size: 0, rootHash: EMPTY_TREE_ROOT });
    expect(text).toBe("example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    expect(parseCheckpoint(text).size).toBe(0);
  });

  it("hands back extension lines for the caller to judge", () => {
    expect(parseCheckpoint(`${EXAMPLE}ext one\next two\n`).extensions).toEqual(["ext one", "ext two"]);
  });

  it.each([
    ["a leading zero", "example.com/log\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["a sign", "example.com/log\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["a space", "example.com/log\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["a size beyond 2^53", "example.com/log\n18446744073709551615\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["a short root hash", "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n"],
    ["unpadded base64", "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n"],
    ["no final newline", "example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="],
    ["a missing line", "example.com/log\n5\n"],
    ["an empty origin", "\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["an empty extension line", `${EXAMPLE}\n`],
    ["too many extension lines", EXAMPLE + "x\n".repeat(17)],
  ])("refuses %s", (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(FormatError);
  });
});

describe("signed checkpoints", () => {
  it("opens a checkpoint signed by the log, and only by the log", async () => {
    const log = logKey(1);
    const note = await signCheckpoint({ origin: "example.com/log", size: 3, rootHash: new Uint8Array(32).fill(7) }, [log.signer]);
    const opened = openCheckpoint(note, [log.verifier]);
    expect(opened.checkpoint.size).toBe(3);
    expect(opened.note.verified).toHaveLength(1);
    expect(() => openCheckpoint(note, [logKey(2).verifier])).toThrow(NoteError);
  });

  it("refuses a checkpoint whose size was changed after signing", async () => {
    const log = logKey(1);
    const note = await signCheckpoint({ origin: "example.com/log", size: 3, rootHash: new Uint8Array(32).fill(7) }, [log.signer]);
    expect(() => openCheckpoint(note.replace("\n3\n", "\n4\n"), [log.verifier])).toThrow(/invalid signature/);
  });
});
