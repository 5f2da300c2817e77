import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProposal } from "../../db/proposals";
import { plainText, type SectionContent } from "../../domain/document";
import { decodeBase64, decodeStatement, encodeBase64, verifyApprovalSignature } from "../../domain/tlog";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { listPublishedReviewerKeys, registerReviewerKey, revokeReviewerKey } from "../workspace/reviewer-keys";
import { evaluateProposalPolicy } from "./approval-state";
import { createProposal } from "./create-proposal";
import { offlineDraftWriter } from "./draft-writer";
import { getProposalView } from "./proposal-view";
import { publishProposal } from "./publish-proposal";
import { resolveMergeConflict } from "./resolve-conflict";
import { reviewProposal } from "./review-proposal";
import { submitProposal } from "./submit-proposal";
import { createThrowawaySigner } from "./throwaway-signer";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";

/** An Ed25519 key pair as an API client holds it: the raw public key in base64 and a signer. */
function clientKey() {
  const pair = generateKeyPairSync("ed25519");
  const x = pair.publicKey.export({ format: "jwk" }).x!;
  return { publicKey: encodeBase64(Buffer.from(x, "base64url")), sign: (payload: Uint8Array) => encodeBase64(sign(null, payload, pair.privateKey)) };
}

describe.each(engines)("signed approvals on %s", (engine) => {
  const signer = createThrowawaySigner();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  const actor = (email: string) => actorByEmail(database.db, email);

  async function proposeAndSubmit(suffix: string, replace?: [string, string]) {
    const lan = await actor("lan@mof.gov.vn");
    const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: `Sửa lời tổng kết ${suffix}`, rationale: "Thử chữ ký." } });
    const loaded = await loadProposal(database.db, proposal.id);
    const row = loaded.sections.find((section) => section.slug === CLOSING)!;
    const content = JSON.parse(row.content) as SectionContent;
    const index = replace ? content.content.findIndex((block) => plainText(block).includes(replace[0])) : 0;
    const block = content.content[index];
    const text = replace ? plainText(block).replace(replace[0], replace[1]) : `${plainText(block)} ${suffix}`;
    const edited: SectionContent = { ...content, content: content.content.map((candidate, at) => (at === index ? { ...block, content: [{ type: "text", text }] } : candidate)) };
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
    await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
    return proposal.id;
  }

  const payloadOf = async (proposalId: string) => decodeBase64((await getProposalView({ actor: await actor("minh@mic.gov.vn"), proposalId, db: database.db })).approvalPayload);

  it("registers a reviewer's public key, refuses bad input with a clear 400, and keeps rotated and revoked keys published with an audit trail", async () => {
    const khoa = await actor("khoa@mof.gov.vn");
    for (const bad of [undefined, "", "not base64!", encodeBase64(new Uint8Array(31)), encodeBase64(new Uint8Array(33)), 42]) {
      await expect(registerReviewerKey({ actor: khoa, publicKey: bad, db: database.db })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "reviewerKeyInvalid" });
    }
    // A contributor signs nothing, so holds no reviewer key.
    await expect(registerReviewerKey({ actor: await actor("lan@mof.gov.vn"), publicKey: clientKey().publicKey, db: database.db })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const first = clientKey();
    const registered = await registerReviewerKey({ actor: khoa, publicKey: first.publicKey, db: database.db });
    expect(registered).toMatchObject({ created: true, key: { publicKey: first.publicKey, retirement: null } });
    expect(registered.key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    // Asking again with the same key changes nothing; another person cannot claim it.
    expect(await registerReviewerKey({ actor: khoa, publicKey: first.publicKey, db: database.db })).toMatchObject({ created: false, key: { id: registered.key.id } });
    await expect(registerReviewerKey({ actor: await actor("thu@moha.gov.vn"), publicKey: first.publicKey, db: database.db })).rejects.toMatchObject({ code: "CONFLICT" });

    const second = clientKey();
    const rotated = await registerReviewerKey({ actor: khoa, publicKey: second.publicKey, db: database.db });
    await revokeReviewerKey({ actor: khoa, keyId: rotated.key.id, db: database.db });
    await expect(registerReviewerKey({ actor: khoa, publicKey: first.publicKey, db: database.db })).rejects.toMatchObject({ code: "CONFLICT", messageKey: "reviewerKeyRetired" });

    const publishedKeys = (await listPublishedReviewerKeys(database.db)).filter((key) => key.userId === khoa.id);
    expect(publishedKeys.map((key) => [key.publicKey, key.retirement])).toEqual([
      [first.publicKey, "ROTATED"],
      [second.publicKey, "REVOKED"],
    ]);
    const audit = await database.db.auditEvent.findMany({ where: { actorId: khoa.id, action: { startsWith: "reviewer_key." } }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["reviewer_key.registered", "reviewer_key.rotated", "reviewer_key.revoked"]);
    // The history is append-only in the database itself.
    await expect(database.db.reviewerKey.delete({ where: { id: registered.key.id } })).rejects.toThrow();
  });

  it("counts only approvals signed over the current approval payload with the reviewer's key, and publishes their signatures and fingerprints", async () => {
    const minh = await actor("minh@mic.gov.vn");
    const thu = await actor("thu@moha.gov.vn");
    const proposalId = await proposeAndSubmit("(ký)");
    const view = await getProposalView({ actor: minh, proposalId, db: database.db });
    const payload = new TextDecoder().decode(decodeBase64(view.approvalPayload));
    expect(payload).toBe(`camnangmo/approval/v1\nproposal ${proposalId}\nbase ${view.baseVersion.statementHash}\ncontent ${view.contentHash}\ndecision approve\n`);

    const key = clientKey();
    // The administrator has never registered a key (the seed's reviewers had throwaway ones).
    const admin = await actor("admin@camnang.gov.vn");
    await expect(reviewProposal({ actor: admin, proposalId, input: { decision: "approve", signature: key.sign(decodeBase64(view.approvalPayload)) } })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "reviewerKeyMissing" });
    await registerReviewerKey({ actor: minh, publicKey: key.publicKey, db: database.db });
    await expect(reviewProposal({ actor: minh, proposalId, input: { decision: "approve" } })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "approvalSignatureRequired" });
    const otherPayload = new TextEncoder().encode(payload.replace("decision approve", "decision reject"));
    await expect(reviewProposal({ actor: minh, proposalId, input: { decision: "approve", signature: key.sign(otherPayload) } })).rejects.toMatchObject({ messageKey: "approvalSignatureInvalid" });
    await expect(reviewProposal({ actor: minh, proposalId, input: { decision: "approve", signature: clientKey().sign(decodeBase64(view.approvalPayload)) } })).rejects.toMatchObject({ messageKey: "approvalSignatureInvalid" });
    expect(await database.db.review.count({ where: { proposalId } })).toBe(0);

    await reviewProposal({ actor: minh, proposalId, input: { decision: "approve", signature: key.sign(decodeBase64(view.approvalPayload)) } });
    expect((await signer.approve(thu, proposalId)).status).toBe("APPROVED");
    const signed = await getProposalView({ actor: minh, proposalId, db: database.db });
    expect(signed.reviews.map((review) => [review.signing, review.counted])).toEqual([["signed", true], ["signed", true]]);
    expect(signed.reviews[0].keyFingerprint).toMatch(/^SHA256:/);

    const outcome = await publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter, db: database.db });
    expect(outcome.kind).toBe("published");
    const version = await database.db.version.findUniqueOrThrow({ where: { proposalId }, include: { logEntry: true } });
    const statement = decodeStatement(new Uint8Array(version.logEntry!.statement));
    expect(statement.approvals).toHaveLength(2);
    for (const approval of statement.approvals) {
      expect(approval.signing).toBe("ed25519");
      if (approval.signing !== "ed25519") continue;
      expect(verifyApprovalSignature(statement, approval)).toBe(true);
      expect(approval.keyFingerprint).toBe(signed.reviews.find((review) => review.reviewer.name === approval.reviewer.name)!.keyFingerprint);
    }
  });

  it("tamper drill 4: an approval forged with database access but without the reviewer's key does not count, and verification flags it", async () => {
    const minh = await actor("minh@mic.gov.vn");
    const thu = await actor("thu@moha.gov.vn");
    const proposalId = await proposeAndSubmit("(giả mạo)");
    await signer.approve(minh, proposalId);
    const proposal = await loadProposal(database.db, proposalId);
    const thuKey = await database.db.reviewerKey.findFirstOrThrow({ where: { userId: thu.id, revocation: { is: null } } });
    const before = await evaluateProposalPolicy(database.db, proposal);
    // Rows written straight into the database, as someone holding its password could: Thu's
    // approval with no signature, with random bytes, and with Minh's real signature copied over.
    const minhReview = await database.db.review.findFirstOrThrow({ where: { proposalId, reviewerId: minh.id } });
    const forgeries = [
      { signature: null, keyId: null },
      { signature: encodeBase64(new Uint8Array(64).map((_, index) => index * 7)), keyId: thuKey.id },
      { signature: minhReview.signature, keyId: thuKey.id },
      { signature: minhReview.signature, keyId: minhReview.keyId },
    ];
    for (const forged of forgeries) {
      const row = await database.db.review.create({
        data: { proposalId, reviewerId: thu.id, decision: "APPROVE", comment: "", contentHash: before.contentHash, baseVersionId: proposal.baseVersionId, ...forged },
      });
      const evaluation = await evaluateProposalPolicy(database.db, proposal);
      expect(evaluation.evaluation.satisfied).toBe(false);
      expect(evaluation.evaluation.approvalsCounted).toBe(1);
      const view = await getProposalView({ actor: minh, proposalId, db: database.db });
      const shown = view.reviews.find((review) => review.id === row.id)!;
      expect(shown.counted).toBe(false);
      expect(shown.signing).toBe(forged.signature === null ? "unsigned" : "invalid");
      expect(shown.reasonNotCounted).toBe(forged.signature === null ? "unsigned" : "signature_invalid");
      expect(view.status).toBe("IN_REVIEW");
      await expect(publishProposal({ actor: minh, proposalId, writer: offlineDraftWriter, db: database.db })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // A forged approval copied into a statement fails the offline check of its signature.
    const published = await database.db.logEntry.findFirstOrThrow({ where: { version: { proposalId: { not: null } } }, orderBy: { index: "desc" } });
    const statement = decodeStatement(new Uint8Array(published.statement));
    const approval = statement.approvals.find((item) => item.signing === "ed25519");
    if (approval?.signing !== "ed25519") throw new Error("the seed's version 2 carries signed approvals");
    expect(verifyApprovalSignature(statement, { ...approval, signature: encodeBase64(new Uint8Array(64)) })).toBe(false);
    expect(verifyApprovalSignature(statement, { ...approval, approvedContentHash: before.contentHash })).toBe(false);
  });

  it("makes approvals stale when a rebase onto a newer version changes what the proposal does, and keeps the status and the checklist in agreement", async () => {
    const minh = await actor("minh@mic.gov.vn");
    const thu = await actor("thu@moha.gov.vn");
    const lan = await actor("lan@mof.gov.vn");
    // The case: A and B change the same words of Lời tổng kết; both are approved; A lands.
    const closing = (await loadProposal(database.db, await proposeAndSubmit("(đo)"))).sections.find((section) => section.slug === CLOSING)!;
    const words = plainText(JSON.parse(closing.content) as SectionContent).split(/\s+/).slice(0, 2).join(" ");
    const proposalA = await proposeAndSubmit("(A)", [words, "rộng mở"]);
    const proposalB = await proposeAndSubmit("(B)", [words, "bằng phẳng"]);
    for (const proposalId of [proposalA, proposalB]) {
      await signer.approve(minh, proposalId);
      await signer.approve(thu, proposalId);
    }
    const payloadBefore = await payloadOf(proposalB);
    expect((await publishProposal({ actor: minh, proposalId: proposalA, writer: offlineDraftWriter, db: database.db })).kind).toBe("published");
    const outcome = await publishProposal({ actor: minh, proposalId: proposalB, writer: offlineDraftWriter, db: database.db });
    expect(outcome.kind).toBe("merge_needs_review");
    if (outcome.kind !== "merge_needs_review") return;
    expect(outcome.conflicts.length).toBeGreaterThan(0);
    // B's author keeps B's wording and resubmits: the draft is the text they approved, but it now undoes A.
    for (const conflict of outcome.conflicts) {
      await resolveMergeConflict({ actor: lan, proposalId: proposalB, conflictId: conflict.id, resolution: "keep_proposal", writer: offlineDraftWriter });
    }
    await submitProposal({ actor: lan, proposalId: proposalB, writer: offlineDraftWriter });
    const view = await getProposalView({ actor: minh, proposalId: proposalB, db: database.db });
    expect(view.status).toBe("IN_REVIEW");
    expect(view.reviews.every((review) => review.stale && !review.counted)).toBe(true);
    expect(view.policy.satisfied).toBe(false);
    expect(view.policy.checklist.find((item) => item.key === "approvals")?.ok).toBe(false);
    // The payload now names the new base, so the old signatures cannot be replayed.
    const payloadAfter = decodeBase64(view.approvalPayload);
    expect(new TextDecoder().decode(payloadAfter)).not.toBe(new TextDecoder().decode(payloadBefore));
    // Approving again, over the new base, counts.
    await signer.approve(minh, proposalB);
    expect((await signer.approve(thu, proposalB)).status).toBe("APPROVED");
    const approved = await getProposalView({ actor: minh, proposalId: proposalB, db: database.db });
    expect(approved.policy.satisfied).toBe(approved.policy.checklist.every((item) => item.ok));
  });
});
