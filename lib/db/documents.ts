import type { DocumentSnapshot, SectionContent } from "../domain/document";
import { calendarDateOf } from "../domain/effective-dates";
import type { DbOrTx } from "./client";
import { revisionTextsByKey } from "./section-text";
import { loadVersionPlacements } from "./version-sections";
import { revisionContent } from "./stored-columns";

/** Queries that read documents and their published versions. */

export async function findDocumentBySlug(db: DbOrTx, slug: string) {
  return db.document.findUnique({ where: { slug } });
}

export async function headVersion(db: DbOrTx, documentId: string) {
  return db.version.findFirst({ where: { documentId }, orderBy: { number: "desc" } });
}

export async function findVersion(db: DbOrTx, documentId: string, number: number) {
  return db.version.findUnique({ where: { documentId_number: { documentId, number } } });
}

export interface LoadedSection {
  id: string;
  slug: string;
  title: string;
  position: number;
  /** The revision's key (lib/domain/section-placements.ts): the same key is the same text. */
  revisionId: string;
  owner: { id: string; slug: string; name: string } | null;
  content: SectionContent;
}

export async function loadVersionSections(db: DbOrTx, versionId: string): Promise<LoadedSection[]> {
  const placements = await loadVersionPlacements(db, versionId);
  const [texts, sections] = await Promise.all([
    revisionTextsByKey(db, placements.map((row) => row.revisionId)),
    db.section.findMany({ where: { id: { in: placements.map((row) => row.sectionId) } }, include: { ownerOrganization: true } }),
  ]);
  const byId = new Map(sections.map((section) => [section.id, section]));
  return placements.map((row) => {
    const section = byId.get(row.sectionId);
    if (!section) throw new Error(`version ${versionId} places section ${row.sectionId}, which does not exist`);
    const owner = section.ownerOrganization;
    return {
      id: row.sectionId,
      slug: section.slug,
      title: row.title,
      position: row.position,
      revisionId: row.revisionId,
      owner: owner ? { id: owner.id, slug: owner.slug, name: owner.name } : null,
      content: revisionContent(row.revisionId, texts.get(row.revisionId) ?? ""),
    };
  });
}

export async function loadVersionSnapshot(
  db: DbOrTx,
  document: { slug: string; title: string },
  versionId: string,
): Promise<DocumentSnapshot> {
  const sections = await loadVersionSections(db, versionId);
  return {
    slug: document.slug,
    title: document.title,
    sections: sections.map((section) => ({ id: section.id, slug: section.slug, title: section.title, content: section.content })),
  };
}

/**
 * Every version of a document with its effective day and the day its withdrawal takes effect
 * (null when none was recorded), oldest first. An event recorded before events carried a day
 * takes effect on the day it was recorded.
 */
export async function loadDatedVersions(db: DbOrTx, documentId: string) {
  const [versions, withdrawals] = await Promise.all([
    db.version.findMany({
      where: { documentId },
      orderBy: { number: "asc" },
      select: { id: true, number: true, effectiveFrom: true, publishedAt: true },
    }),
    db.versionEvent.findMany({
      where: { kind: "WITHDRAWN", version: { documentId } },
      select: { versionId: true, effectiveOn: true, createdAt: true },
    }),
  ]);
  const withdrawnFrom = new Map(withdrawals.map((event) => [event.versionId, event.effectiveOn || calendarDateOf(event.createdAt)]));
  return versions.map((version) => ({ ...version, withdrawnFrom: withdrawnFrom.get(version.id) ?? null }));
}

/**
 * The version of a document in force on a day (YYYY-MM-DD), or null before the first took
 * effect: what versionInForceOn computes over loadDatedVersions, read without every version's
 * dates. The text in force is the highest-numbered version whose day has come and that is not
 * withdrawn on that day; only withdrawn versions are skipped, so with k withdrawals recorded it
 * is among the newest k + 1 versions whose day has come. Reads the withdrawals and those k + 1
 * rows, however long the history is.
 */
export async function findVersionInForce(db: DbOrTx, documentId: string, day: string) {
  const withdrawals = await db.versionEvent.findMany({
    where: { kind: "WITHDRAWN", version: { documentId } },
    select: { versionId: true, effectiveOn: true, createdAt: true },
  });
  const withdrawnFrom = new Map(withdrawals.map((event) => [event.versionId, event.effectiveOn || calendarDateOf(event.createdAt)]));
  const candidates = await db.version.findMany({
    where: { documentId, effectiveFrom: { lte: day } },
    orderBy: { number: "desc" },
    take: withdrawals.length + 1,
  });
  return (
    candidates.find((version) => {
      const withdrawn = withdrawnFrom.get(version.id);
      return withdrawn === undefined || day < withdrawn;
    }) ?? null
  );
}

export type DatedVersionRow = Awaited<ReturnType<typeof loadDatedVersions>>[number];
