import type { BlockDiff, DocumentDiff, SectionDiff } from "@/lib/domain/diff";

/**
 * What the diff views show and in which order, decided once so that both layouts number
 * the same changes: a "change" is a section added, removed, moved or renamed (its header),
 * or a run of consecutive changed blocks. Unchanged stretches are folded.
 */

/**
 * Unchanged blocks shown unfolded between changes. One block alone costs no more to show
 * than its fold would, and keeps the reader's place; two or more fold behind a summary.
 */
export const MAX_UNFOLDED_UNCHANGED_BLOCKS = 1;

export type BlockItem =
  | { kind: "fold"; blocks: BlockDiff[] }
  | { kind: "context"; block: BlockDiff }
  | { kind: "change"; number: number; blocks: BlockDiff[] };

export type SectionPlan =
  /** Consecutive sections that neither changed nor moved, listed by title only. */
  | { kind: "unchangedSections"; sections: SectionDiff[] }
  | {
      kind: "section";
      section: SectionDiff;
      /** Set when the header itself is a change: added, removed, moved, renamed or a new address. */
      headerChange: number | null;
      /** Empty for an added or removed section, whose blocks all belong to the header's change. */
      items: BlockItem[];
    };

export interface DiffViewPlan {
  sections: SectionPlan[];
  changeCount: number;
}

export function planDiffView(diff: DocumentDiff): DiffViewPlan {
  let changeCount = 0;
  const nextChange = (): number => ++changeCount;
  const sections: SectionPlan[] = [];
  for (const section of diff.sections) {
    if (section.status === "unchanged" && !section.moved) {
      const last = sections[sections.length - 1];
      if (last?.kind === "unchangedSections") last.sections.push(section);
      else sections.push({ kind: "unchangedSections", sections: [section] });
      continue;
    }
    const wholeSection = section.status === "added" || section.status === "removed";
    const headerChanged = wholeSection || section.moved || section.renamed || section.slugBefore !== section.slugAfter;
    const headerChange = headerChanged ? nextChange() : null;
    sections.push({ kind: "section", section, headerChange, items: wholeSection ? [] : planBlocks(section.blocks, nextChange) });
  }
  return { sections, changeCount };
}

function isChanged(block: BlockDiff): boolean {
  return block.status !== "unchanged" || block.moved;
}

function planBlocks(blocks: readonly BlockDiff[], nextChange: () => number): BlockItem[] {
  const items: BlockItem[] = [];
  let index = 0;
  while (index < blocks.length) {
    const start = index;
    const changed = isChanged(blocks[index]);
    while (index < blocks.length && isChanged(blocks[index]) === changed) index++;
    const run = blocks.slice(start, index);
    if (changed) items.push({ kind: "change", number: nextChange(), blocks: run });
    else if (run.length > MAX_UNFOLDED_UNCHANGED_BLOCKS) items.push({ kind: "fold", blocks: run });
    else for (const block of run) items.push({ kind: "context", block });
  }
  return items;
}
