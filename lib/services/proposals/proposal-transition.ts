import type { DbOrTx } from "../../db/client";
import { isProposalStatus, transition, type ProposalEvent, type ProposalStatus } from "../../domain/proposal-state";
import { AppError } from "../../errors";

/** Applies a lifecycle event or fails with 409 and changes nothing. */
export async function applyTransition(
  db: DbOrTx,
  proposal: { id: string; status: string },
  event: ProposalEvent,
  extra: { submittedAt?: Date } = {},
): Promise<ProposalStatus> {
  if (!isProposalStatus(proposal.status)) {
    throw new AppError("INVALID_TRANSITION", "unknownStatus", { status: proposal.status });
  }
  const result = transition(proposal.status, event);
  if (!result.ok) {
    throw new AppError("INVALID_TRANSITION", "invalidTransition", { event, status: proposal.status, reason: result.reason });
  }
  // Compare-and-set on the status read, so two concurrent decisions cannot both apply.
  const updated = await db.proposal.updateMany({
    where: { id: proposal.id, status: proposal.status },
    data: { status: result.status, ...extra },
  });
  if (updated.count !== 1) {
    throw new AppError("CONFLICT", "concurrentChange");
  }
  return result.status;
}
