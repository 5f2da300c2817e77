import {
  combinePlacements,
  decodeOutline,
  decodeRevisionKeys,
  encodeOutline,
  encodeRevisionKeys,
  outlineHash,
  type OutlineEntry,
  type SectionPlacement,
} from "../domain/section-placements";
import type { DbOrTx } from "./client";

/**
 * Where each version places its sections, whichever way it was stored (lib/domain/section-placements.ts):
 * an outline and revision keys in the version's row, or VersionSection rows for versions published
 * before outlines. Every reader of a version's sections goes through here. Reading any number of
 * versions takes one query of VersionSection rows and one of outlines, whatever the history.
 */

/** Ids per `IN (...)` query: far below SQLite's and PostgreSQL's parameter limits. */
const IDS_PER_QUERY = 500;

/** Select this in a query of Version to read its placements with loadPlacements. */
export const PLACEMENT_SELECT = { id: true, outlineId: true, revisionKeys: true } as const;

export interface PlacementColumns {
  id: string;
  outlineId: number | null;
  revisionKeys: string | null;
}

/**
 * The placements of each version given (by version id), in reading order. A version whose
 * outline is missing or does not pair with its keys (rows altered behind the product's back) gets
 * an empty list with `damaged` holding its id, for verification to report; other readers throw.
 */
export async function readPlacements(
  db: DbOrTx,
  versions: readonly PlacementColumns[],
): Promise<{ placements: Map<string, SectionPlacement[]>; damaged: Set<string> }> {
  const placements = new Map<string, SectionPlacement[]>();
  const damaged = new Set<string>();
  const listed = versions.filter((version) => version.outlineId === null);
  for (let start = 0; start < listed.length; start += IDS_PER_QUERY) {
    const rows = await db.versionSection.findMany({
      where: { versionId: { in: listed.slice(start, start + IDS_PER_QUERY).map((version) => version.id) } },
      select: { versionId: true, sectionId: true, revisionId: true, title: true, position: true },
    });
    for (const row of rows) {
      const list = placements.get(row.versionId) ?? [];
      list.push({ sectionId: row.sectionId, revisionId: row.revisionId, title: row.title, position: row.position });
      placements.set(row.versionId, list);
    }
  }
  for (const list of placements.values()) list.sort((a, b) => a.position - b.position);
  for (const version of listed) if (!placements.has(version.id)) placements.set(version.id, []);

  const outlineIds = [...new Set(versions.flatMap((version) => (version.outlineId === null ? [] : [version.outlineId])))];
  const outlines = new Map<number, OutlineEntry[] | null>();
  for (let start = 0; start < outlineIds.length; start += IDS_PER_QUERY) {
    const rows = await db.sectionOutline.findMany({ where: { id: { in: outlineIds.slice(start, start + IDS_PER_QUERY) } }, select: { id: true, entries: true } });
    for (const row of rows) outlines.set(row.id, outlineOrNull(row.entries));
  }
  for (const version of versions) {
    if (version.outlineId === null) continue;
    const outline = outlines.get(version.outlineId) ?? null;
    const combined = outline && version.revisionKeys !== null ? combinePlacements(outline, decodeRevisionKeys(version.revisionKeys)) : null;
    if (!combined) damaged.add(version.id);
    placements.set(version.id, combined ?? []);
  }
  return { placements, damaged };
}

/** As readPlacements, throwing when a version's placements cannot be read. */
export async function loadPlacements(db: DbOrTx, versions: readonly PlacementColumns[]): Promise<Map<string, SectionPlacement[]>> {
  const { placements, damaged } = await readPlacements(db, versions);
  if (damaged.size > 0) throw new Error(`version ${[...damaged][0]} has an outline that is missing or does not match its revisions`);
  return placements;
}

/** The placements of one version, in reading order. */
export async function loadVersionPlacements(db: DbOrTx, versionId: string): Promise<SectionPlacement[]> {
  const version = await db.version.findUniqueOrThrow({ where: { id: versionId }, select: PLACEMENT_SELECT });
  return (await loadPlacements(db, [version])).get(versionId) ?? [];
}

/** The slug of each section placed (slugs belong to sections, not versions). */
export async function sectionSlugs(db: DbOrTx, placements: readonly SectionPlacement[]): Promise<Map<string, string>> {
  const ids = [...new Set(placements.map((row) => row.sectionId))];
  const slugs = new Map<string, string>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const rows = await db.section.findMany({ where: { id: { in: ids.slice(start, start + IDS_PER_QUERY) } }, select: { id: true, slug: true } });
    for (const row of rows) slugs.set(row.id, row.slug);
  }
  return slugs;
}

/**
 * The columns that store where a new version places its sections: the outline (stored if no
 * version had it yet) and the revision keys in its order.
 */
export async function storePlacements(tx: DbOrTx, sections: readonly (OutlineEntry & { revisionId: string })[]): Promise<{ outlineId: number; revisionKeys: string }> {
  const entries = encodeOutline(sections);
  const hash = outlineHash(entries);
  const outline = (await tx.sectionOutline.findUnique({ where: { hash }, select: { id: true } })) ?? (await tx.sectionOutline.create({ data: { hash, entries }, select: { id: true } }));
  return { outlineId: outline.id, revisionKeys: encodeRevisionKeys(sections.map((section) => section.revisionId)) };
}

/**
 * The title a section had in the last version of the document that held it, or null when none
 * did: what a subscription to a section removed since is called. Looks only at outlines that
 * name the section and at VersionSection rows of the section.
 */
export async function lastTitleOfSection(db: DbOrTx, documentId: string, sectionId: string): Promise<string | null> {
  // Outlines are few (one per change of order or titles); a section id is quoted in the JSON of those that name it.
  const candidates = await db.sectionOutline.findMany({ where: { entries: { contains: JSON.stringify(sectionId) } }, select: { id: true, entries: true } });
  const naming = candidates.filter((outline) => outlineOrNull(outline.entries)?.some((entry) => entry.sectionId === sectionId));
  const [listed, outlined] = await Promise.all([
    db.versionSection.findFirst({ where: { sectionId }, orderBy: { version: { number: "desc" } }, select: { title: true, version: { select: { number: true } } } }),
    naming.length === 0
      ? null
      : db.version.findFirst({ where: { documentId, outlineId: { in: naming.map((outline) => outline.id) } }, orderBy: { number: "desc" }, select: PLACEMENT_SELECT }),
  ]);
  // Versions with outlines all come after those with VersionSection rows.
  if (outlined) {
    const placement = (await loadPlacements(db, [outlined])).get(outlined.id)?.find((candidate) => candidate.sectionId === sectionId);
    if (placement) return placement.title;
  }
  return listed?.title ?? null;
}

function outlineOrNull(text: string): OutlineEntry[] | null {
  try {
    return decodeOutline(text);
  } catch {
    return null;
  }
}
