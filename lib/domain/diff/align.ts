/**
 * Turning matched pairs (item i before is item j after) into an ordered comparison.
 * Used for sections and for the blocks of a section alike.
 */

export interface MatchedPair {
  before: number;
  after: number;
  /** Set when matching already proved both sides equal, so nobody compares them again. */
  knownEqual?: boolean;
}

export type AlignedEntry =
  | { kind: "matched"; pair: MatchedPair; moved: boolean }
  | { kind: "removed"; before: number }
  | { kind: "added"; after: number }
  /** Where a moved item stood before (only with `origins`): the pair is reported again at its new place. */
  | { kind: "origin"; pair: MatchedPair };

/**
 * The largest set of pairs whose order is the same on both sides: a longest common
 * subsequence of the matched items, found as a longest increasing subsequence in
 * O(n log n) because each item matches at most once. The other pairs are the moves.
 * Returns the chosen pairs ordered by position.
 */
export function pairsInOrder(pairs: readonly MatchedPair[]): MatchedPair[] {
  const sorted = [...pairs].sort((left, right) => left.before - right.before);
  /** tails[k]: index in `sorted` of the smallest `after` ending an increasing run of length k+1. */
  const tails: number[] = [];
  const previous = new Int32Array(sorted.length).fill(-1);
  for (let index = 0; index < sorted.length; index++) {
    const after = sorted[index].after;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[tails[middle]].after < after) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1];
    tails[low] = index;
  }
  const chain: MatchedPair[] = [];
  for (let index = tails.length > 0 ? tails[tails.length - 1] : -1; index !== -1; index = previous[index]) {
    chain.push(sorted[index]);
  }
  return chain.reverse();
}

/**
 * Every item of both sides once, in the reading order of `after`. Items removed from
 * `before` stand where they were: between the two in-order pairs that surrounded them,
 * ahead of what was added there (as a line diff shows a deletion before an insertion).
 * Pairs outside the longest in-order chain are reported at their new place as moved.
 */
export function alignSequences(
  beforeCount: number,
  afterCount: number,
  pairs: readonly MatchedPair[],
  options: { origins?: boolean } = {},
): AlignedEntry[] {
  const pairByBefore = new Map<number, MatchedPair>();
  const pairByAfter = new Map<number, MatchedPair>();
  for (const pair of pairs) {
    pairByBefore.set(pair.before, pair);
    pairByAfter.set(pair.after, pair);
  }
  const anchors = pairsInOrder(pairs);
  const entries: AlignedEntry[] = [];
  let beforeCursor = 0;
  let afterCursor = 0;
  const emitGap = (beforeEnd: number, afterEnd: number): void => {
    for (; beforeCursor < beforeEnd; beforeCursor++) {
      const moved = pairByBefore.get(beforeCursor);
      if (!moved) entries.push({ kind: "removed", before: beforeCursor });
      else if (options.origins) entries.push({ kind: "origin", pair: moved });
    }
    for (; afterCursor < afterEnd; afterCursor++) {
      const pair = pairByAfter.get(afterCursor);
      entries.push(pair ? { kind: "matched", pair, moved: true } : { kind: "added", after: afterCursor });
    }
  };
  for (const anchor of anchors) {
    emitGap(anchor.before, anchor.after);
    entries.push({ kind: "matched", pair: anchor, moved: false });
    beforeCursor = anchor.before + 1;
    afterCursor = anchor.after + 1;
  }
  emitGap(beforeCount, afterCount);
  return entries;
}
