import { characterClassAt, isWordToken, normalizeText, tokenize } from "../text";
import { diffTokens } from "./token-diff";
import type { WordChange, WordOp } from "./types";

/**
 * Word-level comparison of one changed block, under a budget shared by the whole document.
 *
 * Myers' algorithm costs about D² steps for an edit distance of D tokens (about 70 ns a
 * step on a shared 2-core machine: D = 600 is 25 ms, D = 4,000 over a second). So each
 * block gets at most MAX_BLOCK_EDIT_DISTANCE, and all blocks of one comparison share
 * WORD_DIFF_WORK_BUDGET steps; a block beyond either limit becomes a whole-block
 * replacement (`coarse`), which is also the more readable way to show a rewrite.
 */

/**
 * Largest edit distance, in tokens (words, spaces and punctuation), word-diffed inside one
 * block: about 300 changed words, past which a reader wants the two versions side by side
 * rather than a confetti of insertions, and the diff stays near 25 ms.
 */
export const MAX_BLOCK_EDIT_DISTANCE = 600;

/**
 * Myers steps (D² per block) that one document comparison may spend on word diffs: about
 * 150 ms at worst, which keeps the whole comparison far under a second even when every
 * block of a 100k-word handbook was rewritten, while 500 ordinary edits use under 1% of it.
 */
export const WORD_DIFF_WORK_BUDGET = 2_000_000;

export interface WordDiffBudget {
  remainingSteps: number;
}

export function createWordDiffBudget(steps: number = WORD_DIFF_WORK_BUDGET): WordDiffBudget {
  return { remainingSteps: steps };
}

/**
 * The word-level edit turning `beforeText` into `afterText` (both compared as NFC), or null
 * when the budget does not allow it. Each change run lists its deletion before its insertion;
 * whitespace and punctuation alone between two changes join them, so a rewritten phrase reads
 * as one deletion and one insertion rather than alternating fragments.
 */
export function diffBlockWords(beforeText: string, afterText: string, budget: WordDiffBudget): WordChange[] | null {
  return diffNormalizedBlockWords(normalizeText(beforeText), normalizeText(afterText), budget);
}

/** diffBlockWords() of two texts already in NFC (blocks' cached texts), without normalizing them again. */
export function diffNormalizedBlockWords(before: string, after: string, budget: WordDiffBudget): WordChange[] | null {
  const prefix = commonPrefixAtTokenBoundary(before, after);
  const suffix = commonSuffixAtTokenBoundary(before, after, prefix);
  const differs = prefix < before.length - suffix || prefix < after.length - suffix;
  // A spent budget means coarse blocks from here on; skip tokenizing text that will not be diffed.
  if (differs && budget.remainingSteps < 1) return null;
  const beforeMiddle = tokenize(before.slice(prefix, before.length - suffix));
  const afterMiddle = tokenize(after.slice(prefix, after.length - suffix));

  const segments: Segment[] = [];
  pushSegment(segments, "equal", prefix > 0 ? [before.slice(0, prefix)] : []);
  if (beforeMiddle.length > 0 || afterMiddle.length > 0) {
    const changes = diffMiddle(beforeMiddle, afterMiddle, budget);
    if (!changes) return null;
    for (const change of changes) pushSegment(segments, change.op, change.items);
  }
  pushSegment(segments, "equal", suffix > 0 ? [before.slice(before.length - suffix)] : []);
  return joinChangeRuns(segments).map((segment) => ({ op: segment.op, text: segment.tokens.join("") }));
}

/**
 * How many words diffBlockWords(beforeText, afterText, budget) would show as deleted or
 * inserted (countChangedWords of its result), spending the same budget, or null where it
 * would. Deciding joins and splits needs only this count; it skips building the change texts
 * and tokenizing them a second time. Each change text is a run of whole tokens of one side and
 * the spaces and punctuation folded into it hold no word, so counting the word tokens of the
 * deletions and insertions gives the same number.
 */
export function countChangedBlockWords(beforeText: string, afterText: string, budget: WordDiffBudget): number | null {
  return countChangedNormalizedBlockWords(normalizeText(beforeText), normalizeText(afterText), budget);
}

/** countChangedBlockWords() of two texts already in NFC, without normalizing them again. */
export function countChangedNormalizedBlockWords(before: string, after: string, budget: WordDiffBudget): number | null {
  const prefix = commonPrefixAtTokenBoundary(before, after);
  const suffix = commonSuffixAtTokenBoundary(before, after, prefix);
  const differs = prefix < before.length - suffix || prefix < after.length - suffix;
  if (!differs) return 0;
  if (budget.remainingSteps < 1) return null;
  const beforeMiddle = tokenize(before.slice(prefix, before.length - suffix));
  const afterMiddle = tokenize(after.slice(prefix, after.length - suffix));
  if (beforeMiddle.length === 0 && afterMiddle.length === 0) return 0;
  const changes = diffMiddle(beforeMiddle, afterMiddle, budget);
  if (!changes) return null;
  let changed = 0;
  for (const change of changes) {
    if (change.op === "equal") continue;
    for (const token of change.items) if (isWordToken(token)) changed++;
  }
  return changed;
}

