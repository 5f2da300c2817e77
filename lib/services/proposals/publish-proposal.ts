import { z } from "zod";
import { anchorCommentsToVersion } from "./comment-anchors";
import { runTransaction } from "../../db/transaction";
import { getDb, type Db, type DbOrTx } from "../../db/client";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import { draftSnapshot, loadProposal, proposalResource, type LoadedProposal } from "../../db/proposals";
import { diffDocuments, diffSummaryFacts } from "../../domain/diff";
import { diffSummary } from "../../i18n/diff-summary";
import type { DocumentSnapshot } from "../../domain/document";
import { mergeDocuments, type MergeConflict } from "../../domain/merge";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { notify } from "../notifications/notify";
import { publishVersion, translatePublishError, type PublishedVersion } from "../publish-version";
import { evaluateProposalPolicy, touchedSectionIds } from "./approval-state";
import type { PolicyEvaluation } from "../../domain/review-policy";
import { applyTransition } from "./proposal-transition";
import type { DraftSectionWriter } from "./draft-writer";
import { rebaseProposal } from "./rebase-proposal";
import { signAfterPublish } from "../log/checkpoints";
import type { StatementApproval } from "../../domain/tlog";
import type { ReviewSignatureCheck } from "./approval-signatures";

/**
 * Attempts per publish. A publish that lost a race (another version landed between reading the
 * head and writing) is tried again against the new head, where it merges; several proposals
 * that touch different sections can land one after another this way.
 */
const MAX_PUBLISH_ATTEMPTS = 5;

/** `POST /api/v1/proposals/{id}/publish` body, all optional: `{"effectiveFrom": "YYYY-MM-DD"}`. */
export const publishInput = z.object({ effectiveFrom: z.string().max(10).optional() }).strict();

export type PublishOutcome =
  | { kind: "published"; version: PublishedVersion; merged: boolean }
  | { kind: "merge_needs_review"; conflicts: MergeConflict[] };

/**
 * “Ban hành”: turns an approved proposal into version n+1. The policy is checked again here,
 * with roles read from the database. When the head moved since the proposal's base, the
 * draft is merged three-way: if no section was changed on both sides, the approved text of
 * every touched section is unchanged and the merge is published; otherwise the merged draft
 * goes back to its authors (conflicts) or its reviewers (approvals are stale), and nothing
 * is published.
 */
export async function publishProposal(options: {
  actor: Actor;
  proposalId: string;
  writer: DraftSectionWriter;
  /** The day the version takes effect (YYYY-MM-DD); today when not given (publishVersion). */
  effectiveFrom?: string | null;
  /** The time "today" is taken from (lib/services/clock.ts when not given). */
  now?: Date;
  db?: Db;
}): Promise<PublishOutcome> {
  const db = options.db ?? (await getDb());
  for (let attempt = 1; ; attempt += 1) {
    try {
      const outcome = await runTransaction(db, (tx) => publishOnce(tx, options));
      if (outcome.kind === "published") {
        await signAfterPublish(db);
        return outcome;
      }
      const rebased = await rebaseProposal({ proposalId: options.proposalId, writer: options.writer, actorId: options.actor.id, db });
      return { kind: "merge_needs_review", conflicts: rebased.conflicts };
    } catch (error) {
      const translated = translatePublishError(error);
      const lostRace = translated instanceof AppError && translated.code === "CONFLICT";
      if (lostRace && attempt < MAX_PUBLISH_ATTEMPTS) continue;
      throw translated;
    }
  }
}

type AttemptOutcome = { kind: "published"; version: PublishedVersion; merged: boolean } | { kind: "needs_rebase" };

