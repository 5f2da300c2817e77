import { hashCanonical } from "../canonical";
import { blockId, type DocumentSnapshot } from "../document";

/**
 * What a version did to each section, compared with the version before it (an effects table, as
 * legislation.gov.uk keeps one): added, removed, moved, amended (some of its blocks kept), or
 * replaced (none of its blocks kept). A section can be both moved and changed; it then has two
 * effects. Sections the version left alone have none.
 */
export type EffectKind = "added" | "replaced" | "amended" | "moved" | "removed";

export interface SectionEffect {
  kind: EffectKind;
  section: { id: string; slug: string; title: string };
  /** The title before, when the version renamed the section. */
  previousTitle: string | null;
  /** Places in reading order (0-based) before and after; null where the section did not exist. */
  positionBefore: number | null;
  positionAfter: number | null;
}

/** Sections kept in their relative order: the longest common subsequence of the two orders. */
function keptInOrder(before: string[], after: string[]): Set<string> {
  const table = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      table[i][j] = before[i] === after[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (before[i] === after[j]) {
      kept.add(before[i]);
      i += 1;
      j += 1;
    } else if (table[i + 1][j] >= table[i][j + 1]) i += 1;
    else j += 1;
  }
  return kept;
}

export function blockIds(content: DocumentSnapshot["sections"][number]["content"]): Set<string> {
  return new Set(content.content.map(blockId).filter((id): id is string => id !== null));
}

/**
 * A section as the effects table compares it: `contentKey` is equal exactly when the content is
 * (its canonical hash, or its content-addressed revision), and `blocks` gives its block ids,
 * asked for only when the content changed.
 */
export interface SectionState {
  id: string;
  slug: string;
  title: string;
  contentKey: string;
  blocks: () => ReadonlySet<string>;
}

/**
 * The effects of going from one ordered list of sections to the next (`before` null for a
 * first version). With `only`, just that section's effects are worked out (the moves still
 * look at every section's order).
 */
export function effectsBetween(before: readonly SectionState[] | null, after: readonly SectionState[], only?: string): SectionEffect[] {
  const previous = new Map((before ?? []).map((section, position) => [section.id, { section, position }]));
  const next = new Map(after.map((section, position) => [section.id, { section, position }]));
  const common = (before ?? []).map((section) => section.id).filter((id) => next.has(id));
  const kept = keptInOrder(common, after.map((section) => section.id).filter((id) => previous.has(id)));
  const effects: SectionEffect[] = [];

  for (const [position, section] of after.entries()) {
    if (only !== undefined && section.id !== only) continue;
    const ref = { id: section.id, slug: section.slug, title: section.title };
    const old = previous.get(section.id);
    if (!old) {
      effects.push({ kind: "added", section: ref, previousTitle: null, positionBefore: null, positionAfter: position });
      continue;
    }
    const renamed = old.section.title !== section.title ? old.section.title : null;
    if (!kept.has(section.id)) {
      effects.push({ kind: "moved", section: ref, previousTitle: renamed, positionBefore: old.position, positionAfter: position });
    }
    const contentChanged = old.section.contentKey !== section.contentKey;
    if (contentChanged || renamed !== null) {
      let kind: EffectKind = "amended";
      if (contentChanged) {
        const oldBlocks = old.section.blocks();
        const shared = [...section.blocks()].some((id) => oldBlocks.has(id));
        if (oldBlocks.size > 0 && !shared) kind = "replaced";
      }
      effects.push({ kind, section: ref, previousTitle: renamed, positionBefore: old.position, positionAfter: position });
    }
  }
  for (const [id, old] of previous) {
    if (next.has(id) || (only !== undefined && id !== only)) continue;
    effects.push({
      kind: "removed",
      section: { id, slug: old.section.slug, title: old.section.title },
      previousTitle: null,
      positionBefore: old.position,
      positionAfter: null,
    });
  }
  return effects;
}

function statesOf(snapshot: DocumentSnapshot): SectionState[] {
  return snapshot.sections.map((section) => ({
    id: section.id,
    slug: section.slug,
    title: section.title,
    contentKey: hashCanonical(section.content),
    blocks: () => blockIds(section.content),
  }));
}

export function versionEffects(before: DocumentSnapshot | null, after: DocumentSnapshot): SectionEffect[] {
  return effectsBetween(before ? statesOf(before) : null, statesOf(after));
}

/** Where a version places each section (rows of VersionSection), in reading order. */
export interface PlacedVersion {
  number: number;
  sections: readonly { sectionId: string; revisionId: string; title: string; position: number }[];
}

/**
 * One section's effects across a document's history, from its placements alone plus the block
 * ids of the section's own revisions (revisions are content-addressed per section, so the same
 * revision id is the same content): exactly what each version's effects table says of it.
 * Versions oldest first; only those with an effect on the section are returned.
 */
export function sectionEffectsAcross(
  section: { id: string; slug: string },
  versions: readonly PlacedVersion[],
  blocksOfRevision: (revisionId: string) => ReadonlySet<string>,
): { number: number; effects: SectionEffect[] }[] {
  const states = (version: PlacedVersion): SectionState[] =>
    [...version.sections]
      .sort((a, b) => a.position - b.position)
      .map((row) => ({
        id: row.sectionId,
        slug: row.sectionId === section.id ? section.slug : "",
        title: row.title,
        contentKey: row.revisionId,
        blocks: () => blocksOfRevision(row.revisionId),
      }));
  const result: { number: number; effects: SectionEffect[] }[] = [];
  let previous: SectionState[] | null = null;
  for (const version of [...versions].sort((a, b) => a.number - b.number)) {
    const current = states(version);
    const effects = effectsBetween(previous, current, section.id).map((effect) => ({ ...effect, section: { ...effect.section, slug: section.slug } }));
    if (effects.length > 0) result.push({ number: version.number, effects });
    previous = current;
  }
  return result;
}
