/**
 * Where the durable log's appends go: one prepared INSERT on a driver connection of the log's
 * own, outside the ORM (on SQLite, in a worker thread). The append is on every edit's path, and through Prisma it cost a query
 * plan, a transaction and a result mapping each time (p50 1.7 ms); a prepared statement costs
 * the write itself. Rows are exactly those Prisma wrote (same columns, same `createdAt` form),
 * so every reader of the log (replay, compaction, the web app's draft writer) is unchanged.
 *
 * Each group is written atomically and in order: ids ascend in the order of the entries.
 */
import { Worker } from "node:worker_threads";
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

interface WriterReply {
  id: number;
  ids?: number[];
  error?: { message: string; code?: unknown };
}

/**
 * On SQLite the write and its fsync are synchronous: on the main thread they stood between
 * every message the server handles (the bench's profile: 4.1 s of 20 s of the server's busy
 * time, about 4 ms per group on a loaded machine, in sqliteTransaction). They run on a worker
 * thread instead (log-writer.worker.mjs), one group at a time as before, and an append
 * resolves only once the worker answered after its commit: acknowledgement still follows
 * durability.
 */
function sqliteLogStore(file: string): LogStore {
  // The worker is plain JavaScript: no TypeScript loader in it, whatever runs this process.
  const worker = new Worker(new URL("./log-writer.worker.mjs", import.meta.url), { workerData: { file }, execArgv: [] });
  const waiting = new Map<number, { resolve(ids: number[]): void; reject(error: unknown): void }>();
  let nextId = 1;
  let failure: Error | null = null;
  worker.on("message", (reply: WriterReply) => {
    const call = waiting.get(reply.id);
    if (!call) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.error) call.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    else call.resolve(reply.ids ?? []);
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  };
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`the durable log's writer stopped (exit code ${code})`)));
  // A writer with nothing to answer must not keep the process alive; one that owes an answer must.
  worker.unref();
  const call = (message: Record<string, unknown>) =>
    new Promise<number[]>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  return {
    appendGroup: (entries) =>
      retryWhileBusy(() =>
        call({
          type: "append",
          entries: entries.map((entry) => ({ documentName: entry.documentName, update: entry.update, userId: entry.userId })),
          createdAt: prismaSqliteTimestamp(new Date()),
        }),
      ),
    async close() {
      if (failure) return;
      await call({ type: "close" });
      await worker.terminate();
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
