import { LRUCache } from "lru-cache";

/**
 * Published versions and section revisions never change, so what is derived from them (loaded
 * snapshots, diffs, search indexes, blame states, approvals) can be kept without invalidation; a
 * bound keeps memory flat however many versions readers open. `lru-cache` does the eviction and
 * de-duplicates concurrent fetches of one key (two readers opening the same diff compute it once).
 */
export type DerivedCache<V extends NonNullable<unknown>> = LRUCache<string, V, () => Promise<V>>;

export function derivedCache<V extends NonNullable<unknown>>(max: number): DerivedCache<V> {
  return new LRUCache<string, V, () => Promise<V>>({ max, fetchMethod: (_key, _stale, { context }) => context() });
}

/** The cached value for `key`, computed by `create` (once, however many callers ask at the same time) when missing. */
export async function cachedOrCreate<V extends NonNullable<unknown>>(cache: DerivedCache<V>, key: string, create: () => Promise<V>): Promise<V> {
  const value = await cache.fetch(key, { context: create });
  // fetch() answers undefined only when the fetch was aborted, which nothing here does.
  if (value === undefined) throw new Error(`derived cache: no value for ${key}`);
  return value;
}
