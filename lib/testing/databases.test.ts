import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { availableEngines, createTestDatabase, type Engine, type TestDatabase } from "./databases";
import { currentTestRun, testWorker } from "./test-run";

/**
 * Test databases are copies of the run's migrated template (lib/testing/global-setup.ts): a copy
 * must be the database migrating afresh would give, and each copy a database of its own.
 */
const engines = await availableEngines();
/** Sorts after every migration folder's timestamp, so `migrationsBefore` applies them all one by one. */
const AFTER_EVERY_MIGRATION = "~";

async function describeSchema(engine: Engine, db: Db): Promise<unknown> {
  const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  if (engine === "sqlite") {
    const objects = await db.$queryRawUnsafe<{ type: string; name: string }[]>(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`);
    return { migrations: applied.map((row) => row.migration_name), objects, rows: await countRows(db, objects.filter((object) => object.type === "table").map((object) => object.name), "sqlite") };
  }
  const columns = await db.$queryRawUnsafe(
    `SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, column_default::text FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
  );
  const indexes = await db.$queryRawUnsafe(`SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const triggers = await db.$queryRawUnsafe(`SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
  const functions = await db.$queryRawUnsafe(
    `SELECT proname::text, prosrc FROM pg_proc JOIN pg_namespace ON pg_namespace.oid = pg_proc.pronamespace WHERE nspname = 'public' ORDER BY 1`,
  );
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return { migrations: applied.map((row) => row.migration_name), columns, indexes, triggers, functions, rows: await countRows(db, tables.map((table) => table.tablename), "postgres") };
}

/** Rows per table other than the migrations' own record (its ids and times differ by design). */
async function countRows(db: Db, tables: string[], engine: Engine): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables.filter((name) => name !== "_prisma_migrations")) {
    const cast = engine === "postgres" ? "::int" : "";
    const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*)${cast} AS n FROM "${table}"`);
    counts[table] = Number(row.n);
  }
  return counts;
}

describe.each(engines)("test databases on %s", (engine) => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of made) await database.drop();
  });

  it("copies the run's template into a database that has what migrating afresh gives", async () => {
    expect(currentTestRun()).not.toBeNull();
    const copied = await createTestDatabase(engine);
    made.push(copied);
    const copiedSchema = await describeSchema(engine, copied.db);
    const migrated = await createTestDatabase(engine, { migrationsBefore: AFTER_EVERY_MIGRATION });
    made.push(migrated);
    expect(migrated.url).not.toBe(copied.url);
    expect(await describeSchema(engine, migrated.db)).toEqual(copiedSchema);
  });

  it("gives each database a name of the run and the worker, and keeps what one holds out of the next", async () => {
    const first = await createTestDatabase(engine, { seed: true });
    made.push(first);
    expect(first.url).toContain(`${currentTestRun()!.id}_${testWorker()}_`);
    expect(await first.db.document.count()).toBeGreaterThan(0);
    const second = await createTestDatabase(engine);
    made.push(second);
    expect(second.url).not.toBe(first.url);
    expect(await second.db.document.count()).toBe(0);
  });
});
