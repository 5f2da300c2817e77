import { getDb } from "../../db/client";
import { authorize, type Actor } from "../../policies";
import { parseEvents } from "./enqueue-webhook-event";

/** Recent deliveries shown per endpoint on the admin page; older ones stay in the database. */
export const WEBHOOK_DELIVERIES_SHOWN = 20;
/** Attempts shown per delivery (the latest); a delivery has at most the schedule's eight per replay. */
export const WEBHOOK_ATTEMPTS_SHOWN = 10;

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  allowPrivate: boolean;
  createdAt: string;
  deliveries: {
    id: string;
    event: string;
    status: string;
    attempts: number;
    nextAttemptAt: string;
    lastError: string | null;
    lastStatus: number | null;
    deliveredAt: string | null;
    createdAt: string;
    log: { startedAt: string; durationMs: number; statusCode: number | null; error: string | null; responseBody: string }[];
  }[];
}

/** The admin page's view: every endpoint (never its secret) with its latest deliveries and their attempts. */
export async function listWebhookEndpoints(options: { actor: Actor }): Promise<WebhookEndpointView[]> {
  authorize(options.actor, "admin:manage");
  const db = await getDb();
  const endpoints = await db.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    include: {
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: WEBHOOK_DELIVERIES_SHOWN,
        include: { log: { orderBy: { startedAt: "desc" }, take: WEBHOOK_ATTEMPTS_SHOWN } },
      },
    },
  });
  return endpoints.map((endpoint) => ({
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: parseEvents(endpoint.events),
    active: endpoint.active,
    allowPrivate: endpoint.allowPrivate,
    createdAt: endpoint.createdAt.toISOString(),
    deliveries: endpoint.deliveries.map((delivery) => ({
      id: delivery.id,
      event: delivery.event,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt.toISOString(),
      lastError: delivery.lastError,
      lastStatus: delivery.lastStatus,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
      log: delivery.log.map((attempt) => ({
        startedAt: attempt.startedAt.toISOString(),
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode,
        error: attempt.error,
        responseBody: attempt.responseBody,
      })),
    })),
  }));
}
