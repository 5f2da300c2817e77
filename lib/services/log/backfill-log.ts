import type { Db } from "../../db/client";
import { loadProposal } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { evaluateProposalPolicy } from "../proposals/approval-state";
import { countedApprovals } from "../proposals/publish-proposal";
import { appendVersionToLog, legacyApprovals } from "./statements";
import type { DbOrTx } from "../../db/client";
import type { LoadedProposal } from "../../db/proposals";
import type { PolicyEvaluation } from "../../domain/review-policy";

async function unsignedLegacyApprovals(tx: DbOrTx, proposal: LoadedProposal, evaluation: PolicyEvaluation) {
  const unsigned = evaluation.reviews.filter((review) => review.reasonNotCounted === "unsigned").map((review) => review.id);
  if (unsigned.length === 0) return [];
  const reviews = await tx.review.findMany({ where: { id: { in: unsigned } }, include: { reviewer: { select: { id: true, name: true } } } });
  return legacyApprovals(
    tx,
    proposal,
    reviews.map((review) => ({ reviewerId: review.reviewer.id, reviewerName: review.reviewer.name, contentHash: review.contentHash })),
  );
}

/**
 * Versions published before the transparency log existed get their statements and leaves at
 * start, in publication order (each document's versions in number order). Their approvals are
 * the ones the policy counts for the proposal now (signed ones with their signatures), and the
 * approvals given before reviewers signed, which the policy would count but for their missing
 * signature, recorded as unsigned legacy approvals.
 * Idempotent: a version with a leaf is skipped, so a start interrupted half-way resumes.
 */
export async function backfillLog(db: Db): Promise<{ appended: number }> {
  const pending = await db.version.findMany({
    where: { logEntry: null },
    select: { id: true, documentId: true, number: true, publishedAt: true, proposalId: true },
    orderBy: [{ publishedAt: "asc" }, { number: "asc" }],
  });
  // Merge the documents' version sequences by publication time, never letting a version pass its predecessor.
  const queues = new Map<string, typeof pending>();
  for (const version of pending) {
    const queue = queues.get(version.documentId) ?? [];
    queue.push(version);
    queues.set(version.documentId, queue);
  }
  for (const queue of queues.values()) queue.sort((a, b) => a.number - b.number);
  let appended = 0;
  for (;;) {
    const heads = [...queues.values()].filter((queue) => queue.length > 0).map((queue) => queue[0]);
    if (heads.length === 0) break;
    heads.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.number - b.number);
    const next = heads[0];
    queues.get(next.documentId)?.shift();
    await runTransaction(db, async (tx) => {
      if (await tx.logEntry.findUnique({ where: { versionId: next.id }, select: { index: true } })) return;
      let approvals: Awaited<ReturnType<typeof countedApprovals>> = [];
      if (next.proposalId) {
        const proposal = await loadProposal(tx, next.proposalId);
        const { evaluation, signatures } = await evaluateProposalPolicy(tx, proposal);
        approvals = [...(await countedApprovals(tx, proposal, evaluation, signatures)), ...(await unsignedLegacyApprovals(tx, proposal, evaluation))];
      }
      await appendVersionToLog(tx, next.id, approvals);
      appended += 1;
    });
  }
  return { appended };
}
