import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { databaseConfig } from "../db/config";
import { isPostgresReachable, TEST_POSTGRES_URL } from "../testing/databases";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
const postgres = await isPostgresReachable();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Two `npm run migrate` at the same moment, as two instances of a deploy starting together. */
async function migrateTwiceAtOnce(databaseUrl: string): Promise<void> {
  // A deployment's own transparency log key: the signer remembers the trees it signed.
  const logKey = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "handbook-log-key-")), "log-key");
  const env = { ...process.env, DATABASE_URL: databaseUrl, HANDBOOK_DEMO_ACCOUNTS: "0", HANDBOOK_LOG_KEY_FILE: logKey };
  const migrate = () => run(process.execPath, [tsx, path.join(root, "lib/ops/migrate-command.ts")], { cwd: root, env });
  const results = await Promise.all([migrate(), migrate()]);
  const seeded = results.filter((result) => result.stdout.includes("[db] seeded the handbook"));
  expect(seeded).toHaveLength(1);
}

async function countRows(url: string): Promise<{ documents: number; versions: number; migrations: number }> {
  const db = await createDb(databaseConfig(url));
  try {
    const migrations = (await db.$queryRawUnsafe<{ count: bigint | number }[]>(`SELECT COUNT(*) AS count FROM "_prisma_migrations"`))[0].count;
    return { documents: await db.document.count(), versions: await db.version.count(), migrations: Number(migrations) };
  } finally {
    await db.$disconnect();
  }
}

describe("migrations on deploy", () => {
  it("migrates and seeds an empty SQLite database once when two starters run at the same moment", async () => {
    const file = path.join(os.tmpdir(), `handbook_deploy_${randomBytes(4).toString("hex")}.db`);
    cleanups.push(async () => {
      for (const suffix of ["", "-wal", "-shm", ".deploy-lock", ".deploy-lock-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
    });
    await migrateTwiceAtOnce(`file:${file}`);
    const rows = await countRows(`file:${file}`);
    expect(rows.documents).toBe(1);
    expect(rows.migrations).toBe(fs.readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length);
  }, 120_000);

  it.runIf(postgres)("migrates and seeds an empty PostgreSQL database once when two starters run at the same moment", async () => {
    const name = `handbook_deploy_${Date.now()}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    });
    await migrateTwiceAtOnce(url.toString());
    const rows = await countRows(url.toString());
    expect(rows.documents).toBe(1);
    expect(rows.versions).toBe(1);
  }, 120_000);
});
