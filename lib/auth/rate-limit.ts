/**
 * Sliding-window counters for failed sign-ins, per account and per address. Kept in the web
 * process's memory: one web process serves sign-in, and a restart forgetting the counters only
 * gives an attacker a few more tries.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed for one account in the window: enough for typos, too few for guessing. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures allowed from one address: an office behind one NAT still signs in after a few typos. */
export const MAX_FAILURES_PER_ADDRESS = 20;
/** Bounds the memory the counters may take under a spray of distinct keys. */
const MAX_TRACKED_KEYS = 50_000;

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  count(key: string): number {
    return this.recent(key).length;
  }

  record(key: string): void {
    if (this.failures.size >= MAX_TRACKED_KEYS && !this.failures.has(key)) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

export class SignInLimiter {
  private readonly limiter: FailureLimiter;

  constructor(now: () => number = Date.now) {
    this.limiter = new FailureLimiter(SIGN_IN_WINDOW_MS, now);
  }

  isBlocked(email: string, address: string): boolean {
    return (
      this.limiter.count(`account:${email.toLowerCase()}`) >= MAX_FAILURES_PER_ACCOUNT ||
      this.limiter.count(`address:${address}`) >= MAX_FAILURES_PER_ADDRESS
    );
  }

  recordFailure(email: string, address: string): void {
    this.limiter.record(`account:${email.toLowerCase()}`);
    this.limiter.record(`address:${address}`);
  }

  recordSuccess(email: string): void {
    this.limiter.reset(`account:${email.toLowerCase()}`);
  }
}

const globalForLimiter = globalThis as typeof globalThis & { handbookSignInLimiter?: SignInLimiter };
export const signInLimiter = (globalForLimiter.handbookSignInLimiter ??= new SignInLimiter());
