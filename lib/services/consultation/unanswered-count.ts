import type { DbOrTx } from "../../db/client";
import { dispositionOf, unansweredCount } from "../../domain/consultation";

/** Comments of a proposal's consultation still owed an answer, or null when it has no consultation. */
export async function unansweredConsultationCount(db: DbOrTx, proposalId: string): Promise<number | null> {
  const consultation = await db.consultation.findUnique({
    where: { proposalId },
    select: { comments: { select: { status: true, answer: { select: { disposition: true } } } } },
  });
  if (!consultation) return null;
  return unansweredCount(consultation.comments.map((comment) => ({ status: comment.status, disposition: comment.answer ? dispositionOf(comment.answer.disposition) : null })));
}
