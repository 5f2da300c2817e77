import { mergeOrder, type CommonOrders } from "./order";

/**
 * Three-way merge of a list of items with stable keys (sections by id, blocks by block id):
 * which items survive, what each becomes, and in which order. What to do on a conflict is
 * the caller's, so sections and blocks share the bookkeeping but not the vocabulary.
 */

export interface Keyed<T> {
  key: string;
  value: T;
}

export interface KeyedListMerge<T extends object> {
  base: readonly Keyed<T>[];
  head: readonly Keyed<T>[];
  proposal: readonly Keyed<T>[];
  same: (a: T, b: T) => boolean;
  /** The item is on all three sides. */
  mergeShared: (key: string, base: T, head: T, proposal: T) => T;
  /** Both sides added the item (base lacks it) and their versions differ; null drops it. */
  settleAddedOnBothSides: (key: string, head: T, proposal: T) => T | null;
  /** One side deleted the item and the other changed it; null drops it. */
  settleRemovedAndChanged: (key: string, base: T, head: T | null, proposal: T | null) => T | null;
  /** Both sides reordered the shared items incompatibly; returns the order to use. */
  settleOrder: (orders: CommonOrders) => readonly string[];
}

export function mergeKeyedList<T extends object>(merge: KeyedListMerge<T>): T[] {
  const base = valuesByKey(merge.base);
  const head = valuesByKey(merge.head);
  const proposal = valuesByKey(merge.proposal);
  const survivors = new Map<string, T>();
  for (const key of new Set([...proposal.keys(), ...head.keys(), ...base.keys()])) {
    const item = mergeItem(merge, key, base.get(key), head.get(key), proposal.get(key));
    if (item !== null) survivors.set(key, item);
  }
  const order = mergeOrder(
    {
      base: merge.base.map((item) => item.key),
      head: merge.head.map((item) => item.key),
      proposal: merge.proposal.map((item) => item.key),
      surviving: new Set(survivors.keys()),
    },
    merge.settleOrder,
  );
  return order.flatMap((key) => {
    const item = survivors.get(key);
    return item === undefined ? [] : [item];
  });
}

function mergeItem<T extends object>(
  merge: KeyedListMerge<T>,
  key: string,
  base: T | undefined,
  head: T | undefined,
  proposal: T | undefined,
): T | null {
  if (base === undefined) {
    if (head !== undefined && proposal !== undefined) {
      return merge.same(head, proposal) ? proposal : merge.settleAddedOnBothSides(key, head, proposal);
    }
    return proposal ?? head ?? null;
  }
  if (head !== undefined && proposal !== undefined) return merge.mergeShared(key, base, head, proposal);
  if (head === undefined && proposal === undefined) return null;
  if (head === undefined) {
    return proposal === undefined || merge.same(proposal, base)
      ? null
      : merge.settleRemovedAndChanged(key, base, null, proposal);
  }
  return merge.same(head, base) ? null : merge.settleRemovedAndChanged(key, base, head, null);
}

function valuesByKey<T>(items: readonly Keyed<T>[]): Map<string, T> {
  return new Map(items.map((item) => [item.key, item.value]));
}
