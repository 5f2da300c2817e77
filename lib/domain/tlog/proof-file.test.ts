import { describe, expect, it } from "vitest";
import { FormatError, utf8 } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import { arrayHashReader, inclusionProof, leafHash, rootFromLeafHashes } from "./merkle";
import { noteSigner } from "./note";
import { formatTlogProof, parseTlogProof, TLOG_PROOF_HEADER, type TlogProof } from "./proof-file";

const seed = new Uint8Array(32).fill(21);
const signer = noteSigner({ name: "camnang.example/log", publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) });
const leaves = Array.from({ length: 11 }, (_, index) => leafHash(utf8(`statement ${index}`)));

async function sampleProof(extra: Uint8Array | null): Promise<TlogProof> {
  const checkpoint = await signCheckpoint({ origin: "camnang.example/log", size: 11, rootHash: rootFromLeafHashes(leaves) }, [signer]);
  return { extra, index: 6, inclusionProof: await inclusionProof(arrayHashReader(leaves), 6, 11), checkpoint };
}

describe("tlog-proof files", () => {
  it("writes the layout of the specification and reads it back", async () => {
    const proof = await sampleProof(null);
    const text = formatTlogProof(proof);
    const lines = text.split("\n");
    expect(lines[0]).toBe(TLOG_PROOF_HEADER);
    expect(lines[1]).toBe("index 6");
    expect(lines.slice(2, 2 + proof.inclusionProof.length)).toEqual(proof.inclusionProof.map((hash) => Buffer.from(hash).toString("base64")));
    expect(lines[2 + proof.inclusionProof.length]).toBe("");
    expect(text.endsWith(`\n\n${proof.checkpoint}`)).toBe(true);
    expect(parseTlogProof(text)).toEqual(proof);
    expect(parseTlogProof(utf8(text))).toEqual(proof);
  });

  it("carries optional extra data, including empty data", async () => {
    for (const extra of [utf8("age-v1.2.1-darwin-arm64.tar.gz"), new Uint8Array(0)]) {
      const proof = await sampleProof(extra);
      const text = formatTlogProof(proof);
      expect(text.split("\n")[1].startsWith("extra ")).toBe(true);
      expect(parseTlogProof(text)).toEqual(proof);
    }
  });

  it("allows an empty inclusion proof (a tree of one entry)", async () => {
    const checkpoint = await signCheckpoint({ origin: "camnang.example/log", size: 1, rootHash: leaves[0] }, [signer]);
    const text = formatTlogProof({ extra: null, index: 0, inclusionProof: [], checkpoint });
    expect(text).toBe(`${TLOG_PROOF_HEADER}\nindex 0\n\n${checkpoint}`);
    expect(parseTlogProof(text).inclusionProof).toEqual([]);
  });

  it("refuses malformed files", async () => {
    const good = formatTlogProof(await sampleProof(utf8("x")));
    const bad = [
      good.replace(TLOG_PROOF_HEADER, "c2sp.org/tlog-proof@v2"),
      good.replace("index 6", "index 06"),
      good.replace("index 6\n", ""),
      good.replace("extra eA==", "extra eA"),
      good.replace("extra eA==\nindex 6", "index 6\nextra eA=="),
      good.replace("\n\ncamnang", "\ncamnang"),
      good.replace(/\n[A-Za-z0-9+/]{43}=\n/, "\nnot a hash\n"),
      good.slice(0, good.indexOf("\n\n") + 2) + "camnang.example/log\n11\n",
      good.slice(0, good.indexOf("\n\n") + 2) + "camnang.example/log\nAAAA\nBBBB\n\n— camnang.example/log AAAAAAAA\n",
      good.replace("\n", "\r\n"),
    ];
    for (const text of bad) expect(() => parseTlogProof(text), text).toThrow(FormatError);
  });
});
