import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { databaseConfig, type DatabaseConfig } from "./config";
import { narrowFile, prepareSqliteFile } from "./private-files";

/**
 * The one database client of a process, cached on globalThis so that Next's hot reload and
 * many route modules share it.
 *
 * Both engines are generated from the same source schema (prisma/schema.prisma; the PostgreSQL
 * copy is derived from it and checked by a test), so their clients have the same models and
 * the same method shapes. The rest of the code is typed against the SQLite client's type.
 */
export type Db = SqlitePrismaClient;
/** A client or an interactive transaction: query functions accept either, so services compose them. */
export type DbOrTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** How long a SQLite writer waits for the lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Connections per process to PostgreSQL; the web app and the collaboration server each have a pool. */
export const POSTGRES_POOL_SIZE = 10;

interface CachedClient {
  key: string;
  ready: Promise<Db>;
}

const globalForDb = globalThis as typeof globalThis & { handbookDb?: CachedClient };

/**
 * The configuration each client was made from, so that a hot path may open its own driver
 * connection to the same database (the collaboration server's durable log appends through a
 * prepared statement of better-sqlite3 or pg rather than through the ORM).
 */
const configOfClient = new WeakMap<object, DatabaseConfig>();

/** The database `db` talks to, or null for a client not made by createDb. */
export function databaseConfigOf(db: object): DatabaseConfig | null {
  return configOfClient.get(db) ?? null;
}

export function createDb(config: DatabaseConfig = databaseConfig()): Promise<Db> {
  if (config.engine === "postgres") {
    const client = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: config.url, max: POSTGRES_POOL_SIZE }),
    });
    configOfClient.set(client, config);
    return Promise.resolve(client as unknown as Db);
  }
  prepareSqliteFile(config.file);
  const client = new SqlitePrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${config.file}`, timeout: SQLITE_BUSY_TIMEOUT_MS }),
  });
  configOfClient.set(client, config);
  return configureSqlite(client, config.file);
}

async function configureSqlite(client: SqlitePrismaClient, file: string): Promise<Db> {
  // WAL lets readers and one writer work at once (web app + collaboration server share the file);
  // it is stored in the file. synchronous=FULL is per connection: an acknowledged write survives
  // power loss, not only a process crash.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  // WAL mode has just created the -wal and -shm files if they were missing; they follow the
  // database file's mode, and this makes sure of it.
  for (const suffix of ["-wal", "-shm"]) narrowFile(`${file}${suffix}`);
  return client;
}

/** The process's shared client for the configured database. */
export function getDb(): Promise<Db> {
  const config = databaseConfig();
  const key = config.engine === "postgres" ? config.url : config.file;
  const cached = globalForDb.handbookDb;
  if (cached && cached.key === key) return cached.ready;
  const ready = createDb(config);
  globalForDb.handbookDb = { key, ready };
  ready.catch(() => {
    if (globalForDb.handbookDb?.ready === ready) globalForDb.handbookDb = undefined;
  });
  return ready;
}

export async function disconnectDb(): Promise<void> {
  const cached = globalForDb.handbookDb;
  globalForDb.handbookDb = undefined;
  if (cached) await (await cached.ready).$disconnect();
}

export function databaseEngine(): DatabaseConfig["engine"] {
  return databaseConfig().engine;
}
