import { runTransaction } from "../../db/transaction";
import { z } from "zod";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { canReviewerApprove } from "../../domain/review-policy";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordAudit } from "../../db/audit";
import { notify } from "../notifications/notify";
import { evaluateProposalPolicy, syncApprovalState } from "./approval-state";
import { applyTransition } from "./proposal-transition";

export const MAX_REVIEW_COMMENT_LENGTH = 10_000;

export const reviewInput = z.object({
  decision: z.enum(["approve", "request_changes", "reject"]),
  comment: z.string().trim().max(MAX_REVIEW_COMMENT_LENGTH).optional().default(""),
  /** The draft hash the reviewer read; when given and stale, the review is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

const DECISIONS = { approve: "APPROVE", request_changes: "REQUEST_CHANGES", reject: "REJECT" } as const;

/**
 * Records a reviewer's decision, bound to the hash of the draft at this moment: an edit made
 * afterwards makes an approval stale. Nobody who wrote or edited the proposal may approve it.
 */
export async function reviewProposal(options: { actor: Actor; proposalId: string; input: z.input<typeof reviewInput> }) {
  const parsed = reviewInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", `Quyết định không hợp lệ (invalid review): ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  const input = parsed.data;
  if (input.decision !== "approve" && input.comment.length === 0) {
    throw new AppError("BAD_REQUEST", "Hãy ghi nhận xét khi yêu cầu chỉnh sửa hoặc từ chối (a comment is required).");
  }
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:review", proposalResource(proposal));
    const { contentHash, contributorIds } = await evaluateProposalPolicy(tx, proposal);
    if (input.decision === "approve" && !canReviewerApprove(options.actor.id, contributorIds)) {
      throw new AppError("FORBIDDEN", "Bạn đã soạn hoặc sửa đề xuất này nên không thể phê duyệt (separation of duties).");
    }
    if (input.contentHash && input.contentHash !== contentHash) {
      throw new AppError("CONFLICT", "Nội dung đã thay đổi sau khi bạn đọc; hãy xem lại bản mới nhất (content changed since you read it).", { contentHash });
    }
    const review = await tx.review.create({
      data: { proposalId: proposal.id, reviewerId: options.actor.id, decision: DECISIONS[input.decision], comment: input.comment, contentHash },
    });
    if (input.decision === "request_changes") await applyTransition(tx, proposal, "request_changes");
    if (input.decision === "reject") await applyTransition(tx, proposal, "reject");
    const status = input.decision === "approve" ? await syncApprovalState(tx, proposal.id) : (await tx.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status;
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "proposal.reviewed",
      targetType: "proposal",
      targetId: proposal.id,
      data: { reviewId: review.id, decision: review.decision, contentHash },
    });
    await notify(tx, {
      userIds: proposal.authors.map((author) => author.userId),
      event: { kind: "decision", params: { reviewerName: options.actor.name, decision: input.decision, proposalTitle: proposal.title } },
      proposalId: proposal.id,
      exceptUserId: options.actor.id,
    });
    return { review, status };
  });
}
