import type { SectionContent } from "../domain/document";
import type { VersionPlacements } from "../domain/history/section-history";
import type { DbOrTx } from "./client";
import { revisionTextsByKey } from "./section-text";
import { loadPlacements, loadVersionPlacements, PLACEMENT_SELECT, sectionSlugs } from "./version-sections";
import { revisionContent } from "./stored-columns";

/** Queries over a document's published history: versions with their provenance, placements and revisions. */

/** Ids per `IN (...)` query: far below SQLite's and PostgreSQL's parameter limits. */
const IDS_PER_QUERY = 500;

/** Who proposed, reviewed and published a version: what the history shows beside it. */
const VERSION_PROVENANCE = {
  publishedBy: { select: { id: true, name: true } },
  proposal: {
    select: {
      id: true,
      title: true,
      kind: true,
      organization: { select: { slug: true, name: true, nameEn: true } },
      authors: { orderBy: { createdAt: "asc" }, select: { role: true, user: { select: { id: true, name: true } } } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: {
          reviewerId: true,
          decision: true,
          contentHash: true,
          createdAt: true,
          reviewer: { select: { id: true, name: true, organization: { select: { name: true, nameEn: true } } } },
        },
      },
    },
  },
} as const;

/**
 * Versions with their provenance, oldest first: all of them, or the newest `newest` (optionally
 * only those numbered below `before`).
 */
export async function listVersionRecords(db: DbOrTx, documentId: string, select: { newest?: number; before?: number } = {}) {
  const number = select.before === undefined ? undefined : { lt: select.before };
  const records = await db.version.findMany({
    where: { documentId, ...(number ? { number } : {}) },
    orderBy: { number: select.newest === undefined ? "asc" : "desc" },
    ...(select.newest === undefined ? {} : { take: select.newest }),
    include: VERSION_PROVENANCE,
  });
  return select.newest === undefined ? records : records.reverse();
}

export type VersionRecord = Awaited<ReturnType<typeof listVersionRecords>>[number];

/** The versions with the given numbers, with their provenance, oldest first. */
export async function listVersionRecordsByNumber(db: DbOrTx, documentId: string, numbers: Iterable<number>): Promise<VersionRecord[]> {
  const wanted = [...new Set(numbers)];
  const records: VersionRecord[] = [];
  for (let start = 0; start < wanted.length; start += IDS_PER_QUERY) {
    const chunk = wanted.slice(start, start + IDS_PER_QUERY);
    const rows = await db.version.findMany({ where: { documentId, number: { in: chunk } }, include: VERSION_PROVENANCE });
    records.push(...rows);
  }
  return records.sort((a, b) => a.number - b.number);
}

/** A published proposal's final draft, which is what its approvals were given for. */
export async function loadProposalDraft(db: DbOrTx, proposalId: string) {
  return db.proposal.findUnique({
    where: { id: proposalId },
    select: { document: true, sections: { orderBy: { position: "asc" } } },
  });
}

/** Which revision, title and place each section had in each version from `from` up to `upTo` (all when omitted), oldest first. */
export async function listPlacements(db: DbOrTx, documentId: string, upTo?: number, from = 1): Promise<VersionPlacements[]> {
  const versions = await db.version.findMany({
    where: { documentId, number: { gte: from, ...(upTo === undefined ? {} : { lte: upTo }) } },
    select: { ...PLACEMENT_SELECT, number: true },
    orderBy: { number: "asc" },
  });
  const placements = await loadPlacements(db, versions);
  return versions.map((version) => ({ number: version.number, sections: placements.get(version.id) ?? [] }));
}

/** Parsed content of the given revisions (by key, lib/domain/section-placements.ts), each loaded once. */
export async function loadRevisionContents(db: DbOrTx, revisionIds: Iterable<string>): Promise<Map<string, SectionContent>> {
  const contents = new Map<string, SectionContent>();
  for (const [id, text] of await revisionTextsByKey(db, revisionIds)) contents.set(id, revisionContent(id, text));
  return contents;
}

/** A version's table of contents (no content). */
export async function listVersionToc(db: DbOrTx, versionId: string): Promise<{ id: string; slug: string; title: string }[]> {
  const placements = await loadVersionPlacements(db, versionId);
  const slugs = await sectionSlugs(db, placements);
  return placements.map((row) => ({ id: row.sectionId, slug: slugs.get(row.sectionId) ?? "", title: row.title }));
}
