import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb, type Db } from "../db/client";
import { addressRateKey } from "../domain/client-address";
import { databaseConfig } from "../db/config";
import { AppError } from "../errors";

/**
 * Rate limits for everything a person or a script can repeat cheaply (sign-in, comments,
 * proposals, tokens, search, import), through rate-limiter-flexible. The counters live where a
 * second web instance sees them too:
 * - Redis when `REDIS_URL` is set (any deployment may add one; the fastest store);
 * - else PostgreSQL, when the database is PostgreSQL (the `RateLimit` table through
 *   rate-limiter-flexible's Prisma store): a deployment that runs several web instances already
 *   shares its database, so it needs no new service;
 * - else process memory: the embedded default runs one web process, and a restart forgetting
 *   the counts gives an attacker a few more tries at most.
 * A store that stops answering (Redis down, database busy) falls back to memory for that call,
 * so the limits keep holding per instance instead of failing open or refusing everyone.
 */

export interface LimitSpec {
  /** How many actions a key may take... */
  points: number;
  /** ...in this many seconds (a fixed window that starts with the key's first action). */
  durationSeconds: number;
}

export interface NamedLimit extends LimitSpec {
  /** Why this number: what a person needs, and what it stops. */
  reason: string;
}

/** Every named limit; the README's limits table lists them with their reasons. */
export const RATE_LIMITS = {
  suggestion: {
    points: 120,
    durationSeconds: 10 * 60,
    reason: "A reviewer going through a text suggests a word at a time, a few a minute at most; 120 in ten minutes stops a script filling a draft with suggestions.",
  },
  comment: {
    points: 30,
    durationSeconds: 10 * 60,
    reason: "A lively review thread is a few comments a minute; thirty in ten minutes stops a script flooding reviewers' notifications.",
  },
  proposalCreate: {
    points: 20,
    durationSeconds: 60 * 60,
    reason: "Each proposal copies every section of the current version; a ministry opens a few a day, twenty an hour is a script.",
  },
  apiTokenMint: {
    points: 10,
    durationSeconds: 60 * 60,
    reason: "A person needs a token per tool, made once; ten an hour bounds a stolen session minting credentials.",
  },
  collabTokenMint: {
    points: 300,
    durationSeconds: 5 * 60,
    reason: "The editor asks for a token per section it opens and again before each expires (5 minutes); 300 covers opening every section of a long chapter several times.",
  },
  search: {
    points: 120,
    durationSeconds: 60,
    reason: "Search scans the current text of every section; two a second per person or address is faster than anyone reads results.",
  },
  import: {
    points: 10,
    durationSeconds: 60 * 60,
    reason: "An import parses up to 2 MiB and opens a proposal; an administrator imports a chapter at a time.",
  },
  subscriptionPerEmail: {
    points: 3,
    durationSeconds: 60 * 60,
    reason: "Each request emails an address the requester need not own: a retry or two after a typo, not a mail bomb.",
  },
  subscriptionPerClient: {
    points: 30,
    durationSeconds: 60 * 60,
    reason: "Subscription requests from one address: an office behind one NAT can still subscribe its staff.",
  },
  registrationPerEmail: {
    points: 3,
    durationSeconds: 60 * 60,
    reason: "Each registration emails an address the requester need not own: a retry or two after a typo, not a mail bomb.",
  },
  registrationPerClient: {
    points: 20,
    durationSeconds: 60 * 60,
    reason: "Registrations from one address: a classroom or an office behind one NAT can still register, a script cannot mint accounts.",
  },
  consultationComment: {
    points: 10,
    durationSeconds: 10 * 60,
    reason: "A citizen writes a considered comment in minutes, not seconds; ten in ten minutes lets someone go paragraph by paragraph and stops a flood.",
  },
  consultationCommentPerClient: {
    points: 60,
    durationSeconds: 10 * 60,
    reason: "Comments from one address across accounts: an office behind one NAT commenting together fits, a script with many accounts does not.",
  },
} as const satisfies Record<string, NamedLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export type RateLimitStore = { kind: "memory" } | { kind: "redis"; client: Redis } | { kind: "database"; db: Db };

