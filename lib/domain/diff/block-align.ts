import { blockId, type RichNode } from "../document";
import { normalizeText, wordSet } from "../text";
import { BlockTexts } from "./block-texts";
import { pairsInOrder, type MatchedPair } from "./align";
import { canonicalEqual } from "./canonical-equal";

/**
 * Which block before is which block after. In order of trust:
 *  1. the common prefix and suffix of equal blocks (most of a section, usually);
 *  2. the block id that UniqueID gives every top-level node;
 *  3. for blocks without an id on one side (pasted, imported, or an id lost), identical text;
 *  4. for those still unmatched, word overlap with a block in the same gap between blocks
 *     already matched in order, above a similarity threshold.
 * Two blocks that carry different ids are never matched: they are different blocks.
 */

/**
 * Two blocks are "the same block, edited" when at least this share of their distinct words
 * is common (Dice coefficient). In the seed chapter, different paragraphs on the same topic
 * share at most 0.46 of their words, while a paragraph and its own edits (even one that
 * absorbed the next paragraph: 0.54 and 0.86) stay above one half.
 */
export const BLOCK_SIMILARITY_THRESHOLD = 0.5;

/**
 * Most block pairs compared by similarity within one gap between matched blocks. A gap of
 * 60 unmatched blocks on each side stays within it; a larger one (a pasted chapter without
 * ids) is reported as removed and added blocks rather than spending quadratic time on it.
 */
export const MAX_SIMILARITY_COMPARISONS_PER_GAP = 3_600;

/** Most similarity comparisons in one section, so that many mid-sized gaps stay cheap too. */
export const MAX_SIMILARITY_COMPARISONS_PER_SECTION = 20_000;

export function matchBlocks(
  before: readonly RichNode[],
  after: readonly RichNode[],
  blockTexts: BlockTexts = new BlockTexts(),
): MatchedPair[] {
  const pairs: MatchedPair[] = [];
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && canonicalEqual(before[prefix], after[prefix])) {
    pairs.push({ before: prefix, after: prefix, knownEqual: true });
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    canonicalEqual(before[before.length - 1 - suffix], after[after.length - 1 - suffix])
  ) {
    pairs.push({ before: before.length - 1 - suffix, after: after.length - 1 - suffix, knownEqual: true });
    suffix++;
  }
  const middle: MiddleRange = {
    beforeStart: prefix,
    beforeEnd: before.length - suffix,
    afterStart: prefix,
    afterEnd: after.length - suffix,
  };
  if (middle.beforeStart === middle.beforeEnd || middle.afterStart === middle.afterEnd) return pairs;

  const beforeIds = uniqueIds(before);
  const afterIds = uniqueIds(after);
  const matchedBefore = new Set<number>();
  const matchedAfter = new Set<number>();
  const addPair = (pair: MatchedPair): void => {
    pairs.push(pair);
    matchedBefore.add(pair.before);
    matchedAfter.add(pair.after);
  };

  const afterIndexById = new Map<string, number>();
  for (let index = middle.afterStart; index < middle.afterEnd; index++) {
    const id = afterIds[index];
    if (id !== null) afterIndexById.set(id, index);
  }
  for (let index = middle.beforeStart; index < middle.beforeEnd; index++) {
    const id = beforeIds[index];
    const afterIndex = id === null ? undefined : afterIndexById.get(id);
    if (afterIndex !== undefined) addPair({ before: index, after: afterIndex });
  }

  const candidates: Candidates = {
    freeBefore: (index) => !matchedBefore.has(index),
    freeAfter: (index) => !matchedAfter.has(index),
    canPair: (beforeIndex, afterIndex) =>
      !matchedBefore.has(beforeIndex) &&
      !matchedAfter.has(afterIndex) &&
      (beforeIds[beforeIndex] === null || afterIds[afterIndex] === null),
    addPair,
  };
  const texts = new TextCache(before, after, blockTexts);
  matchIdenticalText(middle, texts, candidates);
  matchSimilarBlocks(middle, pairs, texts, candidates);
  return pairs;
}

interface Candidates {
  freeBefore(index: number): boolean;
  freeAfter(index: number): boolean;
  /** Both free, and not two blocks that carry different ids. */
  canPair(beforeIndex: number, afterIndex: number): boolean;
  addPair(pair: MatchedPair): void;
}

interface MiddleRange {
  beforeStart: number;
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
}

/** Ids (as NFC) that occur once on their side; a duplicated id identifies nothing. */
function uniqueIds(blocks: readonly RichNode[]): (string | null)[] {
  const ids = blocks.map((block) => {
    const id = blockId(block);
    return id === null ? null : normalizeText(id);
  });
  const seen = new Map<string, number>();
  for (const id of ids) if (id !== null) seen.set(id, (seen.get(id) ?? 0) + 1);
  return ids.map((id) => (id !== null && seen.get(id) === 1 ? id : null));
}

class TextCache {
  private readonly beforeWords = new Map<number, Set<string>>();
  private readonly afterWords = new Map<number, Set<string>>();

