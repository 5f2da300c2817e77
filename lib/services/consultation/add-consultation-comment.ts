import { z } from "zod";
import { enforceRateLimit, personRateKey } from "../../auth/rate-limit";
import { recordProposalChange } from "../live/announce";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { addressRateKey } from "../../domain/client-address";
import { MAX_CONSULTATION_COMMENT_LENGTH, WHOLE_PROPOSAL, anchorSchema, consultationPhase, initialCommentStatus } from "../../domain/consultation";
import { isFinal, isProposalStatus } from "../../domain/proposal-state";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { now as clockNow } from "../clock";
import { notify } from "../notifications/notify";
import { syncApprovalState } from "../proposals/approval-state";
import { loadConsultation, printedInstant, resolveAnchor } from "./shared";

export const consultationCommentInput = z.object({
  body: z.string(),
  anchor: z.unknown().optional(),
});

/**
 * Someone signed in (a self-registered reader, anyone) comments while the window is open: on the
 * whole proposal, a block, or a range of a block's text. Before the start or from the end on,
 * the comment is refused (403) with the window's dates. Under pre-moderation a first-time
 * commenter's comment waits for the moderator. Rate-limited per person and per address.
 */
export async function addConsultationComment(options: { actor: Actor; proposalId: string; input: z.input<typeof consultationCommentInput>; clientAddress: string; now?: Date }) {
  const body = typeof options.input.body === "string" ? options.input.body.trim().normalize("NFC") : "";
  if (body.length === 0 || body.length > MAX_CONSULTATION_COMMENT_LENGTH) throw new AppError("BAD_REQUEST", "consultationCommentInvalid", { max: MAX_CONSULTATION_COMMENT_LENGTH });
  const anchorParsed = options.input.anchor === undefined || options.input.anchor === null ? { success: true as const, data: WHOLE_PROPOSAL } : anchorSchema.safeParse(options.input.anchor);
  if (!anchorParsed.success) throw new AppError("BAD_REQUEST", "consultationAnchorInvalid");
  const now = options.now ?? clockNow();
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  authorize(options.actor, "consultation:comment", proposalResource(proposal));
  const consultation = await loadConsultation(db, proposal.id);
  const phase = consultationPhase(consultation, now);
  if (phase === "scheduled") throw new AppError("FORBIDDEN", "consultationNotOpenYet", { opensAt: printedInstant(consultation.opensAt) });
  if (phase === "closed" || (isProposalStatus(proposal.status) && isFinal(proposal.status))) {
    throw new AppError("FORBIDDEN", "consultationClosed", { closedAt: printedInstant(consultation.closesAt < now ? consultation.closesAt : now) });
  }
  const anchor = resolveAnchor(anchorParsed.data, proposal.sections);
  await enforceRateLimit("consultationComment", personRateKey(options.actor));
  await enforceRateLimit("consultationCommentPerClient", `address:${addressRateKey(options.clientAddress)}`);

  return runTransaction(db, async (tx) => {
    const known = await tx.consultationComment.findFirst({ where: { authorId: options.actor.id, status: "PUBLISHED" }, select: { id: true } });
    const mode = consultation.moderation;
    const status = initialCommentStatus(mode, known !== null);
    const comment = await tx.consultationComment.create({
      data: {
        consultationId: consultation.id,
        authorId: options.actor.id,
        body,
        anchor: JSON.stringify(anchor),
        status,
        createdAt: now,
      },
    });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "consultation.comment_added",
      targetType: "proposal",
      targetId: proposal.id,
      data: { commentId: comment.id, status, anchor: anchor.kind },
    });
    await notify(tx, {
      userIds: proposal.authors.map((author) => author.userId),
      event: {
        kind: "consultation_comment",
        params: { commenterName: options.actor.name, proposalTitle: proposal.title, documentSlug: proposal.document.slug, pending: status === "PENDING" },
      },
      proposalId: proposal.id,
      exceptUserId: options.actor.id,
    });
    // A comment owed an answer holds an approved proposal back (review policy).
    await syncApprovalState(tx, proposal.id);
    return comment;
  });
}
