import { diffArrays } from "diff";

/**
 * The only module that imports the `diff` package (Myers O(ND) diff).
 * Everything else diffs through these functions, so the algorithm and its budget live here.
 */

export type TokenOp = "equal" | "insert" | "delete";

export interface TokenChange<T> {
  op: TokenOp;
  items: T[];
}

/**
 * Largest edit distance (in tokens) a token diff may explore before it gives up.
 * Myers' cost grows with N*D and memory with D^2; 4,000 keeps the worst single diff in
 * the tens of milliseconds, and the callers fall back to whole-block replacement beyond it.
 */
export const MAX_TOKEN_EDIT_DISTANCE = 4_000;

/**
 * Diffs two token sequences. Returns null when the edit distance exceeds the budget,
 * so that callers can fall back to a coarser comparison instead of blocking.
 */
export function diffTokens<T>(
  before: readonly T[],
  after: readonly T[],
  equals: (a: T, b: T) => boolean = Object.is,
  maxEditDistance: number = MAX_TOKEN_EDIT_DISTANCE,
): TokenChange<T>[] | null {
  const changes = diffArrays([...before], [...after], { comparator: equals, maxEditLength: maxEditDistance });
  if (!changes) return null;
  return changes
    .filter((change) => change.count > 0)
    .map((change) => ({
      op: change.added ? "insert" : change.removed ? "delete" : "equal",
      items: change.value,
    }));
}
