import { z } from "zod";

/**
 * Public consultation on a proposal (lấy ý kiến góp ý), as Vietnam's Law on Promulgation of Legal
 * Documents asks of a draft: a window with a start and an end, a minimum length per document, a
 * comment on the whole draft, a paragraph or a passage of it, moderation, a written answer to
 * every comment (tiếp thu / tiếp thu một phần / không tiếp thu / đã giải trình), and a report.
 * Pure rules; the services read and write the rows.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Longest comment: a reasoned page of argument; a pasted book is not a comment. */
export const MAX_CONSULTATION_COMMENT_LENGTH = 5_000;
/** Longest answer reason: the explanation a report prints for one comment. */
export const MAX_ANSWER_REASON_LENGTH = 5_000;
/** Longest reason for hiding a comment: a sentence or two for the audit log. */
export const MAX_HIDE_REASON_LENGTH = 1_000;
/** Longest consultation: a year; a window that never closes is not a consultation. */
export const MAX_CONSULTATION_DAYS = 366;
/** Bounds of the per-document minimum an administrator sets (the law's periods are 30 to 60 days). */
export const MIN_CONSULTATION_MIN_DAYS = 1;
export const MAX_CONSULTATION_MIN_DAYS = 180;
/** Bounds of the number of reports that hide a comment under post-moderation. */
export const MIN_HIDE_AFTER_REPORTS = 1;
export const MAX_HIDE_AFTER_REPORTS = 100;
/**
 * How far in the past a start may be given and still be taken as "now": the form's clock and
 * the server's differ, and a form filled in a few minutes ago must still open at once.
 */
export const OPENS_AT_GRACE_MS = 15 * 60 * 1000;
/** Longest quoted passage a range anchor carries (for the report); the offsets are the anchor. */
export const MAX_ANCHOR_QUOTE_LENGTH = 1_000;

export const DISPOSITIONS = ["accepted", "partly_accepted", "not_accepted", "explained"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
const STORED_DISPOSITION = {
  accepted: "ACCEPTED",
  partly_accepted: "PARTLY_ACCEPTED",
  not_accepted: "NOT_ACCEPTED",
  explained: "EXPLAINED",
} as const satisfies Record<Disposition, string>;
/** A disposition as its column stores it. */
export type StoredDisposition = (typeof STORED_DISPOSITION)[Disposition];
export function storedDisposition(disposition: Disposition): StoredDisposition {
  return STORED_DISPOSITION[disposition];
}
export function dispositionOf(stored: string): Disposition | null {
  const found = DISPOSITIONS.find((disposition) => STORED_DISPOSITION[disposition] === stored);
  return found ?? null;
}
export function isDisposition(value: string): value is Disposition {
  return (DISPOSITIONS as readonly string[]).includes(value);
}

/** PRE: a first-time commenter's comment waits for the moderator; POST: shown at once, hidden after N reports. */
export const MODERATION_MODES = ["PRE", "POST"] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];
export function isModerationMode(value: string): value is ModerationMode {
  return (MODERATION_MODES as readonly string[]).includes(value);
}

export const COMMENT_STATUSES = { pending: "PENDING", published: "PUBLISHED", hidden: "HIDDEN" } as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[keyof typeof COMMENT_STATUSES];

const id = z.string().min(1).max(64);
/** Where a comment points: the whole proposal, one block (paragraph, heading, item) or a passage of one. */
export const anchorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("proposal") }),
  z.object({ kind: z.literal("block"), sectionId: id, blockId: id }),
  z
    .object({
      kind: z.literal("range"),
      sectionId: id,
      blockId: id,
      /** Character offsets in the block's plain text (NFC), end exclusive. */
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      quote: z.string().max(MAX_ANCHOR_QUOTE_LENGTH).default(""),
    })
    .refine((range) => range.end > range.start, { message: "end must be after start" }),
]);
export type ConsultationAnchor = z.infer<typeof anchorSchema>;
export const WHOLE_PROPOSAL: ConsultationAnchor = { kind: "proposal" };

/** Reads a stored anchor back; an unreadable one is taken as the whole proposal, never a crash. */
export function parseAnchor(json: string): ConsultationAnchor {
  try {
    const parsed = anchorSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : WHOLE_PROPOSAL;
  } catch {
    return WHOLE_PROPOSAL;
  }
}

