import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { disconnectDb, getDb, type Db } from "../db/client";
import { migrate, migratePostgres, migrateSqlite, readMigrations } from "../db/migrate";
import { seedDatabase } from "../services/seed-database";
import { ensureLogKey } from "../log/log-signer";
import { ensurePrivateDirectory } from "../db/private-files";
import { currentTestRun, testDatabaseDirectory, testDatabasePrefix, testWorker } from "./test-run";

/**
 * Real databases for integration tests: a fresh SQLite file, or a fresh PostgreSQL database
 * created on the server named by TEST_POSTGRES_URL (CI and developer machines have one on
 * 127.0.0.1:5432). Tests run against both engines; PostgreSQL is skipped, with a visible
 * message, when no server answers.
 */
export type Engine = "sqlite" | "postgres";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

let postgresReachable: boolean | null = null;

export async function isPostgresReachable(): Promise<boolean> {
  if (postgresReachable !== null) return postgresReachable;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    postgresReachable = true;
  } catch (error) {
    // CI machines always run PostgreSQL: there a silent skip would hide a whole engine's failures.
    if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL} and CI is set: refusing to skip its tests`, { cause: error });
    postgresReachable = false;
    console.warn(`\n[tests] PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: PostgreSQL integration tests are SKIPPED.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return postgresReachable;
}

/** Engines to run integration tests against, decided before the test file registers its suites. */
export async function availableEngines(): Promise<Engine[]> {
  return (await isPostgresReachable()) ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase {
  engine: Engine;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export function postgresUrlFor(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Creates an empty, migrated database and points DATABASE_URL (and getDb) at it. With
 * `migrationsBefore`, only the migrations named before it are applied, so that a test can write
 * rows as an older release did and then apply the rest (`migrate()`).
 *
 * Every call makes a database of its own, so test files running in parallel never share one:
 * under Vitest it is named after the run and the worker (lib/testing/test-run.ts) and copied from
 * the run's migrated template; DATABASE_URL is per file because each file runs in its own process
 * (the forks pool, vitest.config.ts).
 */
export async function createTestDatabase(engine: Engine, options: { seed?: boolean; migrationsBefore?: string } = {}): Promise<TestDatabase> {
  process.env.NEXTAUTH_SECRET ??= "test-nextauth-secret-0123456789abcdef";
  process.env.COLLAB_TOKEN_SECRET ??= "test-collab-secret-0123456789abcdefgh";
  process.env.COLLAB_INTERNAL_SECRET ??= "test-internal-secret-0123456789abcdef";
  process.env.MAIL_TOKEN_SECRET ??= "test-mail-token-secret-0123456789abcd";
  await disconnectDb();
  const run = currentTestRun();
  const name = run ? `${testDatabasePrefix(run.id)}${testWorker()}_${randomBytes(4).toString("hex")}` : `handbook_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const directory = testDatabaseDirectory();
  ensurePrivateDirectory(directory, { narrowExisting: false });
  // A copy of the run's template is the same as migrating afresh, and costs a file copy or one CREATE DATABASE.
  const template = options.migrationsBefore === undefined && run ? (engine === "sqlite" ? run.sqliteTemplate : run.postgresTemplate) : null;
  let url: string;
  let cleanup: () => Promise<void>;
  if (engine === "sqlite") {
    const file = path.join(directory, `${name}.db`);
    if (template) fs.copyFileSync(template, file);
    url = `file:${file}`;
    cleanup = async () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    };
  } else {
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
    await admin.end();
    url = postgresUrlFor(name);
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
  }
  process.env.DATABASE_URL = url;
  // Each database has its own log, so its own log key and signed state.
  const logKeyFile = path.join(directory, `${name}.log-key`);
  process.env.HANDBOOK_LOG_KEY_FILE = logKeyFile;
  process.env.HANDBOOK_LOG_ORIGIN = "test.camnang.gov.vn/log";
  ensureLogKey();
  const removeLogKey = () => {
    for (const suffix of ["", ".signed"]) fs.rmSync(`${logKeyFile}${suffix}`, { force: true });
  };
  if (options.migrationsBefore !== undefined) {
    const before = options.migrationsBefore;
    const older = readMigrations(engine).filter((migration) => migration.name < before);
    if (engine === "sqlite") migrateSqlite(url.slice("file:".length), older);
    else await migratePostgres(url, older);
  } else if (!template) {
    await migrate();
  }
  const db = await getDb();
  if (options.seed) await seedDatabase(db);
  return {
    engine,
    url,
    db,
    async drop() {
      await disconnectDb();
      await cleanup();
      removeLogKey();
    },
  };
}
