import { z } from "zod";
import { recordProposalChange } from "../live/announce";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { checkWindow } from "../../domain/consultation";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { now as clockNow } from "../clock";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";

/** ISO 8601 instants with a zone (`Z` or an offset), so no reader's time zone is guessed. */
const instant = z.iso.datetime({ offset: true });
export const openConsultationInput = z.object({ opensAt: z.string().max(64), closesAt: z.string().max(64) });

/**
 * The authors (or an admin) open a proposal in review for public comment, from `opensAt` to
 * `closesAt`, at least the document's minimum period (Document.consultationMinDays). The
 * document's moderation setting at this moment stays with the consultation. One per proposal.
 */
export async function openConsultation(options: { actor: Actor; proposalId: string; input: z.input<typeof openConsultationInput>; now?: Date }) {
  const parsed = openConsultationInput.safeParse(options.input);
  if (!parsed.success || !instant.safeParse(parsed.data.opensAt).success || !instant.safeParse(parsed.data.closesAt).success) {
    throw new AppError("BAD_REQUEST", "consultationInvalidDates");
  }
  const requestedOpensAt = new Date(parsed.data.opensAt);
  const closesAt = new Date(parsed.data.closesAt);
  const now = options.now ?? clockNow();
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    if (proposal.status !== "IN_REVIEW") {
      authorize(options.actor, "proposal:read", proposalResource(proposal));
      throw new AppError("CONFLICT", "consultationNotInReview");
    }
    authorize(options.actor, "consultation:open", proposalResource(proposal));
    if (await tx.consultation.findUnique({ where: { proposalId: proposal.id }, select: { id: true } })) throw new AppError("CONFLICT", "consultationExists");
    const window = checkWindow({ opensAt: requestedOpensAt, closesAt, now, minDays: proposal.document.consultationMinDays });
    if (!window.ok) {
      const error = window.error;
      if (error.problem === "too_short") throw new AppError("BAD_REQUEST", "consultationTooShort", { minDays: error.minDays });
      if (error.problem === "too_long") throw new AppError("BAD_REQUEST", "consultationTooLong", { maxDays: error.maxDays });
      if (error.problem === "opens_in_past") throw new AppError("BAD_REQUEST", "consultationOpensInPast");
      throw new AppError("BAD_REQUEST", "consultationClosesBeforeOpens");
    }
    const moderation = proposal.document.consultationModeration;
    const consultation = await tx.consultation.create({
      data: {
        proposalId: proposal.id,
        opensAt: window.opensAt,
        closesAt: window.closesAt,
        openedById: options.actor.id,
        moderation,
        hideAfterReports: proposal.document.consultationHideAfterReports,
      },
    });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "consultation.opened",
      targetType: "proposal",
      targetId: proposal.id,
      data: { consultationId: consultation.id, opensAt: consultation.opensAt.toISOString(), closesAt: consultation.closesAt.toISOString(), moderation },
    });
    await enqueueWebhookEvent(tx, "consultation.opened", {
      consultation: {
        id: consultation.id,
        proposalId: proposal.id,
        title: proposal.title,
        document: proposal.document.slug,
        opensAt: consultation.opensAt.toISOString(),
        closesAt: consultation.closesAt.toISOString(),
        url: `/${proposal.document.slug}/gop-y/${proposal.id}`,
      },
    });
    return consultation;
  });
}
