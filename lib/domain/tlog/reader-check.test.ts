import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeBase64 } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import { cosignatureLines, cosigner } from "./cosignature";
import { ed25519PublicKeyFromSeed, ed25519SignFunction } from "./keys";
import { arrayHashReader, consistencyProof, inclusionProof, rootFromLeafHashes } from "./merkle";
import { addSignatures, formatVerifierKey, noteSigner, SIGNATURE_TYPE_COSIGNATURE, SIGNATURE_TYPE_ED25519, verifierKey } from "./note";
import { parsePolicy } from "./policy";
import { formatTlogProof } from "./proof-file";
import { checkReceivedCheckpoint, consistencyRangeNeeded, verifyVersionFiles } from "./reader-check";
import { contentHashOfSections, encodeStatement, legacyApproval, sectionContentHash, signApproval, statementLeafHash, type Statement } from "./statement";

const ORIGIN = "camnang.example/log";
const keys = (seedByte: number) => {
  const seed = new Uint8Array(32).fill(seedByte);
  return { publicKey: ed25519PublicKeyFromSeed(seed), sign: ed25519SignFunction(seed) };
};
const logKeys = keys(11);
const logSigner = noteSigner({ name: ORIGIN, ...logKeys });
const witnessKeys = keys(12);
const witnessSigner = cosigner({ name: "archive.example/witness", ...witnessKeys });
const POLICY = [
  `log ${formatVerifierKey(verifierKey(ORIGIN, SIGNATURE_TYPE_ED25519, logKeys.publicKey))}`,
  `witness archive ${formatVerifierKey(verifierKey("archive.example/witness", SIGNATURE_TYPE_COSIGNATURE, witnessKeys.publicKey))}`,
  "quorum archive",
  "",
].join("\n");
const policy = parsePolicy(POLICY);
const reviewer = keys(13);

/** A version as GET /api/v1/documents/{slug}/versions/{n} gives it, with its statement. */
async function version(number: number, text: string) {
  const sections = [{ id: "s1", slug: "loi-tong-ket", title: "Lời tổng kết", position: 0, content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] } }];
  const committed = sections.map(({ content, ...rest }) => ({ ...rest, contentHash: sectionContentHash(JSON.stringify(content)) }));
  const contentHash = contentHashOfSections(committed);
  const fields = { proposalId: `p${number}`, baseStatementHash: null, approvedContentHash: contentHash, decision: "approve" as const };
  const statement: Statement = {
    document: "cam-nang",
    version: number,
    sections: committed,
    contentHash,
    previousStatementHash: null,
    proposalId: `p${number}`,
    approvals: [
      await signApproval({ fields, reviewer: { id: "u-minh", name: "Lê Văn Minh" }, publicKey: reviewer.publicKey, sign: reviewer.sign }),
      legacyApproval({ fields, reviewer: { id: "u-thu", name: "Đỗ Thị Thu" } }),
    ],
    publisher: { id: "u-admin", name: "Quản trị viên" },
    publishedAt: "2026-11-02T08:30:00.000Z",
    effectiveDate: null,
  };
  const bytes = encodeStatement(statement);
  return { json: JSON.stringify({ slug: "cam-nang", version: { number }, sections, statement: encodeBase64(bytes) }), bytes };
}

/** A log of `leaves` leaf hashes: its checkpoint of `size` (signed, and cosigned unless told) and proofs. */
async function checkpointOf(leaves: Uint8Array[], size: number, cosigned = true) {
  let note = await signCheckpoint({ origin: ORIGIN, size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) }, [logSigner]);
  if (cosigned) {
    note = addSignatures(note, await cosignatureLines(note.slice(0, note.indexOf("\n\n") + 1), [witnessSigner], 1_790_000_000));
  }
  return note;
}

const leaf = (label: string) => statementLeafHash(new TextEncoder().encode(label));
const proofBetween = async (leaves: Uint8Array[], from: number, to: number) => (await consistencyProof(arrayHashReader(leaves), from, to)).map(encodeBase64);

