import { z } from "zod";
import { recordProposalChange } from "../live/announce";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { DISPOSITIONS, MAX_ANSWER_REASON_LENGTH, storedDisposition } from "../../domain/consultation";
import { isFinal, isProposalStatus } from "../../domain/proposal-state";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { notify } from "../notifications/notify";
import { syncApprovalState } from "../proposals/approval-state";
import { loadConsultation } from "./shared";

export const answerInput = z.object({
  disposition: z.enum(DISPOSITIONS),
  reason: z.string().trim().min(1).max(MAX_ANSWER_REASON_LENGTH),
});

/**
 * The authors answer one published comment with a disposition (accepted, partly accepted, not
 * accepted, explained) and a reason; a later answer replaces it while the proposal is open. The
 * commenter is told (notification and email).
 */
export async function answerConsultationComment(options: { actor: Actor; proposalId: string; commentId: string; input: z.input<typeof answerInput> }) {
  const parsed = answerInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "consultationAnswerInvalid", { max: MAX_ANSWER_REASON_LENGTH });
  const { disposition } = parsed.data;
  const reason = parsed.data.reason.normalize("NFC");
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "consultation:answer", proposalResource(proposal));
    const consultation = await loadConsultation(tx, proposal.id);
    const comment = await tx.consultationComment.findUnique({ where: { id: options.commentId } });
    if (!comment || comment.consultationId !== consultation.id) throw new AppError("NOT_FOUND", "consultationCommentNotFound");
    if (comment.status !== "PUBLISHED") throw new AppError("CONFLICT", "consultationCommentNotPublished");
    if (isProposalStatus(proposal.status) && isFinal(proposal.status)) throw new AppError("INVALID_TRANSITION", "consultationProposalFinal");
    const answer = await tx.consultationAnswer.upsert({
      where: { commentId: comment.id },
      create: { commentId: comment.id, disposition: storedDisposition(disposition), reason, answeredById: options.actor.id },
      update: { disposition: storedDisposition(disposition), reason, answeredById: options.actor.id },
    });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "consultation.answered",
      targetType: "proposal",
      targetId: proposal.id,
      data: { commentId: comment.id, disposition },
    });
    await notify(tx, {
      userIds: [comment.authorId],
      event: { kind: "consultation_answer", params: { proposalTitle: proposal.title, documentSlug: proposal.document.slug, disposition } },
      proposalId: proposal.id,
      exceptUserId: options.actor.id,
    });
    await syncApprovalState(tx, proposal.id);
    return { commentId: comment.id, disposition, reason: answer.reason };
  });
}
