import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { DEMO_PASSWORD } from "./password";
import { RateLimiters } from "./rate-limit";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, SIGN_IN_ERRORS, SignInError, verifyCredentials } from "./sign-in";
import { ACCOUNT_FAILURE_CAP, FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS, SignInThrottle } from "./sign-in-throttle";

const engines = await availableEngines();

const freshThrottle = () => new SignInThrottle(new RateLimiters({ kind: "memory" }, `test:${randomUUID()}`));

async function refusal(work: Promise<unknown>): Promise<SignInError> {
  const error = await work.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(SignInError);
  return error as SignInError;
}

describe.each(engines)("signing in with a password on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  const failedEvents = () => database.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed" }, orderBy: { id: "asc" } });

  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await verifyCredentials({ email: " LAN@mof.gov.vn ", password: DEMO_PASSWORD, address: "192.0.2.1", throttle: freshThrottle() });
    expect(user.email).toBe("lan@mof.gov.vn");
  });

  it("refuses a wrong password and records the failure in the audit log", async () => {
    const before = (await failedEvents()).length;
    expect((await refusal(verifyCredentials({ email: "lan@mof.gov.vn", password: "sai-mat-khau", address: "192.0.2.1", throttle: freshThrottle() }))).code).toBe(SIGN_IN_ERRORS.invalid);
    const events = await failedEvents();
    expect(events).toHaveLength(before + 1);
    const lan = await database.db.user.findUniqueOrThrow({ where: { email: "lan@mof.gov.vn" } });
    expect(events.at(-1)).toMatchObject({ actorId: lan.id, targetId: lan.id });
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ method: "credentials", address: "192.0.2.1" });
  });

  it("lets the owner in after five typos (issue item 2)", async () => {
    const throttle = freshThrottle();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) {
      await refusal(verifyCredentials({ email: "hoa@mof.gov.vn", password: "nope-nope", address: "192.0.2.7", throttle }));
    }
    expect((await verifyCredentials({ email: "hoa@mof.gov.vn", password: DEMO_PASSWORD, address: "192.0.2.7", throttle })).email).toBe("hoa@mof.gov.vn");
  });

  it("clears an address's failures on success only when it has some on record", async () => {
    const throttle = freshThrottle();
    const cleared = vi.spyOn(throttle, "recordSuccess");
    await verifyCredentials({ email: "hoa@mof.gov.vn", password: DEMO_PASSWORD, address: "192.0.2.8", throttle });
    expect(cleared).not.toHaveBeenCalled();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS; attempt += 1) {
      await refusal(verifyCredentials({ email: "hoa@mof.gov.vn", password: "nope-nope", address: "192.0.2.8", throttle }));
    }
    expect(await throttle.check("hoa@mof.gov.vn", "192.0.2.8")).toEqual({ allowed: true, pastFailures: true });
    await verifyCredentials({ email: "hoa@mof.gov.vn", password: DEMO_PASSWORD, address: "192.0.2.8", throttle });
    expect(cleared).toHaveBeenCalledTimes(1);
    // The typos are forgotten: five more are free again.
    expect(await throttle.check("hoa@mof.gov.vn", "192.0.2.8")).toEqual({ allowed: true });
  });

  it("cannot be locked out from other addresses: the right password still works (issue item 2)", async () => {
    const throttle = freshThrottle();
    // As reproduced: five wrong passwords, each from a different address, then many more.
    for (let attempt = 0; attempt < ACCOUNT_FAILURE_CAP + 5; attempt += 1) {
      await refusal(verifyCredentials({ email: "minh@mic.gov.vn", password: "doan-bua", address: `10.0.${attempt}.1`, throttle }));
    }
    expect((await verifyCredentials({ email: "minh@mic.gov.vn", password: DEMO_PASSWORD, address: "192.0.2.200", throttle })).email).toBe("minh@mic.gov.vn");
    // The attacker's addresses, having failed against an account under attack, are turned away unchecked.
    const before = (await failedEvents()).length;
    const slowed = await refusal(verifyCredentials({ email: "minh@mic.gov.vn", password: DEMO_PASSWORD, address: "10.0.3.1", throttle }));
    expect(slowed.code).toBe(SIGN_IN_ERRORS.rateLimited);
    expect(slowed.retryAfterSeconds).toBeGreaterThan(0);
    expect(await failedEvents()).toHaveLength(before);
  });

  it("refuses unbounded input before storing or counting anything (issue item 4)", async () => {
    const throttle = freshThrottle();
    const before = await database.db.auditEvent.count();
    const huge = `${"a".repeat(1_000_000)}@mic.gov.vn`;
    expect((await refusal(verifyCredentials({ email: huge, password: "x", address: "192.0.2.9", throttle }))).code).toBe(SIGN_IN_ERRORS.invalid);
    expect((await refusal(verifyCredentials({ email: "lan@mof.gov.vn", password: "p".repeat(MAX_PASSWORD_LENGTH + 1), address: "192.0.2.9", throttle }))).code).toBe(SIGN_IN_ERRORS.invalid);
    expect(await database.db.auditEvent.count()).toBe(before);
    expect(await throttle.check(huge.slice(0, MAX_EMAIL_LENGTH), "192.0.2.9")).toEqual({ allowed: true });
  });

  it("writes only a bounded digest of an unknown email, never the typed text (issue items 4 and 5)", async () => {
    const typed = `=HYPERLINK("http://evil.example")${"x".repeat(MAX_EMAIL_LENGTH - 40)}@a.vn`;
    await refusal(verifyCredentials({ email: typed, password: "x", address: "192.0.2.10", throttle: freshThrottle() }));
    const event = (await failedEvents()).at(-1)!;
    expect(event.actorId).toBeNull();
    expect(event.targetId).toMatch(/^email-sha256:[0-9a-f]{32}$/);
    expect(event.data).not.toContain("HYPERLINK");
  });

  it("refuses deactivated people", async () => {
    await database.db.user.update({ where: { email: "tuan@mic.gov.vn" }, data: { active: false } });
    expect((await refusal(verifyCredentials({ email: "tuan@mic.gov.vn", password: DEMO_PASSWORD, address: "192.0.2.1", throttle: freshThrottle() }))).code).toBe(SIGN_IN_ERRORS.invalid);
  });

  it("refuses the demo password in production", async () => {
    const saved = { node: process.env.NODE_ENV, demo: process.env.HANDBOOK_DEMO_ACCOUNTS };
    Object.assign(process.env, { NODE_ENV: "production" });
    delete process.env.HANDBOOK_DEMO_ACCOUNTS;
    try {
      expect((await refusal(verifyCredentials({ email: "thu@moha.gov.vn", password: DEMO_PASSWORD, address: "192.0.2.1", throttle: freshThrottle() }))).code).toBe(SIGN_IN_ERRORS.demoDisabled);
    } finally {
      Object.assign(process.env, { NODE_ENV: saved.node });
      if (saved.demo !== undefined) process.env.HANDBOOK_DEMO_ACCOUNTS = saved.demo;
    }
  });
});
