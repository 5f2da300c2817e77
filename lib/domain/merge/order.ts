/**
 * Three-way merge of the order of keyed items (the sections of a document, the blocks of a
 * container). Items present on all three sides keep a merged relative order; items only
 * one side has (added, or kept because of a conflict) go right after the item they follow
 * on that side.
 */

/**
 * Largest number of items on all three sides for which conflicting reorders are merged pair
 * by pair. The check is quadratic; 2,000 items (4 million pairs) stay within tens of
 * milliseconds, and no section holds that many blocks. Beyond it, two different reorders
 * are simply a conflict.
 */
export const MAX_PAIRWISE_ORDER_ITEMS = 2_000;

export interface OrderMergeInput {
  base: readonly string[];
  head: readonly string[];
  proposal: readonly string[];
  /** Keys that are in the merged result. */
  surviving: ReadonlySet<string>;
}

/** The orders of the items on all three sides, as each side has them. */
export interface CommonOrders {
  base: string[];
  head: string[];
  proposal: string[];
}

/**
 * Merges the order. `onConflict` receives the three orders of the shared items when both
 * sides reordered them incompatibly, and returns the order to use (a permutation of them).
 */
export function mergeOrder(input: OrderMergeInput, onConflict: (orders: CommonOrders) => readonly string[]): string[] {
  const headKeys = new Set(input.head);
  const proposalKeys = new Set(input.proposal);
  const baseKeys = new Set(input.base);
  const isShared = (key: string) => baseKeys.has(key) && headKeys.has(key) && proposalKeys.has(key);
  const orders: CommonOrders = {
    base: input.base.filter(isShared),
    head: input.head.filter(isShared),
    proposal: input.proposal.filter(isShared),
  };
  const skeleton = mergeSharedOrder(orders) ?? onConflict(orders);
  return placeOneSidedItems(skeleton, [input.head, input.proposal], input.surviving);
}

/**
 * The merged order of the shared items, or null when it does not exist. For every pair of
 * items, a side that swapped them relative to base decides; a pair swapped by both sides is
 * swapped (they agree, an order has only two ways). When these pairwise decisions form a
 * cycle there is no order honouring both sides.
 */
export function mergeSharedOrder(orders: CommonOrders): string[] | null {
  if (sameOrder(orders.head, orders.base)) return [...orders.proposal];
  if (sameOrder(orders.proposal, orders.base) || sameOrder(orders.head, orders.proposal)) return [...orders.head];
  const count = orders.base.length;
  if (count > MAX_PAIRWISE_ORDER_ITEMS) return null;

  const headRank = ranksOf(orders.base, orders.head);
  const proposalRank = ranksOf(orders.base, orders.proposal);
  const precedes = new Array<number>(count).fill(0);
  for (let first = 0; first < count; first += 1) {
    for (let second = first + 1; second < count; second += 1) {
      const swappedByHead = headRank[first] > headRank[second];
      const swappedByProposal = proposalRank[first] > proposalRank[second];
      if (swappedByHead || swappedByProposal) precedes[second] += 1;
      else precedes[first] += 1;
    }
  }
  // The decisions are a tournament; it is an order exactly when the numbers of items each
  // item precedes are all different (n-1, n-2, ..., 0).
  const ranked = orders.base.map((key, index) => ({ key, precedes: precedes[index] }));
  ranked.sort((a, b) => b.precedes - a.precedes);
  const isOrder = ranked.every((item, rank) => item.precedes === count - 1 - rank);
  return isOrder ? ranked.map((item) => item.key) : null;
}

/**
 * Inserts the surviving items that are not in the skeleton, walking each source in turn:
 * an item goes right after the nearest item before it (on that side) already placed. Head
 * is walked first, so where both sides added items after the same one, the proposal's come
 * first: the result is what re-applying the proposal's edits to head gives.
 */
function placeOneSidedItems(
  skeleton: readonly string[],
  sources: readonly (readonly string[])[],
  surviving: ReadonlySet<string>,
): string[] {
  const result = [...skeleton];
  const placed = new Set(skeleton);
  for (const source of sources) {
    let cursor = 0;
    for (const key of source) {
      if (placed.has(key)) {
        cursor = result.indexOf(key) + 1;
        continue;
      }
      if (!surviving.has(key)) continue;
      result.splice(cursor, 0, key);
      placed.add(key);
      cursor += 1;
    }
  }
  return result;
}

/** For each key of `keys`, its index in `order` (both hold the same keys). */
function ranksOf(keys: readonly string[], order: readonly string[]): number[] {
  const indexByKey = new Map(order.map((key, index) => [key, index]));
  return keys.map((key) => indexByKey.get(key) ?? 0);
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}
