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

function blockIds(content: DocumentSnapshot["sections"][number]["content"]): Set<string> {
  return new Set(content.content.map(blockId).filter((id): id is string => id !== null));
}

export function versionEffects(before: DocumentSnapshot | null, after: DocumentSnapshot): SectionEffect[] {
  const previous = new Map((before?.sections ?? []).map((section, position) => [section.id, { section, position }]));
  const next = new Map(after.sections.map((section, position) => [section.id, { section, position }]));
  const common = (before?.sections ?? []).map((section) => section.id).filter((id) => next.has(id));
  const kept = keptInOrder(common, after.sections.map((section) => section.id).filter((id) => previous.has(id)));
  const effects: SectionEffect[] = [];

  for (const [position, section] of after.sections.entries()) {
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
    const contentChanged = hashCanonical(old.section.content) !== hashCanonical(section.content);
    if (contentChanged || renamed !== null) {
      const oldBlocks = blockIds(old.section.content);
      const shared = [...blockIds(section.content)].some((id) => oldBlocks.has(id));
      const kind: EffectKind = contentChanged && oldBlocks.size > 0 && !shared ? "replaced" : "amended";
      effects.push({ kind, section: ref, previousTitle: renamed, positionBefore: old.position, positionAfter: position });
    }
  }
  for (const [id, old] of previous) {
    if (next.has(id)) continue;
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