/** Redis keys and database rows of the product start with this, so they are easy to find and clear. */
export const RATE_LIMIT_KEY_PREFIX = "camnang:rl";
/**
 * How long a Redis command may wait before the memory fallback answers: a sign-in must not
 * hang on a dead Redis.
 */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * Keys are hashed: counters then hold no email address or IP in Redis or the database, and a
 * key of any length costs the same (128 bits keep distinct keys apart).
 */
export function hashRateKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("base64url").slice(0, 22);
}

/** Whole seconds to wait, at least one, for `Retry-After`. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

export function rateLimitedError(limit: string, msBeforeNext: number): AppError {
  const seconds = retryAfterSeconds(msBeforeNext);
  return new AppError("RATE_LIMITED", "rateLimited", { seconds }, { limit, retryAfterSeconds: seconds });
}

/** The limiters of one store, created on first use and kept. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    readonly store: RateLimitStore,
    private readonly keyPrefix: string = RATE_LIMIT_KEY_PREFIX,
  ) {}

  /** One family of counters (a name) with its own points and window. */
  limiter(name: string, spec: LimitSpec): RateLimiterAbstract {
    const cacheKey = `${name}:${spec.points}:${spec.durationSeconds}`;
    const existing = this.limiters.get(cacheKey);
    if (existing) return existing;
    const options = { keyPrefix: `${this.keyPrefix}:${name}`, points: spec.points, duration: spec.durationSeconds };
    let limiter: RateLimiterAbstract;
    if (this.store.kind === "memory") {
      limiter = new RateLimiterMemory(options);
    } else if (this.store.kind === "redis") {
      limiter = new RateLimiterRedis({ ...options, storeClient: this.store.client, insuranceLimiter: new RateLimiterMemory(options) });
    } else {
      // `tableName` is the Prisma client's accessor for the RateLimit model.
      limiter = new RateLimiterPrisma({ ...options, storeClient: this.store.db, tableName: "rateLimit", insuranceLimiter: new RateLimiterMemory(options) });
    }
    this.limiters.set(cacheKey, limiter);
    return limiter;
  }

  /** Counts one action of `key` against a named limit; throws RATE_LIMITED (429) past it. */
  async consume(name: RateLimitName, key: string): Promise<void> {
    try {
      await this.limiter(name, RATE_LIMITS[name]).consume(hashRateKey(key));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimitedError(name, rejection.msBeforeNext);
      throw rejection;
    }
  }
}

/** Redis if configured, else the process's database when it is PostgreSQL, else memory. */
export async function rateLimitStoreFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Promise<RateLimitStore> {
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    // No offline queue: while Redis is unreachable a command fails at once and memory answers.
    const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: REDIS_COMMAND_TIMEOUT_MS });
    client.on("error", (error: Error) => console.error("[rate-limit] redis:", error.message));
    return { kind: "redis", client };
  }
  if (databaseConfig(env.DATABASE_URL ?? "").engine === "postgres") return { kind: "database", db: await getDb() };
  return { kind: "memory" };
}

const globalForLimits = globalThis as typeof globalThis & { handbookRateLimiters?: Promise<RateLimiters> };

/** The process's limiters, on the store the environment names. */
export function sharedRateLimiters(): Promise<RateLimiters> {
  globalForLimits.handbookRateLimiters ??= rateLimitStoreFromEnv().then((store) => new RateLimiters(store));
  return globalForLimits.handbookRateLimiters;
}

/** Counts one action against a named limit on the shared store (429 RATE_LIMITED past it). */
export async function enforceRateLimit(name: RateLimitName, key: string): Promise<void> {
  await (await sharedRateLimiters()).consume(name, key);
}

/** The key of a signed-in person's actions. */
export function personRateKey(actor: { id: string }): string {
  return `user:${actor.id}`;
}

/** The key of a request's author for limits: the person when signed in, else the address. */
export function rateKeyFor(actor: { id: string } | null, address: string): string {
  return actor ? personRateKey(actor) : `address:${addressRateKey(address)}`;
}
