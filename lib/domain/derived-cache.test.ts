import { describe, expect, it } from "vitest";
import { cachedOrCreate, derivedCache } from "./derived-cache";

describe("derivedCache", () => {
  it("creates a missing value once, also for callers asking at the same time", async () => {
    const cache = derivedCache<string>(4);
    let calls = 0;
    const create = async () => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return `v${calls}`;
    };
    const values = await Promise.all([cachedOrCreate(cache, "k", create), cachedOrCreate(cache, "k", create), cachedOrCreate(cache, "k", create)]);
    expect(values).toEqual(["v1", "v1", "v1"]);
    expect(await cachedOrCreate(cache, "k", create)).toBe("v1");
    expect(calls).toBe(1);
  });

  it("evicts the least recently used entry beyond its bound", async () => {
    const cache = derivedCache<number>(2);
    await cachedOrCreate(cache, "a", async () => 1);
    await cachedOrCreate(cache, "b", async () => 2);
    expect(cache.get("a")).toBe(1);
    await cachedOrCreate(cache, "c", async () => 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it("does not keep a failed creation", async () => {
    const cache = derivedCache<string>(2);
    await expect(cachedOrCreate(cache, "k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cachedOrCreate(cache, "k", async () => "ok")).toBe("ok");
  });
});
