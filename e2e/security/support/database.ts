/**
 * Read-only look into the product's SQLite file, to prove that a refused request changed
 * nothing: a fingerprint of every row of every table a write could touch.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { SECURITY_DATABASE_FILE } from "./env";

/**
 * Tables that change without anyone being authorized to change anything: the append-only audit
 * log records refusals and sign-ins, tokens record their last use, the rate limiter counts, and
 * the collaboration server stores updates of live documents its own clients (not the request
 * under test) send.
 */
const TABLES_THAT_MOVE_ON_READS = new Set(["AuditEvent", "ApiToken", "RateLimit", "_prisma_migrations"]);

let connection: Database.Database | null = null;

export function database(): Database.Database {
  connection ??= new Database(SECURITY_DATABASE_FILE, { readonly: true, fileMustExist: true });
  return connection;
}

export function closeDatabase(): void {
  connection?.close();
  connection = null;
}

function tables(): string[] {
  return database()
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((row) => (row as { name: string }).name)
    .filter((name) => !TABLES_THAT_MOVE_ON_READS.has(name));
}

/** A digest of every row of the tables a write may change, with the row count of each. */
export function fingerprint(): string {
  const hash = createHash("sha256");
  for (const table of tables()) {
    const rows = database().prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all();
    hash.update(`${table}:${rows.length}\n`);
    for (const row of rows) hash.update(JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString("base64") : typeof value === "bigint" ? value.toString() : value)));
  }
  return hash.digest("hex");
}

/** Names of the tables whose rows differ between two snapshots, for a readable failure. */
export function snapshot(): Map<string, string> {
  const result = new Map<string, string>();
  for (const table of tables()) {
    const rows = database().prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all();
    result.set(table, createHash("sha256").update(JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString("base64") : typeof value === "bigint" ? value.toString() : value))).digest("hex"));
  }
  return result;
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}

export function row<T>(sql: string, ...params: unknown[]): T | undefined {
  return database().prepare(sql).get(...params) as T | undefined;
}

export function rows<T>(sql: string, ...params: unknown[]): T[] {
  return database().prepare(sql).all(...params) as T[];
}
