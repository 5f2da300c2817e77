import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseConfig, projectRoot, type DatabaseConfig } from "./config";
import { SQLITE_BUSY_TIMEOUT_MS } from "./client";
import { narrowFile, prepareSqliteFile } from "./private-files";
import { convertRevisionsToBlocksPostgres, convertRevisionsToBlocksSqlite } from "./block-migration";

/**
 * Applies the committed migrations (prisma/migrations for SQLite, prisma/postgres/migrations
 * for PostgreSQL) in order, each in its own transaction, and records them in Prisma's own
 * `_prisma_migrations` layout so that `prisma migrate status` keeps working where Prisma's
 * native engine is available. Prisma's WebAssembly engine cannot migrate PostgreSQL, hence
 * this runner; it is the one used for both engines so that both take the same path.
 */

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  engine: DatabaseConfig["engine"];
  applied: string[];
  alreadyApplied: number;
}

/**
 * Conversions of existing rows that SQL alone cannot do (hashing, compressing), run where a
 * migration's SQL has the line `-- handbook:data-step <name>`, in that migration's transaction:
 * the SQL before the line, then the step, then the SQL after it.
 */
interface DataStep {
  sqlite(db: Database.Database): void;
  postgres(client: pg.Client): Promise<void>;
}

const DATA_STEPS: Record<string, DataStep> = {
  "content-addressed-blocks": { sqlite: convertRevisionsToBlocksSqlite, postgres: convertRevisionsToBlocksPostgres },
};

const DATA_STEP_MARKER = /^-- handbook:data-step (\S+)[ \t]*$/m;

/** A migration's SQL split at its data step (if it has one). */
export function migrationParts(migration: Migration): { before: string; step: DataStep | null; after: string } {
  const match = DATA_STEP_MARKER.exec(migration.sql);
  if (!match) return { before: migration.sql, step: null, after: "" };
  const step = DATA_STEPS[match[1]];
  if (!step) throw new Error(`migration ${migration.name} names an unknown data step "${match[1]}"`);
  return { before: migration.sql.slice(0, match.index), step, after: migration.sql.slice(match.index + match[0].length) };
}

/** Any constant works; all start commands must agree so two starters never migrate at once. */
const POSTGRES_MIGRATION_LOCK_KEY = 724_180_001;

export function migrationsDir(engine: DatabaseConfig["engine"]): string {
  const relative = engine === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
  return path.resolve(projectRoot(), relative);
}

export function readMigrations(engine: DatabaseConfig["engine"]): Migration[] {
  const dir = migrationsDir(engine);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function checkRecorded(recorded: Map<string, string>, migrations: Migration[]): void {
  for (const [name, checksum] of recorded) {
    const local = migrations.find((migration) => migration.name === name);
    if (!local) {
      throw new Error(`Cơ sở dữ liệu có migration "${name}" không có trong mã nguồn (database is ahead of the code)`);
    }
    if (local.checksum !== checksum) {
      throw new Error(`Migration "${name}" đã bị sửa sau khi áp dụng (migration changed after it was applied)`);
    }
  }
}

export function migrateSqlite(file: string, migrations = readMigrations("sqlite")): MigrationReport {
  prepareSqliteFile(file);
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma("journal_mode = WAL");
    for (const suffix of ["-wal", "-shm"]) narrowFile(`${file}${suffix}`);
    db.pragma("synchronous = FULL");
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const applied: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two starters never apply the same migration.
    const applyPending = db.transaction(() => {
      const rows = db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as { migration_name: string; checksum: string }[];
      const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]));
      checkRecorded(recorded, migrations);
      for (const migration of migrations) {
        if (recorded.has(migration.name)) continue;
        const parts = migrationParts(migration);
        db.exec(parts.before);
        if (parts.step) {
          parts.step.sqlite(db);
          db.exec(parts.after);
        }
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES (?, ?, current_timestamp, ?, 1, current_timestamp)`,
        ).run(randomUUID(), migration.checksum, migration.name);
        applied.push(migration.name);
      }
      return recorded.size;
    });
    const alreadyApplied = applyPending.immediate();
    return { engine: "sqlite", applied, alreadyApplied };
  } finally {
    db.close();
  }
}

export async function migratePostgres(url: string, migrations = readMigrations("postgres")): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [POSTGRES_MIGRATION_LOCK_KEY]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    checkRecorded(recorded, migrations);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (recorded.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        const parts = migrationParts(migration);
        await client.query(parts.before);
        if (parts.step) {
          await parts.step.postgres(client);
          await client.query(parts.after);
        }
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.name);
    }
    return { engine: "postgres", applied, alreadyApplied: recorded.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [POSTGRES_MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export async function migrate(config: DatabaseConfig = databaseConfig()): Promise<MigrationReport> {
  if (config.engine === "postgres") return migratePostgres(config.url);
  return migrateSqlite(config.file);
}
