import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../../db/client";
import { webhookBody, type WebhookEvent } from "../../domain/webhooks";
import { WEBHOOK_STATUS } from "./webhook-status";

/**
 * Puts one event on the durable queue for every active endpoint that asked for it, in the caller's
 * transaction: the deliveries exist exactly when the change they announce was committed, and the
 * worker (lib/webhooks/worker.ts, in the collaboration server's process) sends them afterwards.
 * Anyone announcing an event calls this inside the transaction of the change, e.g.
 * `await enqueueWebhookEvent(tx, "consultation.opened", { consultation: { id, title, closesAt } })`.
 * `data` must be JSON; it becomes the `data` of the body every receiver gets.
 */
export async function enqueueWebhookEvent(tx: DbOrTx, event: WebhookEvent, data: Record<string, unknown>, options: { now?: Date } = {}): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { active: true }, select: { id: true, events: true } });
  const targets = endpoints.filter((endpoint) => parseEvents(endpoint.events).includes(event));
  if (targets.length === 0) return 0;
  const occurredAt = options.now ?? new Date();
  const body = webhookBody({ event, occurredAt, data });
  await tx.webhookDelivery.createMany({
    data: targets.map((endpoint) => ({
      id: `msg_${randomUUID().replaceAll("-", "")}`,
      endpointId: endpoint.id,
      event,
      body,
      status: WEBHOOK_STATUS.pending,
      nextAttemptAt: occurredAt,
    })),
  });
  return targets.length;
}

/** An endpoint's stored event list; whatever is not a list of strings counts as none. */
export function parseEvents(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}
