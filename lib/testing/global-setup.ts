import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres, migrateSqlite } from "../db/migrate";
import { ensurePrivateDirectory } from "../db/private-files";
import { TEST_POSTGRES_URL, postgresUrlFor } from "./databases";
import { testDatabasePrefix, type TestRun } from "./test-run";

declare module "vitest" {
  export interface ProvidedContext {
    testRun: TestRun;
  }
}

/** How long the run waits for PostgreSQL to answer before going on without a template (its tests then skip themselves). */
const POSTGRES_PROBE_TIMEOUT_MS = 2_000;

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: POSTGRES_PROBE_TIMEOUT_MS });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Drops the run's PostgreSQL databases: the template and whatever a file that crashed before its drop() left behind. */
async function dropRunDatabases(runId: string): Promise<void> {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2`, [
      testDatabasePrefix(runId),
      postgresTemplateName(runId),
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

function postgresTemplateName(runId: string): string {
  return `handbook_template_${runId}`;
}

/**
 * Once per Vitest run, before any file: migrates one template database per engine, so that each
 * test's fresh database is a copy (a file copy for SQLite, CREATE DATABASE … TEMPLATE for
 * PostgreSQL) instead of a full migration, and gives the run a directory of its own. Files
 * running in parallel never share a database: each createTestDatabase makes a new one, named
 * after the run and the worker.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const directory = path.join(os.tmpdir(), `handbook-tests-${id}`);
  ensurePrivateDirectory(directory, { narrowExisting: true });
  const sqliteTemplate = path.join(directory, "template.db");
  migrateSqlite(sqliteTemplate);

  let postgresTemplate: string | null = postgresTemplateName(id);
  try {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${postgresTemplate}"`));
  } catch {
    // Not reachable: every PostgreSQL test asks isPostgresReachable() itself and skips (or, on CI, fails) with a message.
    postgresTemplate = null;
  }
  if (postgresTemplate) await migratePostgres(postgresUrlFor(postgresTemplate));

  project.provide("testRun", { id, directory, sqliteTemplate, postgresTemplate });
  return async () => {
    if (postgresTemplate) await dropRunDatabases(id);
    fs.rmSync(directory, { recursive: true, force: true });
  };
}
