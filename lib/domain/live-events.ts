import { z } from "zod";

/**
 * What the live event bus carries between web instances: a short signal that something changed,
 * never the change itself. A browser that hears one reads the page again from the database, so
 * the event needs no permission of its own beyond being allowed to follow its topic, and a lost or
 * repeated event costs one refresh at most.
 *
 * Topics: `proposal:<id>` (a comment, a review, a status change, any audited change of that
 * proposal) and `person:<id>` (a new notification for that person).
 */

/** Longest id a topic names: far above a cuid, a bound on what a message from Redis may carry. */
const MAX_ID_LENGTH = 64;
/** Longest change name (an audit action such as `proposal.comment_added`). */
const MAX_CHANGE_LENGTH = 64;

const id = z.string().min(1).max(MAX_ID_LENGTH).regex(/^[A-Za-z0-9_-]+$/);

export const liveEventSchema = z.discriminatedUnion("kind", [
  /** Something a proposal page shows changed. */
  z.object({ kind: z.literal("proposal"), proposalId: id, change: z.string().min(1).max(MAX_CHANGE_LENGTH) }),
  /** A person received a notification. */
  z.object({ kind: z.literal("notification"), userId: id }),
]);

export type LiveEvent = z.infer<typeof liveEventSchema>;

export type LiveTopic = `proposal:${string}` | `person:${string}`;

export function proposalTopic(proposalId: string): LiveTopic {
  return `proposal:${proposalId}`;
}

export function personTopic(userId: string): LiveTopic {
  return `person:${userId}`;
}

/** The one topic an event belongs to. */
export function topicOf(event: LiveEvent): LiveTopic {
  return event.kind === "proposal" ? proposalTopic(event.proposalId) : personTopic(event.userId);
}

/** The wire form (Redis message, a test's record). */
export function encodeLiveEvent(event: LiveEvent): string {
  return JSON.stringify(liveEventSchema.parse(event));
}

/** An event read back from the wire, checked rather than trusted; null for anything else. */
export function decodeLiveEvent(text: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = liveEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