export type ConsultationPhase = "scheduled" | "open" | "closed";

export function consultationPhase(window: { opensAt: Date; closesAt: Date }, now: Date): ConsultationPhase {
  if (now.getTime() < window.opensAt.getTime()) return "scheduled";
  if (now.getTime() >= window.closesAt.getTime()) return "closed";
  return "open";
}

export type WindowProblem =
  | { problem: "closes_before_opens" }
  | { problem: "opens_in_past" }
  | { problem: "too_short"; minDays: number }
  | { problem: "too_long"; maxDays: number };

/**
 * Whether a window may be opened: it starts now or later, ends after it starts, lasts at least
 * the document's minimum and at most MAX_CONSULTATION_DAYS. A start a little in the past
 * (OPENS_AT_GRACE_MS) is taken as now, and the returned window says so.
 */
export function checkWindow(input: { opensAt: Date; closesAt: Date; now: Date; minDays: number }): { ok: true; opensAt: Date; closesAt: Date } | { ok: false; error: WindowProblem } {
  const { closesAt, now, minDays } = input;
  if (input.opensAt.getTime() < now.getTime() - OPENS_AT_GRACE_MS) return { ok: false, error: { problem: "opens_in_past" } };
  const opensAt = input.opensAt.getTime() < now.getTime() ? now : input.opensAt;
  if (closesAt.getTime() <= opensAt.getTime()) return { ok: false, error: { problem: "closes_before_opens" } };
  const length = closesAt.getTime() - opensAt.getTime();
  if (length < minDays * DAY_MS) return { ok: false, error: { problem: "too_short", minDays } };
  if (length > MAX_CONSULTATION_DAYS * DAY_MS) return { ok: false, error: { problem: "too_long", maxDays: MAX_CONSULTATION_DAYS } };
  return { ok: true, opensAt, closesAt };
}

/**
 * The status of a new comment: under pre-moderation a first-time commenter (nobody has yet
 * published one of their comments on this consultation) waits for the moderator; everyone else,
 * and everyone under post-moderation, is published at once.
 */
export function initialCommentStatus(mode: ModerationMode, commenterHasPublishedComment: boolean): CommentStatus {
  if (mode === "PRE" && !commenterHasPublishedComment) return COMMENT_STATUSES.pending;
  return COMMENT_STATUSES.published;
}

/** Under post-moderation, a published comment is hidden once it has this many reports. */
export function hiddenByReports(mode: ModerationMode, reports: number, threshold: number): boolean {
  return mode === "POST" && reports >= threshold;
}

export interface CommentForCounting {
  status: string;
  disposition: Disposition | null;
}

/**
 * Comments still owed an answer: every comment not hidden (a pending one too, since the
 * moderator must still decide on it) that has no disposition. A proposal that went through a
 * consultation cannot be approved while this is more than zero.
 */
export function unansweredCount(comments: readonly CommentForCounting[]): number {
  return comments.filter((comment) => comment.status !== COMMENT_STATUSES.hidden && comment.disposition === null).length;
}

export interface ReportFigures {
  /** Every comment received, hidden ones included. */
  received: number;
  /** Comments in the report (not hidden). */
  considered: number;
  hidden: number;
  pending: number;
  answered: number;
  unanswered: number;
  /** People who commented (among the comments considered). */
  commenters: number;
  byDisposition: Record<Disposition, number>;
}

export function reportFigures(comments: readonly (CommentForCounting & { authorId: string })[]): ReportFigures {
  const considered = comments.filter((comment) => comment.status !== COMMENT_STATUSES.hidden);
  const byDisposition = Object.fromEntries(DISPOSITIONS.map((disposition) => [disposition, 0])) as Record<Disposition, number>;
  for (const comment of considered) if (comment.disposition) byDisposition[comment.disposition] += 1;
  const answered = considered.filter((comment) => comment.disposition !== null).length;
  return {
    received: comments.length,
    considered: considered.length,
    hidden: comments.length - considered.length,
    pending: considered.filter((comment) => comment.status === COMMENT_STATUSES.pending).length,
    answered,
    unanswered: considered.length - answered,
    commenters: new Set(considered.map((comment) => comment.authorId)).size,
    byDisposition,
  };
}
