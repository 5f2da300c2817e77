import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseConfig } from "../db/config";
import { prepareSqliteFile } from "../db/private-files";

/**
 * One deploy step at a time per database: migrations and the first seed run under a lock that
 * every starter takes, so two instances starting at once never both seed an empty database
 * (the second waits, then finds it seeded). PostgreSQL: a session advisory lock, held on its
 * own connection and released when that connection ends, crash included. SQLite: an exclusive
 * transaction on a lock file beside the database (not the database itself, which the
 * migrations and the seed write through their own connections).
 */

/** Any constant works; every start command must use the same one. Distinct from the migration runner's own key. */
export const POSTGRES_DEPLOY_LOCK_KEY = 724_180_002;

/** How long a starter waits for another one's migrations and seed before giving up. */
export const DEPLOY_LOCK_WAIT_MS = 5 * 60_000;

export function sqliteDeployLockFile(databaseFile: string): string {
  return `${databaseFile}.deploy-lock`;
}

async function withPostgresLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${DEPLOY_LOCK_WAIT_MS}`);
    await client.query("SELECT pg_advisory_lock($1)", [POSTGRES_DEPLOY_LOCK_KEY]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [POSTGRES_DEPLOY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function withSqliteLock<T>(databaseFile: string, work: () => Promise<T>): Promise<T> {
  const file = sqliteDeployLockFile(databaseFile);
  prepareSqliteFile(file);
  // better-sqlite3 waits for the lock synchronously, which is what a starter should do.
  const lock = new Database(file, { timeout: DEPLOY_LOCK_WAIT_MS });
  try {
    lock.exec("BEGIN EXCLUSIVE");
    try {
      return await work();
    } finally {
      lock.exec("COMMIT");
    }
  } finally {
    lock.close();
  }
}

export function withDeployLock<T>(config: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  return config.engine === "postgres" ? withPostgresLock(config.url, work) : withSqliteLock(config.file, work);
}