async function publishOnce(
  tx: DbOrTx,
  { actor, proposalId, effectiveFrom, now }: { actor: Actor; proposalId: string; effectiveFrom?: string | null; now?: Date },
): Promise<AttemptOutcome> {
  const proposal = await loadProposal(tx, proposalId);
  authorize(actor, "proposal:publish", proposalResource(proposal));
  const { evaluation, signatures } = await evaluateProposalPolicy(tx, proposal);
  if (!evaluation.satisfied) {
    const unmet = evaluation.items.filter((item) => !item.ok);
    throw new AppError(
      "POLICY_NOT_MET",
      "policyNotMet",
      { unmet: { vi: unmet.map((item) => item.label.vi).join("; "), en: unmet.map((item) => item.label.en).join("; ") } },
      { unmet },
    );
  }
  const head = await headVersion(tx, proposal.documentId);
  if (!head) throw new AppError("CONFLICT", "nothingPublished", undefined, { headNumber: null });
  const draft = draftSnapshot(proposal);
  const headSnapshot = await loadVersionSnapshot(tx, proposal.document, head.id);

  let toPublish: DocumentSnapshot = draft;
  let merged = false;
  if (head.id !== proposal.baseVersionId) {
    const base = await loadVersionSnapshot(tx, proposal.document, proposal.baseVersionId);
    const result = mergeDocuments(base, headSnapshot, draft);
    const overlap = overlappingSections(base, headSnapshot, draft);
    if (result.conflicts.length > 0 || overlap.length > 0) return { kind: "needs_rebase" };
    toPublish = result.merged;
    merged = true;
  }

  const diff = diffDocuments(headSnapshot, toPublish);
  const summaryFacts = diffSummaryFacts(diff);
  const version = await publishVersion({
    tx,
    documentId: proposal.documentId,
    expectedHeadNumber: head.number,
    snapshot: toPublish,
    actorId: actor.id,
    proposalId: proposal.id,
    // The text is kept for readers of the stored row; history, feeds and notifications render the facts in each reader's language.
    summary: diffSummary(diff, "vi"),
    stats: { ...diff.stats },
    summaryFacts,
    newSectionOwners: newSectionOwners(proposal, headSnapshot, toPublish),
    approvals: await countedApprovals(tx, proposal, evaluation, signatures),
    effectiveFrom,
    now,
  });
  // The version's comments point at its words: ranges of the live draft become block ids and offsets of what is published.
  await anchorCommentsToVersion(tx, proposal, toPublish, version.number);
  await applyTransition(tx, proposal, "publish");
  await recordProposalChange(tx, {
    actorId: actor.id,
    action: "version.published",
    targetType: "proposal",
    targetId: proposal.id,
    data: { number: version.number, hash: version.hash, merged, effectiveFrom: version.effectiveFrom },
  });
  await notify(tx, {
    userIds: proposal.authors.map((author) => author.userId),
    event: { kind: "published", params: { proposalTitle: proposal.title, versionNumber: version.number, changes: summaryFacts } },
    proposalId: proposal.id,
    exceptUserId: actor.id,
  });
  // Everyone who commented in the proposal's consultation hears that the revised text is out.
  const commenters = await tx.consultationComment.findMany({
    where: { consultation: { proposalId: proposal.id }, status: { not: "HIDDEN" } },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  if (commenters.length > 0) {
    await notify(tx, {
      userIds: commenters.map((commenter) => commenter.authorId),
      event: { kind: "consultation_published", params: { proposalTitle: proposal.title, documentSlug: proposal.document.slug, versionNumber: version.number } },
      proposalId: proposal.id,
    });
  }
  return { kind: "published", version, merged };
}

/** Sections both the head (since the base) and the proposal changed: their approved text would not be what is published. */
function overlappingSections(base: DocumentSnapshot, head: DocumentSnapshot, draft: DocumentSnapshot): string[] {
  const changedByHead = new Set(touchedSectionIds(base, head));
  return touchedSectionIds(base, draft).filter((sectionId) => changedByHead.has(sectionId));
}

/** A section a proposal adds belongs to the proposing ministry until an admin reassigns it. */
function newSectionOwners(proposal: LoadedProposal, head: DocumentSnapshot, published: DocumentSnapshot): Record<string, string> {
  const existing = new Set(head.sections.map((section) => section.id));
  return Object.fromEntries(
    published.sections.filter((section) => !existing.has(section.id)).map((section) => [section.id, proposal.organizationId]),
  );
}

/**
 * The approvals the policy counted, for the version's statement: each with the reviewer's
 * signature, key and fingerprint and the fields it covers. Only signed approvals that verify
 * are counted (lib/domain/review-policy.ts), so a counted review always has them.
 */
export async function countedApprovals(tx: DbOrTx, proposal: LoadedProposal, evaluation: PolicyEvaluation, signatures: Map<string, ReviewSignatureCheck>): Promise<StatementApproval[]> {
  const counted = new Set(evaluation.reviews.filter((review) => review.counted).map((review) => review.id));
  const reviews = await tx.review.findMany({
    where: { proposalId: proposal.id, id: { in: [...counted] } },
    include: { reviewer: { select: { id: true, name: true } } },
  });
  return reviews.map((review): StatementApproval => {
    const check = signatures.get(review.id);
    if (check?.state !== "valid" || !check.fields || !check.publicKey || !check.keyFingerprint || !check.approvalHash || !review.signature) {
      throw new Error(`review ${review.id} was counted without a verified signature`);
    }
    return {
      signing: "ed25519",
      reviewer: { id: review.reviewer.id, name: review.reviewer.name.normalize("NFC") },
      decision: "approve",
      baseStatementHash: check.fields.baseStatementHash,
      approvedContentHash: check.fields.approvedContentHash,
      approvalHash: check.approvalHash,
      publicKey: check.publicKey,
      keyFingerprint: check.keyFingerprint,
      signature: review.signature,
    };
  });
}
