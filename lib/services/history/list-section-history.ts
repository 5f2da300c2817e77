import { getDb, type DbOrTx } from "../../db/client";
import { listPlacements, loadRevisionContents } from "../../db/history";
import { diffDocuments } from "../../domain/diff";
import type { SectionContent } from "../../domain/document";
import { sectionChanges, type SectionChange } from "../../domain/history/section-history";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { listVersions, type VersionHistoryEntry } from "./list-versions";

export interface SectionHistoryEntry extends SectionChange {
  version: VersionHistoryEntry;
  wordsAdded: number;
  wordsRemoved: number;
}

export interface SectionHistory {
  document: { id: string; slug: string; title: string };
  section: { id: string; slug: string; title: string; current: boolean };
  headNumber: number;
  /** Oldest first: only the versions in which this section was added, removed, changed, renamed or moved. */
  entries: SectionHistoryEntry[];
}

/** The versions that changed one section (found by its slug, which outlives renames). */
export async function listSectionHistory(options: {
  slug: string;
  sectionSlug: string;
  actor?: Actor | null;
  db?: DbOrTx;
}): Promise<SectionHistory> {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const history = await listVersions({ slug: options.slug, db });
  const section = await db.section.findUnique({
    where: { documentId_slug: { documentId: history.document.id, slug: options.sectionSlug } },
  });
  if (!section) throw new AppError("NOT_FOUND", "sectionSlugNotFound", { slug: options.sectionSlug });

  const placements = await listPlacements(db, history.document.id);
  const changes = sectionChanges(section.id, placements);
  const revisionIds = changes.flatMap((change) => [change.revisionBefore, change.revisionAfter]).filter((id): id is string => id !== null);
  const contents = await loadRevisionContents(db, revisionIds);
  const versionByNumber = new Map(history.versions.map((version) => [version.number, version]));

  const entries = changes.map((change): SectionHistoryEntry => {
    const counts = wordCounts(contents, change);
    return { ...change, ...counts, version: versionByNumber.get(change.number) as VersionHistoryEntry };
  });
  const head = placements.at(-1);
  const inHead = head?.sections.find((row) => row.sectionId === section.id);
  const lastTitle = inHead?.title ?? entries.at(-1)?.title ?? section.slug;
  return {
    document: history.document,
    section: { id: section.id, slug: section.slug, title: lastTitle, current: inHead !== undefined },
    headNumber: head?.number ?? 0,
    entries,
  };
}

const EMPTY: SectionContent = { type: "doc", content: [] };

/** Words added and removed in this section by this version (the diff engine's counts). */
function wordCounts(contents: Map<string, SectionContent>, change: SectionChange): { wordsAdded: number; wordsRemoved: number } {
  if (!change.kinds.includes("content") && !change.kinds.includes("added") && !change.kinds.includes("removed")) {
    return { wordsAdded: 0, wordsRemoved: 0 };
  }
  const before = change.revisionBefore ? contents.get(change.revisionBefore) ?? EMPTY : EMPTY;
  const after = change.revisionAfter ? contents.get(change.revisionAfter) ?? EMPTY : EMPTY;
  const snapshot = (content: SectionContent) => ({ slug: "", title: "", sections: [{ id: "s", slug: "s", title: "", content }] });
  const diff = diffDocuments(snapshot(before), snapshot(after));
  return { wordsAdded: diff.stats.wordsAdded, wordsRemoved: diff.stats.wordsRemoved };
}
