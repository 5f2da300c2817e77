import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache";

describe("LruCache", () => {
  it("evicts the least recently used entry beyond its capacity", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("creates a missing value once and then serves it", async () => {
    const cache = new LruCache<string, string>(4);
    let calls = 0;
    const create = async () => `v${++calls}`;
    expect(await cache.getOrCreate("k", create)).toBe("v1");
    expect(await cache.getOrCreate("k", create)).toBe("v1");
    expect(calls).toBe(1);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