  constructor(
    private readonly before: readonly RichNode[],
    private readonly after: readonly RichNode[],
    private readonly blockTexts: BlockTexts,
  ) {}

  text(side: "before" | "after", index: number): string {
    return this.blockTexts.text(side === "before" ? this.before[index] : this.after[index]);
  }

  /** Blocks with the same key say the same thing; empty blocks are told apart by type. */
  key(side: "before" | "after", index: number): string {
    const text = this.text(side, index);
    if (text.length > 0) return `t:${text}`;
    return `n:${(side === "before" ? this.before[index] : this.after[index]).type}`;
  }

  words(side: "before" | "after", index: number): Set<string> {
    const cache = side === "before" ? this.beforeWords : this.afterWords;
    const cached = cache.get(index);
    if (cached) return cached;
    const words = wordSet(this.text(side, index));
    cache.set(index, words);
    return words;
  }
}

function matchIdenticalText(middle: MiddleRange, texts: TextCache, { freeBefore, freeAfter, canPair, addPair }: Candidates): void {
  const candidatesByKey = new Map<string, number[]>();
  for (let index = middle.beforeStart; index < middle.beforeEnd; index++) {
    if (!freeBefore(index)) continue;
    const key = texts.key("before", index);
    const list = candidatesByKey.get(key);
    if (list) list.push(index);
    else candidatesByKey.set(key, [index]);
  }
  if (candidatesByKey.size === 0) return;
  for (let afterIndex = middle.afterStart; afterIndex < middle.afterEnd; afterIndex++) {
    if (!freeAfter(afterIndex)) continue;
    const candidates = candidatesByKey.get(texts.key("after", afterIndex));
    if (!candidates) continue;
    const position = candidates.findIndex((beforeIndex) => canPair(beforeIndex, afterIndex));
    if (position === -1) continue;
    const [beforeIndex] = candidates.splice(position, 1);
    addPair({ before: beforeIndex, after: afterIndex });
  }
}

function matchSimilarBlocks(
  middle: MiddleRange,
  pairs: readonly MatchedPair[],
  texts: TextCache,
  { freeBefore, freeAfter, canPair, addPair }: Candidates,
): void {
  const anchors = pairsInOrder(pairs);
  let comparisonsLeft = MAX_SIMILARITY_COMPARISONS_PER_SECTION;
  let gapBefore = middle.beforeStart;
  let gapAfter = middle.afterStart;
  const gaps: MiddleRange[] = [];
  for (const anchor of anchors) {
    if (anchor.before < middle.beforeStart || anchor.after < middle.afterStart) continue;
    if (anchor.before >= middle.beforeEnd || anchor.after >= middle.afterEnd) continue;
    gaps.push({ beforeStart: gapBefore, beforeEnd: anchor.before, afterStart: gapAfter, afterEnd: anchor.after });
    gapBefore = anchor.before + 1;
    gapAfter = anchor.after + 1;
  }
  gaps.push({ beforeStart: gapBefore, beforeEnd: middle.beforeEnd, afterStart: gapAfter, afterEnd: middle.afterEnd });

  for (const gap of gaps) {
    const beforeCandidates = range(gap.beforeStart, gap.beforeEnd).filter(freeBefore);
    const afterCandidates = range(gap.afterStart, gap.afterEnd).filter(freeAfter);
    const comparisons = beforeCandidates.length * afterCandidates.length;
    if (comparisons === 0 || comparisons > MAX_SIMILARITY_COMPARISONS_PER_GAP || comparisons > comparisonsLeft) continue;
    comparisonsLeft -= comparisons;
    const scored: { before: number; after: number; score: number }[] = [];
    for (const beforeIndex of beforeCandidates) {
      for (const afterIndex of afterCandidates) {
        if (!canPair(beforeIndex, afterIndex)) continue;
        const score = diceSimilarity(texts.words("before", beforeIndex), texts.words("after", afterIndex));
        if (score >= BLOCK_SIMILARITY_THRESHOLD) scored.push({ before: beforeIndex, after: afterIndex, score });
      }
    }
    scored.sort((left, right) => right.score - left.score || left.before - right.before || left.after - right.after);
    const accepted: MatchedPair[] = [];
    for (const candidate of scored) {
      if (!canPair(candidate.before, candidate.after)) continue;
      const crosses = accepted.some(
        (pair) => pair.before < candidate.before !== pair.after < candidate.after,
      );
      if (crosses) continue;
      const pair = { before: candidate.before, after: candidate.after };
      accepted.push(pair);
      addPair(pair);
    }
  }
}

export function diceSimilarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  const [smaller, larger] = left.size <= right.size ? [left, right] : [right, left];
  let common = 0;
  for (const word of smaller) if (larger.has(word)) common++;
  return (2 * common) / (left.size + right.size);
}

function range(start: number, end: number): number[] {
  const indices: number[] = [];
  for (let index = start; index < end; index++) indices.push(index);
  return indices;
}
