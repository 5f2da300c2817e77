import { getDb } from "../../db/client";
import { recordAudit } from "../../db/audit";
import { runTransaction } from "../../db/transaction";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { WEBHOOK_STATUS } from "./webhook-status";

/**
 * Sends a delivery again, now, with the same `webhook-id` and body (a receiver that already has it
 * recognises it by the id): it becomes due with a fresh retry schedule, and its earlier attempts
 * stay in the log. A delivery being sent at this moment is left alone (the attempt under way
 * settles it); replaying it again afterwards works.
 */
export async function replayWebhookDelivery(options: { actor: Actor; deliveryId: string; now?: Date }): Promise<void> {
  authorize(options.actor, "admin:manage");
  const db = await getDb();
  await runTransaction(db, async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: options.deliveryId } });
    if (!delivery) throw new AppError("NOT_FOUND", "webhookDeliveryNotFound");
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { not: WEBHOOK_STATUS.sending } },
      data: { status: WEBHOOK_STATUS.pending, attempts: 0, nextAttemptAt: options.now ?? new Date(), claimToken: null },
    });
    await recordAudit(tx, { actorId: options.actor.id, action: "webhook.replayed", targetType: "webhook_delivery", targetId: delivery.id, data: { endpointId: delivery.endpointId, event: delivery.event } });
  });
}
