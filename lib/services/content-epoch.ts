import { getDb } from "../db/client";
import type { AuditAction } from "../db/audit";
import { today } from "./clock";

/**
 * The only audit actions that change what a reader sees: a new published head, a withdrawal
 * (which changes the text in force and every banner), a new edition (listed on the home page and
 * the document's pages), a section's owner, and the name of a ministry shown as an owner. Listing what counts (rather than what
 * does not) keeps the reader caches warm through everything else the product records: sign-ins
 * and failed sign-ins (anyone can cause them), comments, editing sessions, reviews, tokens.
 */
export const READER_CONTENT_ACTIONS = ["version.published", "version.withdrawn", "edition.created", "section.owner_changed", "organization.created", "organization.updated"] as const satisfies readonly AuditAction[];

/**
 * The content epoch of the reader caches (the page cache in proxy.ts, the documents API): the
 * id of the latest audit event that changes a reader's output. Every publish and ownership
 * change writes one in its own transaction, so the epoch read from the database is the same on
 * every web instance: a publish through one instance moves the key on all of them.
 * It also carries today's day by the clock: a prospective version takes effect at the start of
 * its day with no event at all, and nothing cached the day before may outlive it.
 */
export async function contentEpoch(): Promise<string> {
  const db = await getDb();
  const latest = await db.auditEvent.findFirst({
    where: { action: { in: [...READER_CONTENT_ACTIONS] } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return `${latest?.id ?? 0}@${today()}`;
}

/**
 * How long one reading of the content epoch is reused. Under load this turns a query per request
 * into a few per second per instance; a reader may see a page at most this much older than a
 * publish, on whichever instance answers.
 */
export const EPOCH_REUSE_MS = 250;

let memo: { value: Promise<string>; readAt: number } | null = null;

/** The content epoch, read from the database at most once per EPOCH_REUSE_MS by this process. */
export function currentContentEpoch(now: number = Date.now()): Promise<string> {
  if (memo && now - memo.readAt < EPOCH_REUSE_MS) return memo.value;
  const value = contentEpoch();
  const entry = { value, readAt: now };
  memo = entry;
  value.catch(() => {
    if (memo === entry) memo = null;
  });
  return value;
}

/** Forgets the reused epoch, so the next reader request reads it again (after a publish here). */
export function forgetContentEpoch(): void {
  memo = null;
}
