import { z } from "zod";
import type { Holds, OutboundEmailStatus, SameSet } from "../db/enums";
import { diffSummaryFactsSchema } from "../domain/diff/summary-facts";
import { notificationEventSchema } from "../domain/notification-events";

/**
 * What an outbox row (OutboundEmail) carries: a kind and its parameters, put into words for the
 * recipient's language only when sent (lib/mail/templates.ts). Each kind has the schema of its
 * parameters, so a row read back is checked, not trusted.
 */
/** Longest title an email carries: far above any document or section title, a bound on what a row may hold. */
const MAX_TITLE_LENGTH = 2_000;
const title = z.string().max(MAX_TITLE_LENGTH);

const notificationItem = z.object({ notification: notificationEventSchema, proposalId: z.string().nullable() });

export const OUTBOUND_PARAMS = {
  /** One notification to a person who chose immediate emails. */
  notification: notificationItem,
  /** A person's held notifications, folded into one email by the daily digest. */
  digest: z.object({ items: z.array(notificationItem.extend({ createdAt: z.string() })).min(1) }),
  /** The double opt-in link for a new subscription. */
  subscription_confirmation: z.object({ documentTitle: title, sectionTitle: title.nullable() }),
  /** The link that confirms a self-registered reader account (a ReaderRegistration). */
  registration_confirmation: z.object({ name: title }),
  /** A new version of a document a subscriber follows. */
  version_published: z.object({
    documentSlug: z.string(),
    documentTitle: title,
    versionNumber: z.number().int().positive(),
    publishedAt: z.string(),
    changedSections: z.array(z.object({ slug: z.string(), title })),
    /** What changed, as counts put into words in each subscriber's language; absent for the first version and rows queued before it was kept. */
    changes: diffSummaryFactsSchema.nullable().optional(),
  }),
} as const;

export const outboundEmailSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("notification"), params: OUTBOUND_PARAMS.notification }),
  z.object({ kind: z.literal("digest"), params: OUTBOUND_PARAMS.digest }),
  z.object({ kind: z.literal("subscription_confirmation"), params: OUTBOUND_PARAMS.subscription_confirmation }),
  z.object({ kind: z.literal("version_published"), params: OUTBOUND_PARAMS.version_published }),
  z.object({ kind: z.literal("registration_confirmation"), params: OUTBOUND_PARAMS.registration_confirmation }),
]);

export type OutboundEmailContent = z.infer<typeof outboundEmailSchema>;
export type OutboundKind = OutboundEmailContent["kind"];
export type OutboundParams<Kind extends OutboundKind> = Extract<OutboundEmailContent, { kind: Kind }>["params"];

/** The row's columns for a kind and its parameters. */
export function outboundColumns<Kind extends OutboundKind>(kind: Kind, params: OutboundParams<Kind>): { kind: Kind; params: string } {
  return { kind, params: JSON.stringify(params) };
}

/** Reads a row's kind and parameters back; null when they do not fit (the row is then marked failed, not retried). */
export function parseOutboundEmail(kind: string, paramsJson: string): OutboundEmailContent | null {
  let params: unknown;
  try {
    params = JSON.parse(paramsJson);
  } catch {
    return null;
  }
  const parsed = outboundEmailSchema.safeParse({ kind, params });
  return parsed.success ? parsed.data : null;
}

/**
 * Row states. HELD waits for the daily digest; PENDING is due at nextAttemptAt; SENDING is claimed
 * by a worker; SENT, FAILED, BATCHED (folded into a digest) and CANCELLED (recipient gone or
 * unsubscribed) are final.
 */
export const OUTBOUND_STATUS = {
  held: "HELD",
  pending: "PENDING",
  sending: "SENDING",
  sent: "SENT",
  failed: "FAILED",
  batched: "BATCHED",
  cancelled: "CANCELLED",
} as const;
/** The names above are the column's every value, no more and no fewer. */
export type OutboundStatusesMatchColumn = Holds<SameSet<(typeof OUTBOUND_STATUS)[keyof typeof OUTBOUND_STATUS], OutboundEmailStatus>>;
