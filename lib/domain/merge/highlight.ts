import { createWordDiffBudget, diffBlockWords } from "../diff/word-diff";
import type { WordChange } from "../diff/types";

/**
 * Word-by-word highlighting of a conflict's three texts, so that a reader sees at once what
 * each side changed relative to the base ("trống trải" → "rộng mở" on one side, "bằng phẳng"
 * on the other) instead of three near-identical paragraphs.
 */

export interface BaseSegment {
  text: string;
  /** Whether the published text (head) and the proposal replaced or deleted this stretch of the base. */
  changedByHead: boolean;
  changedByProposal: boolean;
}

export interface ConflictHighlight {
  /** The base, cut where either side's changes begin or end. */
  base: BaseSegment[];
  /** Head relative to the base: `equal` + `delete` spell the base, `equal` + `insert` the head. */
  head: WordChange[];
  proposal: WordChange[];
}

/** Null when a side is too far from the base to compare word by word (then the texts show as they are). */
export function highlightConflict(base: string, head: string, proposal: string): ConflictHighlight | null {
  const budget = createWordDiffBudget();
  const headWords = diffBlockWords(base, head, budget);
  const proposalWords = diffBlockWords(base, proposal, budget);
  if (!headWords || !proposalWords) return null;
  const headRanges = changedBaseRanges(headWords);
  const proposalRanges = changedBaseRanges(proposalWords);
  const normalizedBase = headWords.filter((word) => word.op !== "insert").map((word) => word.text).join("");
  const cuts = new Set<number>([0, normalizedBase.length]);
  for (const [start, end] of [...headRanges, ...proposalRanges]) {
    cuts.add(start);
    cuts.add(end);
  }
  const ordered = [...cuts].sort((left, right) => left - right);
  const segments: BaseSegment[] = [];
  for (let index = 0; index < ordered.length - 1; index++) {
    const [start, end] = [ordered[index], ordered[index + 1]];
    if (start === end) continue;
    const within = (ranges: readonly [number, number][]) => ranges.some(([from, to]) => from <= start && end <= to);
    const segment = { text: normalizedBase.slice(start, end), changedByHead: within(headRanges), changedByProposal: within(proposalRanges) };
    const last = segments[segments.length - 1];
    if (last && last.changedByHead === segment.changedByHead && last.changedByProposal === segment.changedByProposal) last.text += segment.text;
    else segments.push(segment);
  }
  return { base: segments, head: headWords, proposal: proposalWords };
}

/** Character ranges of the base that a side deleted or replaced. */
function changedBaseRanges(words: readonly WordChange[]): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const word of words) {
    if (word.op === "insert") continue;
    if (word.op === "delete") ranges.push([offset, offset + word.text.length]);
    offset += word.text.length;
  }
  return ranges;
}
