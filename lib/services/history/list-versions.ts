import { getDb, type DbOrTx } from "../../db/client";
import { listVersionRecords, listVersionRecordsByNumber, listVersionToc, loadProposalDraft, type VersionRecord } from "../../db/history";
import { headVersion } from "../../db/documents";
import { draftContentHash } from "../../db/proposals";
import { publishedApprovals } from "../../domain/history/approvals";
import { authorize, type Actor } from "../../policies";
import { requireDocument } from "./lookup";
import { versionInForce } from "../in-force";
import { cachedOrCreate, derivedCache } from "../../domain/derived-cache";
import { summaryFactsFromStats, type DiffSummaryFacts } from "../../domain/diff";
import { versionSummaryText } from "../../i18n/diff-summary";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";

export interface PersonRef {
  id: string;
  name: string;
}

export interface ApprovalRef {
  reviewer: PersonRef;
  organization: { name: string; nameEn: string } | null;
  approvedAt: Date;
}

export interface VersionHistoryEntry {
  number: number;
  hash: string;
  prevHash: string | null;
  publishedAt: Date;
  /** The day it took or takes effect (YYYY-MM-DD). */
  effectiveFrom: string;
  /** The summary as stored at publication (Vietnamese); readers get summaryFacts in their language when present. */
  summary: string;
  /** What the summary says as counts (null for versions published before they were stored, and the first). */
  summaryFacts: DiffSummaryFacts | null;
  /** Counts of the change from the previous version (DiffStats as stored at publish). */
  stats: Record<string, number>;
  proposal: { id: string; title: string; kind: string } | null;
  /** The proposing ministry. */
  organization: { slug: string; name: string; nameEn: string } | null;
  /** The author first, then co-authors. */
  authors: PersonRef[];
  approvals: ApprovalRef[];
  publisher: PersonRef | null;
}

export interface DocumentHistory {
  document: { id: string; slug: string; title: string };
  /** Oldest first: every version, or one page of them. */
  versions: VersionHistoryEntry[];
  /** The latest version's number (0 before the first). */
  headNumber: number;
  /** The version in force today (null before the first takes effect). */
  inForceNumber: number | null;
  /** When `versions` is a page with older versions beyond it: the number to ask `before` next. */
  olderBefore: number | null;
  /** The current version's sections, in reading order. */
  currentSections: { id: string; slug: string; title: string }[];
}

/** Versions per page of the history: enough to scroll, few enough that a page costs the same at any length of history. */
export const HISTORY_PAGE_SIZE = 50;

/**
 * Approvals per published version. A published proposal can no longer be reviewed or
 * edited, so the answer for a version never changes; the bound keeps memory flat for
 * documents with thousands of versions.
 */
const APPROVALS_KEPT = 2_000;
const approvalsByVersion = derivedCache<ApprovalRef[]>(APPROVALS_KEPT);

/**
 * The published versions of a document with who proposed, approved and published them: all of
 * them, or one page (the newest `page.size`, below `page.before` when given), so that a page of
 * history costs the same however long the history is.
 */
export async function listVersions(options: {
  slug: string;
  page?: { size: number; before?: number };
  actor?: Actor | null;
  db?: DbOrTx;
}): Promise<DocumentHistory> {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const [records, head] = await Promise.all([
    listVersionRecords(db, document.id, options.page ? { newest: options.page.size, before: options.page.before } : {}),
    headVersion(db, document.id),
  ]);
  const versions = await toEntries(db, records);
  const oldest = records[0]?.number ?? 1;
  const currentSections = head ? await listVersionToc(db, head.id) : [];
  return {
    document: { id: document.id, slug: document.slug, title: document.title },
    versions,
    headNumber: head?.number ?? 0,
    inForceNumber: (await versionInForce(db, document.id))?.number ?? null,
    olderBefore: options.page && oldest > 1 ? oldest : null,
    currentSections,
  };
}

/** Every version's number and publication time, oldest first: what a version picker lists. */
export async function listVersionDates(options: { slug: string; actor?: Actor | null; db?: DbOrTx }) {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const versions = await db.version.findMany({ where: { documentId: document.id }, orderBy: { number: "asc" }, select: { number: true, publishedAt: true } });
  return { document: { id: document.id, slug: document.slug, title: document.title }, versions };
}

/** History entries of the given version numbers of a document (those that exist), oldest first. */
export async function versionEntries(db: DbOrTx, documentId: string, numbers: Iterable<number>): Promise<VersionHistoryEntry[]> {
  return toEntries(db, await listVersionRecordsByNumber(db, documentId, numbers));
}

async function toEntries(db: DbOrTx, records: readonly VersionRecord[]): Promise<VersionHistoryEntry[]> {
  const entries: VersionHistoryEntry[] = [];
  for (const record of records) entries.push(await toEntry(db, record));
  return entries;
}

async function toEntry(db: DbOrTx, record: VersionRecord): Promise<VersionHistoryEntry> {
  const { proposal } = record;
  const authors = proposal
    ? [...proposal.authors].sort((a, b) => Number(b.role === "AUTHOR") - Number(a.role === "AUTHOR")).map((author) => author.user)
    : [];
  return {
    number: record.number,
    hash: record.hash,
    prevHash: record.prevHash,
    publishedAt: record.publishedAt,
    effectiveFrom: record.effectiveFrom,
    summary: record.summary,
    summaryFacts: summaryFactsFromStats(record.stats),
    stats: parseStats(record.stats),
    proposal: proposal ? { id: proposal.id, title: proposal.title, kind: proposal.kind } : null,
    organization: proposal?.organization ?? null,
    authors,
    approvals: proposal ? await approvalsFor(db, record) : [],
    publisher: record.publishedBy,
  };
}

async function approvalsFor(db: DbOrTx, record: VersionRecord): Promise<ApprovalRef[]> {
  const proposal = record.proposal;
  if (!proposal || proposal.reviews.length === 0) return [];
  return cachedOrCreate(approvalsByVersion, record.id, async () => {
    const draft = await loadProposalDraft(db, proposal.id);
    if (!draft) return [];
    const approved = publishedApprovals(proposal.reviews, draftContentHash(draft), record.publishedAt);
    return approved.map((review) => ({
      reviewer: { id: review.reviewer.id, name: review.reviewer.name },
      organization: review.reviewer.organization,
      approvedAt: review.createdAt,
    }));
  });
}

/** Stored stats are JSON written by the publisher; anything that is not a count is ignored. */
export function parseStats(raw: string): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1])),
  );
}

/** The JSON of one version in `GET /api/v1/documents/{slug}/versions`, its summary in `locale`. */
export function versionJson(version: VersionHistoryEntry, locale: Locale = DEFAULT_LOCALE) {
  return {
    number: version.number,
    hash: version.hash,
    prevHash: version.prevHash,
    publishedAt: version.publishedAt.toISOString(),
    effectiveFrom: version.effectiveFrom,
    summary: versionSummaryText(version, locale),
    proposal: version.proposal
      ? {
          id: version.proposal.id,
          title: version.proposal.title,
          kind: version.proposal.kind,
          organization: version.organization ? { slug: version.organization.slug, name: version.organization.name, nameEn: version.organization.nameEn } : null,
          authors: version.authors.map((author) => ({ name: author.name })),
        }
      : null,
    approvals: version.approvals.map((approval) => ({
      reviewer: approval.reviewer.name,
      organization: approval.organization?.name ?? null,
      approvedAt: approval.approvedAt.toISOString(),
    })),
    publishedBy: version.publisher ? { name: version.publisher.name } : null,
    stats: version.stats,
  };
}
