import { getDb } from "../../db/client";
import { recordAudit } from "../../db/audit";
import { runTransaction } from "../../db/transaction";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";

/**
 * Switches an endpoint on or off, or allows or forbids it private targets (loopback, private
 * networks, link-local: addresses inside our own network, refused by default against server-side
 * request forgery). Each change is audited with the values before and after.
 */
export async function setWebhookEndpoint(options: { actor: Actor; endpointId: string; change: { active?: boolean; allowPrivate?: boolean } }): Promise<void> {
  authorize(options.actor, "admin:manage");
  const db = await getDb();
  await runTransaction(db, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: options.endpointId } });
    if (!endpoint) throw new AppError("NOT_FOUND", "webhookNotFound");
    const active = options.change.active ?? endpoint.active;
    const allowPrivate = options.change.allowPrivate ?? endpoint.allowPrivate;
    if (active === endpoint.active && allowPrivate === endpoint.allowPrivate) return;
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { active, allowPrivate } });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "webhook.updated",
      targetType: "webhook",
      targetId: endpoint.id,
      data: { url: endpoint.url, before: { active: endpoint.active, allowPrivate: endpoint.allowPrivate }, after: { active, allowPrivate } },
    });
  });
}
