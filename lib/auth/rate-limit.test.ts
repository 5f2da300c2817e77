import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createTestDatabase, isPostgresReachable, type TestDatabase } from "../testing/databases";
import { hashRateKey, RATE_LIMITS, RateLimiters, rateKeyFor, rateLimitStoreFromEnv, type RateLimitStore } from "./rate-limit";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function rateLimited(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("RATE_LIMITED");
  return error as AppError;
}

type StoreCase = { name: string; open(): Promise<RateLimitStore>; shared: boolean; close(store: RateLimitStore): Promise<void> };

let postgres: TestDatabase | null = null;
const redisClients: Redis[] = [];

const STORES: StoreCase[] = [
  { name: "memory", open: async () => ({ kind: "memory" }), shared: false, close: async () => undefined },
  {
    name: "Redis",
    open: async () => {
      const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      redisClients.push(client);
      return { kind: "redis", client };
    },
    shared: true,
    close: async () => undefined,
  },
];
if (await isPostgresReachable()) {
  STORES.push({
    name: "PostgreSQL",
    open: async () => {
      postgres ??= await createTestDatabase("postgres");
      return { kind: "database", db: postgres.db };
    },
    shared: true,
    close: async () => undefined,
  });
}

afterAll(async () => {
  await Promise.all(redisClients.map((client) => client.quit()));
  await postgres?.drop();
});

describe.each(STORES)("the rate limiter on the $name store", (store) => {
  let backing: RateLimitStore;
  beforeAll(async () => {
    backing = await store.open();
  });

  it("lets a named limit's points through, then answers RATE_LIMITED with a wait no longer than the window", async () => {
    const limiters = new RateLimiters(backing, `test:${randomUUID()}`);
    const { points, durationSeconds } = RATE_LIMITS.import;
    for (let action = 0; action < points; action += 1) await limiters.consume("import", "user:admin");
    const error = await rateLimited(limiters.consume("import", "user:admin"));
    expect(error.details).toMatchObject({ limit: "import" });
    const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(durationSeconds);
    // Another person, and another limit of the same person, are untouched.
    await limiters.consume("import", "user:someone-else");
    await limiters.consume("comment", "user:admin");
  });

  it(`is ${store.shared ? "" : "not "}shared between two instances on the same store`, async () => {
    const prefix = `test:${randomUUID()}`;
    const first = new RateLimiters(backing, prefix);
    const second = new RateLimiters(store.shared ? backing : { kind: "memory" }, prefix);
    const { points } = RATE_LIMITS.apiTokenMint;
    for (let action = 0; action < points; action += 1) await first.consume("apiTokenMint", "user:lan");
    if (store.shared) await rateLimited(second.consume("apiTokenMint", "user:lan"));
    else await second.consume("apiTokenMint", "user:lan");
  });

  it("counts concurrent actions exactly", async () => {
    const limiters = new RateLimiters(backing, `test:${randomUUID()}`);
    const { points } = RATE_LIMITS.apiTokenMint;
    const outcomes = await Promise.allSettled(Array.from({ length: points * 2 }, () => limiters.consume("apiTokenMint", "user:burst")));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(points);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect((outcome.reason as AppError).code).toBe("RATE_LIMITED");
  });
});

describe("the rate limiter when its store is down", () => {
  it("falls back to counting in memory instead of failing open", async () => {
    // Nothing listens on port 1; the client gives up at once (no offline queue).
    const client = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    client.on("error", () => undefined);
    const limiters = new RateLimiters({ kind: "redis", client }, `test:${randomUUID()}`);
    const { points } = RATE_LIMITS.import;
    for (let action = 0; action < points; action += 1) await limiters.consume("import", "user:admin");
    await rateLimited(limiters.consume("import", "user:admin"));
    client.disconnect();
  });
});

describe("choosing the store", () => {
  it("uses Redis when REDIS_URL is set, PostgreSQL when the database is PostgreSQL, memory otherwise", async () => {
    const redis = await rateLimitStoreFromEnv({ REDIS_URL, DATABASE_URL: "file:./data/x.db" });
    expect(redis.kind).toBe("redis");
    if (redis.kind === "redis") redis.client.disconnect();
    expect((await rateLimitStoreFromEnv({ DATABASE_URL: "file:./data/x.db" })).kind).toBe("memory");
    expect((await rateLimitStoreFromEnv({})).kind).toBe("memory");
    if (postgres) expect((await rateLimitStoreFromEnv({ DATABASE_URL: postgres.url })).kind).toBe("database");
  });
});

describe("rate limit keys", () => {
  it("hold no email address or IP in clear and have a fixed length", () => {
    const key = hashRateKey("account:minh@mic.gov.vn");
    expect(key).not.toContain("minh");
    expect(key).toHaveLength(22);
    expect(hashRateKey("x".repeat(1_000_000))).toHaveLength(22);
    expect(hashRateKey("a")).not.toBe(hashRateKey("b"));
  });

  it("count a signed-in person by id and an anonymous one by address (an IPv6 /64 as one)", () => {
    expect(rateKeyFor({ id: "u1" }, "203.0.113.9")).toBe("user:u1");
    expect(rateKeyFor(null, "203.0.113.9")).toBe("address:203.0.113.9");
    expect(rateKeyFor(null, "2001:db8:0:1::5")).toBe(rateKeyFor(null, "2001:db8:0:1::6"));
  });
});