/**
 * Length of the common prefix, shortened to a position where both texts start a new token,
 * so the prefix never ends inside a word (or a syllable). Only the differing middle is then
 * tokenized, which is most of the cost of a small edit in a long paragraph.
 */
function commonPrefixAtTokenBoundary(before: string, after: string): number {
  const limit = Math.min(before.length, after.length);
  let common = 0;
  while (common < limit && before.charCodeAt(common) === after.charCodeAt(common)) common++;
  for (let cut = common; cut > 0; cut--) {
    if (isTokenBoundary(before, cut) && isTokenBoundary(after, cut)) return cut;
  }
  return 0;
}

/** Length of the common suffix that does not overlap the prefix, starting at a token boundary. */
function commonSuffixAtTokenBoundary(before: string, after: string, prefix: number): number {
  const limit = Math.min(before.length, after.length) - prefix;
  let common = 0;
  while (common < limit && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) {
    common++;
  }
  for (let cut = common; cut > 0; cut--) {
    if (isTokenBoundary(before, before.length - cut) && isTokenBoundary(after, after.length - cut)) return cut;
  }
  return 0;
}

/**
 * Whether tokenize() starts a token at `position`: a change between word characters,
 * whitespace and other characters, or any position between two punctuation marks
 * (each is its own token), but never between the two halves of a surrogate pair.
 */
export function isTokenBoundary(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return true;
  const code = text.charCodeAt(position);
  if (code >= 0xdc00 && code <= 0xdfff) return false;
  const previousCode = text.charCodeAt(position - 1);
  const previousIsLowSurrogate = previousCode >= 0xdc00 && previousCode <= 0xdfff && position >= 2;
  const previous = characterClassAt(text, previousIsLowSurrogate ? position - 2 : position - 1);
  const next = characterClassAt(text, position);
  return previous !== next || previous === "other";
}

interface Segment {
  op: WordOp;
  tokens: string[];
}

function diffMiddle(
  beforeMiddle: string[],
  afterMiddle: string[],
  budget: WordDiffBudget,
): { op: WordOp; items: string[] }[] | null {
  if (beforeMiddle.length === 0) return [{ op: "insert", items: afterMiddle }];
  if (afterMiddle.length === 0) return [{ op: "delete", items: beforeMiddle }];
  const affordable = Math.floor(Math.sqrt(Math.max(0, budget.remainingSteps)));
  const maxEditDistance = Math.min(MAX_BLOCK_EDIT_DISTANCE, affordable, beforeMiddle.length + afterMiddle.length);
  // No edit script is shorter than the difference in length: a smaller allowance cannot succeed.
  const lowerBound = Math.abs(beforeMiddle.length - afterMiddle.length);
  if (maxEditDistance < Math.max(1, lowerBound)) return null;
  const changes = diffTokens(beforeMiddle, afterMiddle, Object.is, maxEditDistance);
  if (!changes) {
    budget.remainingSteps -= maxEditDistance * maxEditDistance;
    return null;
  }
  let distance = 0;
  for (const change of changes) if (change.op !== "equal") distance += change.items.length;
  budget.remainingSteps -= distance * distance;
  return changes;
}

function pushSegment(segments: Segment[], op: WordOp, tokens: string[]): void {
  if (tokens.length === 0) return;
  const last = segments[segments.length - 1];
  if (last && last.op === op) last.tokens.push(...tokens);
  else segments.push({ op, tokens: [...tokens] });
}

/**
 * Folds equal runs without a word (spaces, punctuation) that sit between two changes into
 * the changes, then orders each change run as one deletion followed by one insertion.
 * Either side's text is unchanged by this: only the grouping moves.
 */
function joinChangeRuns(segments: Segment[]): Segment[] {
  const joined: Segment[] = [];
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = (): void => {
    if (deleted.length > 0) joined.push({ op: "delete", tokens: deleted });
    if (inserted.length > 0) joined.push({ op: "insert", tokens: inserted });
    deleted = [];
    inserted = [];
  };
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (segment.op === "delete") deleted.push(...segment.tokens);
    else if (segment.op === "insert") inserted.push(...segment.tokens);
    else if (isBridge(segments, index)) {
      deleted.push(...segment.tokens);
      inserted.push(...segment.tokens);
    } else {
      flush();
      joined.push(segment);
    }
  }
  flush();
  return joined;
}

function isBridge(segments: Segment[], index: number): boolean {
  const previous = segments[index - 1];
  const next = segments[index + 1];
  if (!previous || !next || previous.op === "equal" || next.op === "equal") return false;
  return !segments[index].tokens.some(isWordToken);
}
