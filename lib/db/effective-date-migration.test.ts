import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { migrate } from "./migrate";

const engines = await availableEngines();
const MIGRATION = "20261204000000_effective_dates_version_events_editions";

describe.each(engines)("the migration to effective dates on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { migrationsBefore: MIGRATION });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("gives every existing version its publication day in Vietnam as its effective day, and keeps versions append-only", async () => {
    const { db } = database;
    // 2026-03-01T18:30Z is already 2 March in Hà Nội.
    const statements = [
      `INSERT INTO "Document" ("id", "slug", "title") VALUES ('d1', 'cam-nang', 'Cẩm nang')`,
      `INSERT INTO "Version" ("id", "documentId", "number", "hash", "publishedAt") VALUES ('v1', 'd1', 1, 'h1', '2026-03-01T10:00:00.000Z')`,
      `INSERT INTO "Version" ("id", "documentId", "number", "hash", "prevHash", "publishedAt") VALUES ('v2', 'd1', 2, 'h2', 'h1', '2026-03-01T18:30:00.000Z')`,
    ];
    for (const statement of statements) await db.$executeRawUnsafe(statement);

    const report = await migrate();
    expect(report.applied).toContain(MIGRATION);

    const versions = await db.version.findMany({ orderBy: { number: "asc" } });
    expect(versions.map((version) => [version.number, version.hash, version.effectiveFrom])).toEqual([
      [1, "h1", "2026-03-01"],
      [2, "h2", "2026-03-02"],
    ]);
    await expect(db.$executeRawUnsafe(`UPDATE "Version" SET "effectiveFrom" = '2030-01-01'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "Version"`)).rejects.toThrow(/append-only/);
    expect(await db.version.count()).toBe(2);
  });
});
