/**
 * Where the durable log's appends go: one prepared INSERT on a driver connection of the log's
 * own, outside the ORM. The append is on every edit's path, and through Prisma it cost a query
 * plan, a transaction and a result mapping each time (p50 1.7 ms); a prepared statement costs
 * the write itself. Rows are exactly those Prisma wrote (same columns, same `createdAt` form),
 * so every reader of the log (replay, compaction, the web app's draft writer) is unchanged.
 *
 * Each group is written atomically and in order: ids ascend in the order of the entries.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { databaseConfigOf, type Db } from "../db/client";
import type { DatabaseConfig } from "../db/config";
import { retryWhileBusy } from "../db/transaction";

export interface LogEntry {
  documentName: string;
  update: Uint8Array;
  userId: string | null;
}

export interface LogStore {
  /** Writes the entries in one transaction, in order; one id per entry. */
  appendGroup(entries: readonly LogEntry[]): Promise<number[]>;
  close(): Promise<void>;
}

/** The log's connections to PostgreSQL: appends are grouped, so one writes and one waits. */
const POSTGRES_LOG_POOL_SIZE = 2;

/** Prisma stores a DateTime on SQLite as ISO 8601 with an explicit UTC offset. */
function prismaSqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function sqliteLogStore(file: string): LogStore {
  // No busy wait inside SQLite: it would block this thread, and the writer holding the lock
  // may be this process's own Prisma transaction (a store), which then could never finish.
  // A busy database is waited for between turns instead (retryWhileBusy, up to the usual
  // SQLITE_BUSY_TIMEOUT_MS).
  const connection = new Database(file, { timeout: 0 });
  // The file is already in WAL mode (createDb sets it, and it persists in the file);
  // synchronous is per connection: FULL, so an acknowledged update survives power loss.
  connection.pragma("synchronous = FULL");
  const insert = connection.prepare<[string, Buffer, string | null, string], { id: number }>(
    'INSERT INTO "CollabUpdate" ("documentName", "update", "userId", "createdAt") VALUES (?, ?, ?, ?) RETURNING "id"',
  );
  const writeGroup = connection.transaction((entries: readonly LogEntry[]) => {
    const createdAt = prismaSqliteTimestamp(new Date());
    return entries.map((entry) => {
      const row = insert.get(entry.documentName, Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength), entry.userId, createdAt);
      if (!row) throw new Error("INSERT … RETURNING gave no row");
      return row.id;
    });
  });
  return {
    // BEGIN IMMEDIATE takes the write lock first, so a busy database waits (busy timeout)
    // instead of failing a deferred transaction half-way.
    appendGroup: (entries) => retryWhileBusy(async () => writeGroup.immediate(entries)),
    async close() {
      connection.close();
    },
  };
}

/**
 * One statement for the whole group (atomic by itself): the entries travel as three arrays,
 * unnested in their order, so the sequence numbers them in that order.
 */
const POSTGRES_APPEND: pg.QueryConfig = {
  name: "collab-log-append-group",
  text:
    'INSERT INTO "CollabUpdate" ("documentName", "update", "userId", "createdAt") ' +
    "SELECT entry.document_name, entry.update, entry.user_id, now() AT TIME ZONE 'UTC' " +
    "FROM unnest($1::text[], $2::bytea[], $3::text[]) WITH ORDINALITY AS entry(document_name, update, user_id, position) " +
    'ORDER BY entry.position RETURNING "id"',
};

function postgresLogStore(url: string): LogStore {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_LOG_POOL_SIZE });
  // An idle connection that drops is replaced at the next query; without a listener it would crash the process.
  pool.on("error", () => undefined);
  return {
    async appendGroup(entries) {
      const result = await pool.query<{ id: number }>({
        ...POSTGRES_APPEND,
        values: [
          entries.map((entry) => entry.documentName),
          entries.map((entry) => Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength)),
          entries.map((entry) => entry.userId),
        ],
      });
      // The sequence hands out ascending ids in insertion order; RETURNING's order is not promised.
      return result.rows.map((row) => Number(row.id)).sort((left, right) => left - right);
    },
    close: () => pool.end(),
  };
}

/** For a client not made by createDb (nothing in the product): the ORM, one transaction per group. */
function prismaLogStore(db: Db): LogStore {
  return {
    appendGroup: (entries) =>
      retryWhileBusy(() =>
        db.$transaction(
          entries.map((entry) =>
            db.collabUpdate.create({ data: { documentName: entry.documentName, update: Buffer.from(entry.update), userId: entry.userId }, select: { id: true } }),
          ),
        ),
      ).then((rows) => rows.map((row) => row.id)),
    async close() {},
  };
}

export function openLogStore(db: Db, config: DatabaseConfig | null = databaseConfigOf(db)): LogStore {
  if (!config) return prismaLogStore(db);
  return config.engine === "sqlite" ? sqliteLogStore(config.file) : postgresLogStore(config.url);
}
