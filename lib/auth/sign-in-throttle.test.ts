import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { RateLimiters, type RateLimitStore } from "./rate-limit";
import {
  ACCOUNT_FAILURE_CAP,
  ADDRESS_FAILURE_LIMIT,
  BACKOFF_MAX_SECONDS,
  backoffSeconds,
  FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  SignInThrottle,
} from "./sign-in-throttle";

const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await redis.quit();
});

const STORES: { name: string; store: RateLimitStore }[] = [
  { name: "memory", store: { kind: "memory" } },
  { name: "Redis", store: { kind: "redis", client: redis } },
];

const MINH = "minh@mic.gov.vn";
const address = (index: number) => `198.51.${Math.floor(index / 250)}.${(index % 250) + 1}`;

describe("the back-off schedule", () => {
  it("is free for the first failures, then doubles up to the ceiling", () => {
    for (let failures = 0; failures <= FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; failures += 1) expect(backoffSeconds(failures)).toBe(0);
    const waits = Array.from({ length: 6 }, (_, index) => backoffSeconds(FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS + 1 + index));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32]);
    expect(backoffSeconds(FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS + 100)).toBe(BACKOFF_MAX_SECONDS);
  });
});

describe.each(STORES)("sign-in throttling on the $name store", ({ store }) => {
  const throttle = () => new SignInThrottle(new RateLimiters(store, `test:${randomUUID()}`));

  it("lets a person who mistyped five times try again at once", async () => {
    const limits = throttle();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) await limits.recordFailure(MINH, "203.0.113.9");
    // Allowed, with the failures a success must clear.
    expect(await limits.check(MINH, "203.0.113.9")).toEqual({ allowed: true, pastFailures: true });
    // Nothing on record for the account from another address, nor for another account from this one.
    expect(await limits.check(MINH, "192.0.2.44")).toEqual({ allowed: true });
    expect(await limits.check("thu@moha.gov.vn", "203.0.113.9")).toEqual({ allowed: true });
  });

  it("then makes each further try from that address wait twice as long", async () => {
    const limits = throttle();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) await limits.recordFailure(MINH, "203.0.113.9");
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await limits.recordFailure(MINH, "203.0.113.9");
      const decision = await limits.check(MINH, "203.0.113.9");
      if (decision.allowed) throw new Error("a failure past the free ones must be waited out");
      expect(decision.reason).toBe("backoff");
      waits.push(decision.retryAfterSeconds);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // The back-off is the address's own: the owner elsewhere, and other accounts from it, are not slowed.
    expect(await limits.check(MINH, "192.0.2.44")).toEqual({ allowed: true });
    expect(await limits.check("thu@moha.gov.vn", "203.0.113.9")).toEqual({ allowed: true });
  });

  it("cannot be used to lock an account: failures from many addresses leave a fresh address free (issue item 2)", async () => {
    const limits = throttle();
    for (let index = 0; index < ACCOUNT_FAILURE_CAP * 3; index += 1) await limits.recordFailure(MINH, address(index));
    expect(await limits.check(MINH, "192.0.2.44")).toEqual({ allowed: true });
    // An address that already failed for the account under attack waits for the window to end.
    const repeat = await limits.check(MINH, address(0));
    expect(repeat).toMatchObject({ allowed: false, reason: "account" });
  });

  it("stops an address that sprays passwords over many accounts", async () => {
    const limits = throttle();
    for (let index = 0; index < ADDRESS_FAILURE_LIMIT; index += 1) await limits.recordFailure(`nguoi${index}@mof.gov.vn`, "203.0.113.66");
    expect(await limits.check("someone@mof.gov.vn", "203.0.113.66")).toMatchObject({ allowed: false, reason: "address" });
    expect(await limits.check("someone@mof.gov.vn", "203.0.113.67")).toEqual({ allowed: true });
  });

  it("counts an IPv6 /64 as one address", async () => {
    const limits = throttle();
    for (let index = 0; index < ADDRESS_FAILURE_LIMIT; index += 1) await limits.recordFailure(`nguoi${index}@mof.gov.vn`, `2001:db8:0:7::${(index + 1).toString(16)}`);
    expect(await limits.check("someone@mof.gov.vn", "2001:db8:0:7::ffff")).toMatchObject({ allowed: false, reason: "address" });
  });

  it("forgets an address's mistakes for an account once the right password came from it", async () => {
    const limits = throttle();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS + 1; attempt += 1) await limits.recordFailure(MINH, "203.0.113.9");
    expect(await limits.check(MINH, "203.0.113.9")).toMatchObject({ allowed: false, reason: "backoff" });
    await limits.recordSuccess(MINH, "203.0.113.9");
    expect(await limits.check(MINH, "203.0.113.9")).toEqual({ allowed: true });
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) await limits.recordFailure(MINH, "203.0.113.9");
    expect(await limits.check(MINH, "203.0.113.9")).toEqual({ allowed: true, pastFailures: true });
  });
});

describe("a back-off ends when its time is up (memory store, fake clock)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("admits the address again after the announced wait", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T08:00:00Z") });
    const limits = new SignInThrottle(new RateLimiters({ kind: "memory" }, `test:${randomUUID()}`));
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS + 3; attempt += 1) await limits.recordFailure(MINH, "203.0.113.9");
    const decision = await limits.check(MINH, "203.0.113.9");
    expect(decision).toMatchObject({ allowed: false, retryAfterSeconds: 4 });
    vi.advanceTimersByTime(3_000);
    expect((await limits.check(MINH, "203.0.113.9")).allowed).toBe(false);
    vi.advanceTimersByTime(1_100);
    expect(await limits.check(MINH, "203.0.113.9")).toEqual({ allowed: true, pastFailures: true });
  });
});