describe("verifying a version from its three files", () => {
  it("verifies content, statement, approvals, signature, quorum and inclusion, naming the signer and the witness", async () => {
    const v1 = await version(1, "Chuyển đổi số là việc của toàn dân.");
    const leaves = [statementLeafHash(v1.bytes), leaf("other")];
    const note = await checkpointOf(leaves, 2);
    const proof = formatTlogProof({ extra: v1.bytes, index: 0, inclusionProof: await inclusionProof(arrayHashReader(leaves), 0, 2), checkpoint: note });
    const result = verifyVersionFiles({ content: v1.json, proof, policy: POLICY });
    expect(result).toMatchObject({ ok: true, leafIndex: 0, log: { key: { name: ORIGIN } }, cosignatures: [{ witness: "archive", timestamp: 1_790_000_000 }], unsignedLegacyApprovals: 1 });
  });

  it("refuses decomposed (NFD) text as not the published text, and a changed character as a content mismatch", async () => {
    const v1 = await version(1, "Chuyển đổi số là việc của toàn dân.");
    const leaves = [statementLeafHash(v1.bytes)];
    const proof = formatTlogProof({ extra: v1.bytes, index: 0, inclusionProof: [], checkpoint: await checkpointOf(leaves, 1) });
    expect(verifyVersionFiles({ content: v1.json.normalize("NFD"), proof, policy: POLICY })).toMatchObject({ ok: false, reason: "content_not_nfc" });
    expect(verifyVersionFiles({ content: v1.json.replace("toàn dân", "toàn dâm"), proof, policy: POLICY })).toMatchObject({ ok: false, reason: "section_content_mismatch" });
    expect(verifyVersionFiles({ content: "{", proof, policy: POLICY })).toMatchObject({ ok: false, reason: "content_invalid" });
  });

  it("refuses a checkpoint without the witness quorum", async () => {
    const v1 = await version(1, "Một câu.");
    const proof = formatTlogProof({ extra: v1.bytes, index: 0, inclusionProof: [], checkpoint: await checkpointOf([statementLeafHash(v1.bytes)], 1, false) });
    expect(verifyVersionFiles({ content: v1.json, proof, policy: POLICY })).toMatchObject({ ok: false, reason: "quorum_not_met" });
  });
});

describe("a reader's kept checkpoint and the newer one the log serves", () => {
  const honest = Array.from({ length: 9 }, (_, index) => leaf(`entry ${index}`));

  it("accepts the first checkpoint it sees and a newer one a consistency proof joins to it", async () => {
    const first = await checkpointOf(honest, 4);
    expect(checkReceivedCheckpoint({ kept: null, received: first, proof: null, policy: POLICY })).toMatchObject({ ok: true, keep: first, keptSize: null });
    const newer = await checkpointOf(honest, 9);
    expect(consistencyRangeNeeded(first, newer, policy)).toEqual({ from: 4, to: 9 });
    expect(checkReceivedCheckpoint({ kept: first, received: newer, proof: await proofBetween(honest, 4, 9), policy: POLICY })).toMatchObject({ ok: true, keep: newer, keptSize: 4 });
  });

  it("fails closed without a proof, and refuses a newer checkpoint that misses the quorum", async () => {
    const first = await checkpointOf(honest, 4);
    expect(checkReceivedCheckpoint({ kept: first, received: await checkpointOf(honest, 9), proof: null, policy: POLICY })).toMatchObject({ ok: false, security: false, reason: "proof_invalid" });
    expect(checkReceivedCheckpoint({ kept: first, received: await checkpointOf(honest, 9, false), proof: await proofBetween(honest, 4, 9), policy: POLICY })).toMatchObject({
      ok: false,
      reason: "quorum_not_met",
    });
  });

  it("reports a rewritten history with both signed checkpoints, at the same size and at a larger one", async () => {
    const kept = await checkpointOf(honest, 6);
    const forkedLeaves = honest.map((hash, index) => (index === 2 ? leaf("rewritten") : hash));
    const sameSize = await checkpointOf(forkedLeaves, 6, false);
    expect(consistencyRangeNeeded(kept, sameSize, policy)).toBeNull();
    const caught = checkReceivedCheckpoint({ kept, received: sameSize, proof: null, policy: POLICY });
    expect(caught).toMatchObject({ ok: false, security: true, reason: "inconsistent", keptNote: kept, receivedNote: sameSize });
    if (!caught.ok) expect(caught.message).toMatch(/^SECURITY ERROR/);
    const larger = await checkpointOf(forkedLeaves, 9);
    expect(checkReceivedCheckpoint({ kept, received: larger, proof: await proofBetween(forkedLeaves, 6, 9), policy: POLICY })).toMatchObject({ ok: false, security: true });
  });

  it("property: every pair of sizes of one log is accepted with its proof; a log forked before the kept size never is", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(8), async (a, b, forkAt) => {
        const [kept, next] = [Math.min(a, b), Math.max(a, b)];
        const keptNote = await checkpointOf(honest, kept);
        const honestAnswer = checkReceivedCheckpoint({ kept: keptNote, received: await checkpointOf(honest, next), proof: await proofBetween(honest, kept, next), policy });
        expect(honestAnswer.ok).toBe(true);
        const at = forkAt % kept;
        const forked = honest.map((hash, index) => (index === at ? leaf(`fork ${index}`) : hash));
        const forkedAnswer = checkReceivedCheckpoint({ kept: keptNote, received: await checkpointOf(forked, next), proof: kept === next ? null : await proofBetween(forked, kept, next), policy });
        expect(forkedAnswer).toMatchObject({ ok: false, security: true });
      }),
      { numRuns: 40, seed: 10 },
    );
  });
});
