import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { DEMO_PASSWORD } from "./password";
import { MAX_FAILURES_PER_ACCOUNT, SignInLimiter } from "./rate-limit";
import { SIGN_IN_ERRORS, verifyCredentials } from "./sign-in";

const engines = await availableEngines();

describe.each(engines)("signing in with a password on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await verifyCredentials({ email: " LAN@mof.gov.vn ", password: DEMO_PASSWORD, address: "a", limiter: new SignInLimiter() });
    expect(user.email).toBe("lan@mof.gov.vn");
  });

  it("refuses a wrong password and records the failure in the audit log", async () => {
    const before = await database.db.auditEvent.count({ where: { action: "auth.sign_in_failed" } });
    await expect(verifyCredentials({ email: "lan@mof.gov.vn", password: "sai-mat-khau", address: "a", limiter: new SignInLimiter() })).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in_failed" } })).toBe(before + 1);
  });

  it("throttles an account after repeated failures, even with the right password", async () => {
    const limiter = new SignInLimiter();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1) {
      await expect(verifyCredentials({ email: "hoa@mof.gov.vn", password: "nope-nope", address: `10.0.0.${attempt}`, limiter })).rejects.toThrow();
    }
    await expect(verifyCredentials({ email: "hoa@mof.gov.vn", password: DEMO_PASSWORD, address: "10.9.9.9", limiter })).rejects.toThrow(SIGN_IN_ERRORS.rateLimited);
  });

  it("refuses deactivated people", async () => {
    await database.db.user.update({ where: { email: "tuan@mic.gov.vn" }, data: { active: false } });
    await expect(verifyCredentials({ email: "tuan@mic.gov.vn", password: DEMO_PASSWORD, address: "a", limiter: new SignInLimiter() })).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("refuses the demo password in production", async () => {
    const saved = { node: process.env.NODE_ENV, demo: process.env.HANDBOOK_DEMO_ACCOUNTS };
    Object.assign(process.env, { NODE_ENV: "production" });
    delete process.env.HANDBOOK_DEMO_ACCOUNTS;
    try {
      await expect(verifyCredentials({ email: "minh@mic.gov.vn", password: DEMO_PASSWORD, address: "a", limiter: new SignInLimiter() })).rejects.toThrow(SIGN_IN_ERRORS.demoDisabled);
    } finally {
      Object.assign(process.env, { NODE_ENV: saved.node });
      if (saved.demo !== undefined) process.env.HANDBOOK_DEMO_ACCOUNTS = saved.demo;
    }
  });
});
