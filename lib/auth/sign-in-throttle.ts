import { addressRateKey } from "../domain/client-address";
import { hashRateKey, retryAfterSeconds, sharedRateLimiters, type RateLimiters } from "./rate-limit";

/**
 * Slows password guessing without letting anyone lock the owner out.
 *
 * - Per (account, address): a few failures are free (typos), then every further failure from
 *   that address doubles the wait before the next try from it. The owner's own address is only
 *   slowed by the owner's own mistakes.
 * - Per account: once an account has failed many times in a window (it is under attack), an
 *   address that has already failed for it is refused until the window ends; an address that
 *   has not failed for it, such as the owner's, is still let through, so the right password
 *   still works. A distributed attack then gets one guess per address per window.
 * - Per address: an address that fails too often across accounts (password spraying) is
 *   refused for the rest of the window. Addresses come from the socket or trusted proxies only
 *   (TRUST_PROXY), so a client cannot pick a new one per attempt.
 */

/** Failures of one account from one address before any wait: enough for typos and a forgotten caps lock. */
export const FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** The first wait after the free failures; each further failure doubles it. */
export const BACKOFF_BASE_SECONDS = 1;
/** The longest wait: slow enough to make guessing hopeless, short enough for a person who forgot. */
export const BACKOFF_MAX_SECONDS = 15 * 60;
/** How long an (account, address) pair's consecutive failures are remembered without a success. */
export const PAIR_MEMORY_SECONDS = 24 * 60 * 60;
/** Failures of one account from all addresses in a window that mark it as under attack. */
export const ACCOUNT_FAILURE_CAP = 20;
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;
/** Failures from one address across all accounts in a window: an office behind one NAT still fits. */
export const ADDRESS_FAILURE_LIMIT = 30;
export const ADDRESS_WINDOW_SECONDS = 15 * 60;
/** Counters that only count (penalty/get) need no real ceiling. */
const UNCAPPED_POINTS = 1_000_000;

/** Seconds to wait after the n-th consecutive failure of one account from one address. */
export function backoffSeconds(consecutiveFailures: number): number {
  const beyondFree = consecutiveFailures - FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS;
  if (beyondFree <= 0) return 0;
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** (beyondFree - 1), BACKOFF_MAX_SECONDS);
}

export type ThrottleDecision =
  /**
   * `pastFailures`: this address has failures (or a wait) on record for the account, which a
   * success must clear (recordSuccess); absent when there is nothing to clear, so that the usual
   * sign-in, with a clean record, writes nothing to the store but its audit event.
   */
  | { allowed: true; pastFailures?: true }
  | { allowed: false; reason: "backoff" | "account" | "address"; retryAfterSeconds: number };

export class SignInThrottle {
  constructor(private readonly limiters: RateLimiters) {}

  private get pairs() {
    return this.limiters.limiter("signin-pair", { points: UNCAPPED_POINTS, durationSeconds: PAIR_MEMORY_SECONDS });
  }

  private get backoff() {
    // Only `block` writes here: a blocked key holds points + 1 until its wait ends.
    return this.limiters.limiter("signin-backoff", { points: 1, durationSeconds: BACKOFF_MAX_SECONDS });
  }

  private get accounts() {
    return this.limiters.limiter("signin-account", { points: UNCAPPED_POINTS, durationSeconds: ACCOUNT_WINDOW_SECONDS });
  }

  private get addresses() {
    return this.limiters.limiter("signin-address", { points: UNCAPPED_POINTS, durationSeconds: ADDRESS_WINDOW_SECONDS });
  }

  private keys(email: string, address: string) {
    const account = email.trim().toLowerCase();
    const place = addressRateKey(address);
    return { pair: hashRateKey(`${account}\u0000${place}`), account: hashRateKey(account), address: hashRateKey(place) };
  }

  /** Whether an attempt for `email` from `address` may be checked now. */
  async check(email: string, address: string): Promise<ThrottleDecision> {
    const keys = this.keys(email, address);
    const [fromAddress, waiting, forAccount, forPair] = await Promise.all([
      this.addresses.get(keys.address),
      this.backoff.get(keys.pair),
      this.accounts.get(keys.account),
      this.pairs.get(keys.pair),
    ]);
    if (fromAddress && fromAddress.consumedPoints >= ADDRESS_FAILURE_LIMIT) {
      return { allowed: false, reason: "address", retryAfterSeconds: retryAfterSeconds(fromAddress.msBeforeNext) };
    }
    if (waiting && waiting.consumedPoints > 1 && waiting.msBeforeNext > 0) {
      return { allowed: false, reason: "backoff", retryAfterSeconds: retryAfterSeconds(waiting.msBeforeNext) };
    }
    const underAttack = !!forAccount && forAccount.consumedPoints >= ACCOUNT_FAILURE_CAP;
    if (underAttack && !!forPair && forPair.consumedPoints > 0) {
      return { allowed: false, reason: "account", retryAfterSeconds: retryAfterSeconds(forAccount.msBeforeNext) };
    }
    return (forPair && forPair.consumedPoints > 0) || waiting ? { allowed: true, pastFailures: true } : { allowed: true };
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const [pair] = await Promise.all([this.pairs.penalty(keys.pair), this.accounts.penalty(keys.account), this.addresses.penalty(keys.address)]);
    const wait = backoffSeconds(pair.consumedPoints);
    if (wait > 0) await this.backoff.block(keys.pair, wait);
  }

  /**
   * The owner got in from this address: its own past typos no longer count against it. Only
   * needed when check() reported `pastFailures` (a failure recorded between that check and this
   * success then stays counted until the next success: the stricter way round).
   */
  async recordSuccess(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await Promise.all([this.pairs.delete(keys.pair), this.backoff.delete(keys.pair)]);
  }
}

const globalForThrottle = globalThis as typeof globalThis & { handbookSignInThrottle?: Promise<SignInThrottle> };

export function sharedSignInThrottle(): Promise<SignInThrottle> {
  globalForThrottle.handbookSignInThrottle ??= sharedRateLimiters().then((limiters) => new SignInThrottle(limiters));
  return globalForThrottle.handbookSignInThrottle;
}
