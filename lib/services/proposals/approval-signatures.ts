import type { DbOrTx } from "../../db/client";
import { draftContentHash, type LoadedProposal } from "../../db/proposals";
import type { ReviewSignatureState } from "../../domain/review-policy";
import { approvalHash, approvalPayload, decodeBase64, decodePublicKey, verifyEd25519, type ApprovalFields } from "../../domain/tlog";

/**
 * What a reviewer signs to approve a proposal, and the check of every stored signature. The
 * payload (lib/domain/tlog/statement.ts, approvalPayload) binds the proposal, the statement
 * hash of its base version and the draft hash the reviewer read (the proposal JSON's
 * `contentHash`): a change from a given text, not a text alone. A rebase onto another base or
 * an edit changes the payload, so an older signature no longer verifies for the proposal.
 *
 * Signatures are checked on every read from the stored review, its key and the log's
 * statement hash, never from a stored verdict: a review row written by someone with database
 * access but without the reviewer's private key does not verify and does not count.
 */

/** The statement hash of a version in the transparency log (null if it has none yet). */
export async function baseStatementHash(db: DbOrTx, versionId: string): Promise<string | null> {
  const entry = await db.logEntry.findUnique({ where: { versionId }, select: { statementHash: true } });
  return entry?.statementHash ?? null;
}

/** The fields of the approval a reviewer would sign now for the proposal as it stands. */
export async function currentApprovalFields(db: DbOrTx, proposal: LoadedProposal): Promise<ApprovalFields> {
  return {
    proposalId: proposal.id,
    baseStatementHash: await baseStatementHash(db, proposal.baseVersionId),
    approvedContentHash: draftContentHash(proposal),
    decision: "approve",
  };
}

/** The exact bytes to sign to approve the proposal's current content on its current base. */
export async function currentApprovalPayload(db: DbOrTx, proposal: LoadedProposal): Promise<Uint8Array> {
  return approvalPayload(await currentApprovalFields(db, proposal));
}

export interface StoredReview {
  id: string;
  proposalId: string;
  reviewerId: string;
  decision: string;
  contentHash: string;
  baseVersionId: string | null;
  signature: string | null;
  keyId: string | null;
  createdAt: Date;
}

export interface ReviewSignatureCheck {
  state: ReviewSignatureState;
  /** The key's fingerprint, when the review names a key of its reviewer. */
  keyFingerprint: string | null;
  publicKey: string | null;
  /** The fields the signature covers (for the statement), when it verifies. */
  fields: ApprovalFields | null;
  approvalHash: string | null;
}

const MISSING: ReviewSignatureCheck = { state: "missing", keyFingerprint: null, publicKey: null, fields: null, approvalHash: null };

/**
 * Checks each review's signature over the payload its own row describes (its proposal, the
 * statement hash of its base version, its content hash, approve), with the key it names. The
 * key must be the reviewer's and must not have been retired before the review was given.
 * Objections are not signed: they come back "missing", which only matters for approvals.
 */
export async function checkReviewSignatures(db: DbOrTx, proposal: { id: string; baseVersionId: string }, reviews: readonly StoredReview[]): Promise<Map<string, ReviewSignatureCheck>> {
  const keyIds = [...new Set(reviews.map((review) => review.keyId).filter((id): id is string => id !== null))];
  const keys = await db.reviewerKey.findMany({ where: { id: { in: keyIds } }, include: { revocation: true } });
  const keyById = new Map(keys.map((key) => [key.id, key]));
  const baseIds = [...new Set(reviews.map((review) => review.baseVersionId ?? proposal.baseVersionId))];
  const entries = await db.logEntry.findMany({ where: { versionId: { in: baseIds } }, select: { versionId: true, statementHash: true } });
  const statementHashByVersion = new Map(entries.map((entry) => [entry.versionId, entry.statementHash]));
  const checks = new Map<string, ReviewSignatureCheck>();
  for (const review of reviews) {
    if (review.decision !== "APPROVE" || review.signature === null) {
      checks.set(review.id, MISSING);
      continue;
    }
    const key = review.keyId ? keyById.get(review.keyId) : undefined;
    const invalid: ReviewSignatureCheck = { ...MISSING, state: "invalid", keyFingerprint: key?.fingerprint ?? null, publicKey: key?.publicKey ?? null };
    const keyUsable = !!key && key.userId === review.reviewerId && (!key.revocation || key.revocation.createdAt.getTime() > review.createdAt.getTime());
    if (!keyUsable || review.proposalId !== proposal.id) {
      checks.set(review.id, invalid);
      continue;
    }
    const fields: ApprovalFields = {
      proposalId: review.proposalId,
      baseStatementHash: statementHashByVersion.get(review.baseVersionId ?? proposal.baseVersionId) ?? null,
      approvedContentHash: review.contentHash,
      decision: "approve",
    };
    let verified = false;
    let payload: Uint8Array | null = null;
    try {
      payload = approvalPayload(fields);
      verified = verifyEd25519(decodePublicKey(key.publicKey), payload, decodeBase64(review.signature));
    } catch {
      verified = false;
    }
    checks.set(
      review.id,
      verified && payload
        ? { state: "valid", keyFingerprint: key.fingerprint, publicKey: key.publicKey, fields, approvalHash: approvalHash(payload) }
        : invalid,
    );
  }
  return checks;
}
