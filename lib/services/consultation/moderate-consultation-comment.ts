import { z } from "zod";
import { recordProposalChange } from "../live/announce";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { MAX_HIDE_REASON_LENGTH, hiddenByReports } from "../../domain/consultation";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { syncApprovalState } from "../proposals/approval-state";
import { loadConsultation } from "./shared";
import { inputIssues } from "../../domain/input-issues";

export const moderationInput = z.object({ decision: z.enum(["publish", "hide"]), reason: z.string().optional() });

async function commentOf(tx: Parameters<Parameters<typeof runTransaction>[1]>[0], proposalId: string, commentId: string) {
  const consultation = await loadConsultation(tx, proposalId);
  const comment = await tx.consultationComment.findUnique({ where: { id: commentId } });
  if (!comment || comment.consultationId !== consultation.id) throw new AppError("NOT_FOUND", "consultationCommentNotFound");
  return { consultation, comment };
}

/**
 * The proposing ministry's moderator (its reviewers) or an admin publishes a waiting comment or
 * hides one; hiding needs a reason, and both are audited with it. A hidden comment is kept (the
 * report counts it) but no longer shown or owed an answer.
 */
export async function moderateConsultationComment(options: { actor: Actor; proposalId: string; commentId: string; input: z.input<typeof moderationInput>; now?: Date }) {
  const parsed = moderationInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) });
  const reason = (parsed.data.reason ?? "").trim().normalize("NFC");
  if (parsed.data.decision === "hide" && (reason.length === 0 || reason.length > MAX_HIDE_REASON_LENGTH)) {
    throw new AppError("BAD_REQUEST", "consultationHideReasonRequired", { max: MAX_HIDE_REASON_LENGTH });
  }
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "consultation:moderate", proposalResource(proposal));
    const { comment } = await commentOf(tx, proposal.id, options.commentId);
    const hide = parsed.data.decision === "hide";
    const updated = await tx.consultationComment.update({
      where: { id: comment.id },
      data: { status: hide ? "HIDDEN" : "PUBLISHED", hiddenReason: hide ? reason : null, moderatedById: options.actor.id, moderatedAt: options.now ?? new Date() },
    });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: hide ? "consultation.comment_hidden" : "consultation.comment_approved",
      targetType: "proposal",
      targetId: proposal.id,
      data: hide ? { commentId: comment.id, reason, previousStatus: comment.status } : { commentId: comment.id, previousStatus: comment.status },
    });
    await syncApprovalState(tx, proposal.id);
    return updated;
  });
}

/**
 * Anyone signed in reports a published comment as abusive, once per person. Under
 * post-moderation, the consultation's number of reports hides it (audited, with no person as
 * the actor); the moderator may publish it again.
 */
export async function reportConsultationComment(options: { actor: Actor; proposalId: string; commentId: string }) {
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "consultation:comment", proposalResource(proposal));
    const { consultation, comment } = await commentOf(tx, proposal.id, options.commentId);
    if (comment.status !== "PUBLISHED") return { hidden: comment.status === "HIDDEN" };
    const existing = await tx.consultationReport.findUnique({ where: { commentId_userId: { commentId: comment.id, userId: options.actor.id } } });
    if (!existing) {
      await tx.consultationReport.create({ data: { commentId: comment.id, userId: options.actor.id } });
      await recordProposalChange(tx, { actorId: options.actor.id, action: "consultation.comment_reported", targetType: "proposal", targetId: proposal.id, data: { commentId: comment.id } });
    }
    const reports = await tx.consultationReport.count({ where: { commentId: comment.id } });
    const mode = consultation.moderation;
    if (!hiddenByReports(mode, reports, consultation.hideAfterReports)) return { hidden: false };
    await tx.consultationComment.update({ where: { id: comment.id }, data: { status: "HIDDEN", hiddenReason: "", moderatedById: null, moderatedAt: new Date() } });
    await recordProposalChange(tx, { actorId: null, action: "consultation.comment_hidden", targetType: "proposal", targetId: proposal.id, data: { commentId: comment.id, automatic: true, reports } });
    await syncApprovalState(tx, proposal.id);
    return { hidden: true };
  });
}
