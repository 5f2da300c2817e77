import { z } from "zod";
import { DISPOSITIONS } from "./consultation";
import { diffSummaryFactsSchema } from "./diff/summary-facts";

/**
 * What a notification says, as a kind and its parameters: stored so (Notification.kind and
 * .params, the mail outbox) and put into words only when someone reads it, in their language
 * (the `notifications` namespace of lib/i18n). Each kind has the schema of its parameters, so a
 * row read back from the database is checked, not trusted.
 */
export const DECISIONS = ["approve", "request_changes", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];
/** What the authors did with suggested changes (lib/services/suggestions/decide-suggestions.ts). */
export const SUGGESTION_DECISIONS = ["accept", "reject"] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];

/** Longest title or name a notification carries: far above any proposal title, a bound on what a row may hold. */
const MAX_TEXT_PARAM_LENGTH = 2_000;
const text = z.string().max(MAX_TEXT_PARAM_LENGTH);

export const NOTIFICATION_PARAMS = {
  review_requested: z.object({ proposalTitle: text, organizationName: text }),
  decision: z.object({ reviewerName: text, decision: z.enum(DECISIONS), proposalTitle: text }),
  comment: z.object({ authorName: text, proposalTitle: text, reply: z.boolean() }),
  /** `changes`: what the version changed, said in the reader's language (absent on rows from before it was stored). */
  published: z.object({ proposalTitle: text, versionNumber: z.number().int().positive(), changes: diffSummaryFactsSchema.optional() }),
  merge_conflict: z.object({ proposalTitle: text, conflictCount: z.number().int().nonnegative(), versionNumber: z.number().int().positive() }),
  coauthor_added: z.object({ inviterName: text, proposalTitle: text }),
  /** To the authors: someone commented in the proposal's public consultation. */
  consultation_comment: z.object({ commenterName: text, proposalTitle: text, documentSlug: text, pending: z.boolean() }),
  /** To a commenter: the authors answered their comment. */
  consultation_answer: z.object({ proposalTitle: text, documentSlug: text, disposition: z.enum(DISPOSITIONS) }),
  /** To a commenter: the revised text they commented on was published. */
  consultation_published: z.object({ proposalTitle: text, documentSlug: text, versionNumber: z.number().int().positive() }),
  /** To the authors: someone else suggested a change to their draft (suggestion mode). */
  suggestion_made: z.object({ suggesterName: text, proposalTitle: text }),
  /** To a suggestion's author: the authors accepted or rejected `count` of their suggestions at once. */
  suggestion_decided: z.object({ deciderName: text, proposalTitle: text, decision: z.enum(SUGGESTION_DECISIONS), count: z.number().int().positive() }),
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_PARAMS;
export type NotificationParams<Kind extends NotificationKind = NotificationKind> = z.infer<(typeof NOTIFICATION_PARAMS)[Kind]>;

/** A whole event, kind and parameters, for events stored inside other JSON (an email digest). */
export const notificationEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("review_requested"), params: NOTIFICATION_PARAMS.review_requested }),
  z.object({ kind: z.literal("decision"), params: NOTIFICATION_PARAMS.decision }),
  z.object({ kind: z.literal("comment"), params: NOTIFICATION_PARAMS.comment }),
  z.object({ kind: z.literal("published"), params: NOTIFICATION_PARAMS.published }),
  z.object({ kind: z.literal("merge_conflict"), params: NOTIFICATION_PARAMS.merge_conflict }),
  z.object({ kind: z.literal("coauthor_added"), params: NOTIFICATION_PARAMS.coauthor_added }),
  z.object({ kind: z.literal("consultation_comment"), params: NOTIFICATION_PARAMS.consultation_comment }),
  z.object({ kind: z.literal("consultation_answer"), params: NOTIFICATION_PARAMS.consultation_answer }),
  z.object({ kind: z.literal("consultation_published"), params: NOTIFICATION_PARAMS.consultation_published }),
  z.object({ kind: z.literal("suggestion_made"), params: NOTIFICATION_PARAMS.suggestion_made }),
  z.object({ kind: z.literal("suggestion_decided"), params: NOTIFICATION_PARAMS.suggestion_decided }),
]);

/** The public consultation page a consultation notification points to, instead of the workspace. */
export function consultationPathOf(event: NotificationEvent, proposalId: string | null): string | null {
  if (!proposalId) return null;
  if (event.kind !== "consultation_answer" && event.kind !== "consultation_published" && event.kind !== "consultation_comment") return null;
  return `/${encodeURIComponent(event.params.documentSlug)}/gop-y/${encodeURIComponent(proposalId)}`;
}

/** One kind with its parameters; a union over every kind, so `kind` tells TypeScript the shape of `params`. */
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/**
 * Reads a stored event back: null when the kind is unknown or the parameters do not fit it
 * (a row written by a newer or older release), so that one odd row never breaks a page.
 */
export function parseNotificationEvent(kind: string, paramsJson: string): NotificationEvent | null {
  let params: unknown;
  try {
    params = JSON.parse(paramsJson);
  } catch {
    return null;
  }
  const parsed = notificationEventSchema.safeParse({ kind, params });
  return parsed.success ? parsed.data : null;
}
