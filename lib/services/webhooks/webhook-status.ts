import type { Holds, SameSet, WebhookDeliveryStatus } from "../../db/enums";

/**
 * A delivery's states: PENDING is due at nextAttemptAt; SENDING is claimed by a worker (a claim
 * older than the lease is taken over); DELIVERED and FAILED are final until an admin replays it.
 */
export const WEBHOOK_STATUS = {
  pending: "PENDING",
  sending: "SENDING",
  delivered: "DELIVERED",
  failed: "FAILED",
} as const;
export type WebhookStatus = WebhookDeliveryStatus;
/** The names above are the column's every value, no more and no fewer. */
export type WebhookStatusesMatchColumn = Holds<SameSet<(typeof WEBHOOK_STATUS)[keyof typeof WEBHOOK_STATUS], WebhookDeliveryStatus>>;
