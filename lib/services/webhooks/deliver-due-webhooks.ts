import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { retryWhileBusy } from "../../db/transaction";
import { encodeWebhookFailure } from "../../domain/webhook-failure";
import { isWebhookSuccess, nextWebhookAttempt, webhookHeaders } from "../../domain/webhooks";
import { sendWebhookRequest, WEBHOOK_TIMEOUT_MS, type WebhookSendResult } from "../../webhooks/http-client";
import { WEBHOOK_STATUS, type WebhookStatus } from "./webhook-status";

/**
 * How long a claim holds. A worker that claimed a delivery and died (crash, kill, restart) leaves
 * it SENDING; after this long another worker (or the same one restarted) takes it over. Many times
 * one attempt's bound (WEBHOOK_TIMEOUT_MS), so a live attempt is never taken over.
 */
export const WEBHOOK_CLAIM_LEASE_MS = 12 * WEBHOOK_TIMEOUT_MS;
/** Deliveries one pass claims at most; the worker runs passes back to back while they come back full. */
export const WEBHOOK_BATCH_SIZE = 20;

export interface WebhookDeliveryReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

function dueWhere(now: Date) {
  return {
    OR: [
      { status: WEBHOOK_STATUS.pending, nextAttemptAt: { lte: now } },
      { status: WEBHOOK_STATUS.sending, claimedAt: { lt: new Date(now.getTime() - WEBHOOK_CLAIM_LEASE_MS) } },
    ],
  };
}

/**
 * One pass of the queue: claims due deliveries one by one with a compare-and-set (an UPDATE whose
 * WHERE still requires the row to be due, so of two workers exactly one gets each), signs and
 * sends each with this attempt's timestamp, logs the attempt (status, a capped start of the
 * response, or the error), and settles the delivery against its claim: delivered on a 2xx, else
 * due again after the next pause of the schedule (lib/domain/webhooks.ts), or failed when the
 * schedule is spent (or at once when the address was refused). An endpoint switched off or removed since is settled as failed.
 */
export async function deliverDueWebhooks(options: { db: Db; now?: () => Date; batchSize?: number }): Promise<WebhookDeliveryReport> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const report: WebhookDeliveryReport = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  const candidates = await db.webhookDelivery.findMany({
    where: dueWhere(now()),
    orderBy: { nextAttemptAt: "asc" },
    take: options.batchSize ?? WEBHOOK_BATCH_SIZE,
    select: { id: true },
  });
  for (const { id } of candidates) {
    const claimToken = randomUUID();
    const claimedAt = now();
    const { count } = await retryWhileBusy(() =>
      db.webhookDelivery.updateMany({
        where: { id, ...dueWhere(claimedAt) },
        data: { status: WEBHOOK_STATUS.sending, claimedAt, claimToken, attempts: { increment: 1 } },
      }),
    );
    if (count !== 1) continue;
    report.claimed += 1;
    const delivery = await db.webhookDelivery.findUnique({ where: { id }, include: { endpoint: true } });
    if (!delivery) continue;
    const settle = (data: { status: WebhookStatus; lastError?: string | null; lastStatus?: number | null; deliveredAt?: Date; nextAttemptAt?: Date }) =>
      retryWhileBusy(() => db.webhookDelivery.updateMany({ where: { id, claimToken }, data: { ...data, claimToken: null } }));

    if (!delivery.endpoint.active) {
      await settle({ status: WEBHOOK_STATUS.failed, lastError: encodeWebhookFailure({ kind: "endpointOff" }) });
      report.failed += 1;
      continue;
    }
    const startedAt = now();
    const timestampSeconds = Math.floor(startedAt.getTime() / 1000);
    let result: WebhookSendResult;
    try {
      const headers = webhookHeaders({ secret: delivery.endpoint.secret, id: delivery.id, timestampSeconds, body: delivery.body });
      result = await sendWebhookRequest({ url: delivery.endpoint.url, allowPrivate: delivery.endpoint.allowPrivate, headers, body: delivery.body });
    } catch (error) {
      result = { kind: "error", failure: { kind: "network", code: error instanceof Error ? error.message : String(error) } };
    }
    const durationMs = Math.max(0, now().getTime() - startedAt.getTime());
    const statusCode = result.kind === "response" ? result.status : null;
    // Stored as a failure kind plus its technical detail (lib/domain/webhook-failure.ts), worded where it is read.
    const error =
      result.kind === "response"
        ? isWebhookSuccess(result.status) ? null : encodeWebhookFailure({ kind: "httpStatus", status: result.status })
        : encodeWebhookFailure(result.failure);
    await retryWhileBusy(() =>
      db.webhookAttempt.create({
        data: { deliveryId: id, startedAt, durationMs, statusCode, error, responseBody: result.kind === "response" ? result.body : "" },
      }),
    );
    if (result.kind === "response" && isWebhookSuccess(result.status)) {
      await settle({ status: WEBHOOK_STATUS.delivered, deliveredAt: now(), lastError: null, lastStatus: statusCode });
      report.delivered += 1;
      continue;
    }
    // A refused address stays refused until an admin allows private targets and replays it.
    const next = result.kind === "refused" ? null : nextWebhookAttempt(delivery.attempts, now());
    if (next) {
      await settle({ status: WEBHOOK_STATUS.pending, nextAttemptAt: next, lastError: error, lastStatus: statusCode });
      report.retried += 1;
    } else {
      await settle({ status: WEBHOOK_STATUS.failed, lastError: error, lastStatus: statusCode });
      report.failed += 1;
    }
  }
  return report;
}
