import { getDb } from "../../db/client";
import { recordAudit } from "../../db/audit";
import { runTransaction } from "../../db/transaction";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";

/** Removes an endpoint with its deliveries and their log (audited: the URL and events stay on record). */
export async function deleteWebhookEndpoint(options: { actor: Actor; endpointId: string }): Promise<void> {
  authorize(options.actor, "admin:manage");
  const db = await getDb();
  await runTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: options.endpointId } });
    if (!endpoint) throw new AppError("NOT_FOUND", "webhookNotFound");
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, { actorId: options.actor.id, action: "webhook.deleted", targetType: "webhook", targetId: endpoint.id, data: { url: endpoint.url, events: endpoint.events } });
  });
}
