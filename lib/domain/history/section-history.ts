/**
 * A section's history from the rows that place it in each version (no content needed):
 * the versions in which it was added, removed, changed, renamed or moved.
 */

export interface PlacementRow {
  sectionId: string;
  revisionId: string;
  title: string;
  position: number;
}

export interface VersionPlacements {
  number: number;
  sections: readonly PlacementRow[];
}

export type SectionChangeKind = "added" | "removed" | "content" | "renamed" | "moved";

export interface SectionChange {
  number: number;
  kinds: SectionChangeKind[];
  /** The section's title in this version (for a removal, its last title). */
  title: string;
  previousTitle: string | null;
  /** Revisions on each side, for counting the words that changed (null where absent). */
  revisionBefore: string | null;
  revisionAfter: string | null;
}

/**
 * Versions oldest first. "Moved" compares the section's rank among the sections present in
 * both versions, so a section does not count as moved because another one was added or
 * removed before it.
 */
export function sectionChanges(sectionId: string, versions: readonly VersionPlacements[]): SectionChange[] {
  const changes: SectionChange[] = [];
  let previous: VersionPlacements | null = null;
  for (const version of versions) {
    const before = previous?.sections.find((row) => row.sectionId === sectionId) ?? null;
    const after = version.sections.find((row) => row.sectionId === sectionId) ?? null;
    const change = compare(sectionId, version.number, before, after, previous, version);
    if (change) changes.push(change);
    previous = version;
  }
  return changes;
}

function compare(
  sectionId: string,
  number: number,
  before: PlacementRow | null,
  after: PlacementRow | null,
  previous: VersionPlacements | null,
  current: VersionPlacements,
): SectionChange | null {
  if (!before && !after) return null;
  if (!before && after) {
    return { number, kinds: ["added"], title: after.title, previousTitle: null, revisionBefore: null, revisionAfter: after.revisionId };
  }
  if (before && !after) {
    return { number, kinds: ["removed"], title: before.title, previousTitle: null, revisionBefore: before.revisionId, revisionAfter: null };
  }
  const was = before as PlacementRow;
  const now = after as PlacementRow;
  const kinds: SectionChangeKind[] = [];
  if (was.revisionId !== now.revisionId) kinds.push("content");
  if (was.title !== now.title) kinds.push("renamed");
  if (previous && commonRank(sectionId, previous, current) !== commonRank(sectionId, current, previous)) kinds.push("moved");
  if (kinds.length === 0) return null;
  return {
    number,
    kinds,
    title: now.title,
    previousTitle: was.title !== now.title ? was.title : null,
    revisionBefore: was.revisionId,
    revisionAfter: now.revisionId,
  };
}

/** The section's index among the sections of `version` that `other` also holds, in `version`'s order. */
function commonRank(sectionId: string, version: VersionPlacements, other: VersionPlacements): number {
  const shared = new Set(other.sections.map((row) => row.sectionId));
  const ordered = [...version.sections].sort((a, b) => a.position - b.position).filter((row) => shared.has(row.sectionId));
  return ordered.findIndex((row) => row.sectionId === sectionId);
}
