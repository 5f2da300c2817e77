import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, SIGN_IN_WINDOW_MS, SignInLimiter } from "./rate-limit";

describe("SignInLimiter", () => {
  it("blocks an account after too many failures, from any address", () => {
    let now = 0;
    const limiter = new SignInLimiter(() => now);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i += 1) limiter.recordFailure("lan@mof.gov.vn", `10.0.0.${i}`);
    expect(limiter.isBlocked("LAN@mof.gov.vn", "192.0.2.1")).toBe(true);
    expect(limiter.isBlocked("minh@mic.gov.vn", "192.0.2.1")).toBe(false);
    now += SIGN_IN_WINDOW_MS + 1;
    expect(limiter.isBlocked("lan@mof.gov.vn", "192.0.2.1")).toBe(false);
  });

  it("blocks an address that sprays many accounts", () => {
    const limiter = new SignInLimiter(() => 0);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i += 1) limiter.recordFailure(`user${i}@x.vn`, "198.51.100.7");
    expect(limiter.isBlocked("someone@x.vn", "198.51.100.7")).toBe(true);
    expect(limiter.isBlocked("someone@x.vn", "198.51.100.8")).toBe(false);
  });

  it("forgets an account's failures after a successful sign-in", () => {
    const limiter = new SignInLimiter(() => 0);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i += 1) limiter.recordFailure("a@x.vn", "1");
    limiter.recordSuccess("a@x.vn");
    limiter.recordFailure("a@x.vn", "1");
    expect(limiter.isBlocked("a@x.vn", "2")).toBe(false);
  });
});
