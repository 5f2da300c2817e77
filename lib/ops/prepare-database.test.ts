import { afterEach, describe, expect, it, vi } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { prepareDatabase } from "./prepare-database";

const engines = await availableEngines();

describe("the first start's seed (issue item 7)", () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await database?.drop();
    database = null;
  });

  it.runIf(engines.includes("postgres"))("creates no account at all in an empty PostgreSQL database, and says how to make the first admin", async () => {
    database = await createTestDatabase("postgres");
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      printed.push(String(line));
    });
    await prepareDatabase();
    expect(await database.db.user.count()).toBe(0);
    expect(await database.db.version.count()).toBe(1);
    expect(printed.join("\n")).toContain("npx handbook user:create --role ADMIN");
  });

  it("seeds the demo people on the embedded engine, and none when demo accounts are off", async () => {
    database = await createTestDatabase("sqlite");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const saved = process.env.HANDBOOK_DEMO_ACCOUNTS;
    delete process.env.HANDBOOK_DEMO_ACCOUNTS;
    try {
      await prepareDatabase();
      expect(await database.db.user.count({ where: { email: "admin@camnang.gov.vn" } })).toBe(1);
      await database.drop();
      database = await createTestDatabase("sqlite");
      process.env.HANDBOOK_DEMO_ACCOUNTS = "0";
      await prepareDatabase();
      expect(await database.db.user.count()).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.HANDBOOK_DEMO_ACCOUNTS;
      else process.env.HANDBOOK_DEMO_ACCOUNTS = saved;
    }
  });
});
