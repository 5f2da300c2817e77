import { getDb, type DbOrTx } from "../../db/client";
import { listPlacements, loadRevisionContents } from "../../db/history";
import type { RichNode } from "../../domain/document";
import { blameVersions, type BlameVersion } from "../../domain/history/blame";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { listVersions, type VersionHistoryEntry } from "./list-versions";
import { LruCache } from "../../domain/lru-cache";
import { assertVersionNumber } from "./lookup";

export interface BlamedBlock {
  blockId: string | null;
  node: RichNode;
  /** The version that last added or changed this block, with its proposal. */
  changedIn: VersionHistoryEntry;
}

export interface BlamedSection {
  id: string;
  slug: string;
  title: string;
  addedIn: number;
  blocks: BlamedBlock[];
}

export interface VersionBlame {
  document: { id: string; slug: string; title: string };
  version: VersionHistoryEntry;
  headNumber: number;
  sections: BlamedSection[];
}

/**
 * Blame results per version id: a published version and all before it are immutable, so
 * its blame never changes, and walking the history is the costly part of the request.
 */
const BLAMES_KEPT = 16;
const blames = new LruCache<string, { sectionId: string; addedIn: number; blocks: { blockId: string | null; node: RichNode; changedIn: number }[] }[]>(BLAMES_KEPT);

/**
 * “Nguồn gốc”: for each block of version n, the version (and proposal) that last changed it.
 * Walks versions 1..n; only sections whose revision changed between two versions are compared.
 */
export async function blameVersion(options: { slug: string; versionNumber: number; actor?: Actor | null; db?: DbOrTx }): Promise<VersionBlame> {
  authorize(options.actor ?? null, "document:read");
  assertVersionNumber(options.versionNumber, "n");
  const db = options.db ?? (await getDb());
  const history = await listVersions({ slug: options.slug, db });
  const entries = new Map(history.versions.map((version) => [version.number, version]));
  const version = entries.get(options.versionNumber);
  if (!version) throw new AppError("NOT_FOUND", `Không có phiên bản ${options.versionNumber} (version not found).`);

  const placements = await listPlacements(db, history.document.id, version.number);
  const blamed = await blames.getOrCreate(`${history.document.id}\u0000${version.hash}`, async () => {
    const contents = await loadRevisionContents(db, changedRevisionIds(placements));
    const versions: BlameVersion[] = placements.map((placement) => ({
      number: placement.number,
      sections: placement.sections.map((row) => ({
        id: row.sectionId,
        contentKey: row.revisionId,
        // Unchanged sections are never read by the walk; an empty doc stands in for them.
        content: contents.get(row.revisionId) ?? { type: "doc", content: [] },
      })),
    }));
    return blameVersions(versions);
  });

  const rows = placements.at(-1)?.sections ?? [];
  const slugs = new Map(
    (await db.section.findMany({ where: { id: { in: rows.map((row) => row.sectionId) } }, select: { id: true, slug: true } })).map((section) => [section.id, section.slug]),
  );
  const sections = blamed.map((section, index): BlamedSection => ({
    id: section.sectionId,
    slug: slugs.get(section.sectionId) ?? section.sectionId,
    title: rows[index]?.title ?? "",
    addedIn: section.addedIn,
    blocks: section.blocks.map((block) => ({ ...block, changedIn: entries.get(block.changedIn) as VersionHistoryEntry })),
  }));
  return { document: history.document, version, headNumber: history.versions.at(-1)?.number ?? version.number, sections };
}

/** Revisions the walk reads: each section's revision in the versions where it differs from the one before. */
function changedRevisionIds(placements: readonly { sections: readonly { sectionId: string; revisionId: string }[] }[]): Set<string> {
  const ids = new Set<string>();
  let previous = new Map<string, string>();
  for (const placement of placements) {
    const current = new Map<string, string>();
    for (const row of placement.sections) {
      current.set(row.sectionId, row.revisionId);
      if (previous.get(row.sectionId) !== row.revisionId) ids.add(row.revisionId);
    }
    previous = current;
  }
  return ids;
}
