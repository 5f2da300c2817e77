import { runTransaction } from "../../db/transaction";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordAudit } from "../../db/audit";

/** Bounds on the number of approvals: at least one reviewer, and no more than a ministry can staff. */
export const MIN_REQUIRED_APPROVALS = 1;
export const MAX_REQUIRED_APPROVALS = 10;

export async function setApprovalPolicy(options: { actor: Actor; documentId: string; requiredApprovals: number }) {
  authorize(options.actor, "policy:edit");
  const { requiredApprovals } = options;
  if (!Number.isInteger(requiredApprovals) || requiredApprovals < MIN_REQUIRED_APPROVALS || requiredApprovals > MAX_REQUIRED_APPROVALS) {
    throw new AppError("BAD_REQUEST", "approvalsOutOfRange", { min: MIN_REQUIRED_APPROVALS, max: MAX_REQUIRED_APPROVALS });
  }
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const document = await tx.document.findUnique({ where: { id: options.documentId } });
    if (!document) throw new AppError("NOT_FOUND", "documentNotFound");
    await tx.document.update({ where: { id: document.id }, data: { requiredApprovals } });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "policy.changed",
      targetType: "document",
      targetId: document.id,
      data: { from: document.requiredApprovals, to: requiredApprovals },
    });
  });
}
