/**
 * The durable log's SQLite writer, on a thread of its own (see sqliteLogStore in log-store.ts).
 * Plain JavaScript, so that it starts under every runner (tsx, Vitest) without a TypeScript loader.
 *
 * Each message is one group: written in one IMMEDIATE transaction and fsynced (synchronous =
 * FULL) before its ids are posted back, so an id the main thread receives is durable.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

// No busy wait inside SQLite: the main thread retries a busy database between turns
// (retryWhileBusy), as it did when the writes ran there.
const connection = new Database(workerData.file, { timeout: 0 });
// synchronous is per connection: FULL, so an acknowledged update survives power loss.
connection.pragma("synchronous = FULL");
const insert = connection.prepare('INSERT INTO "CollabUpdate" ("documentName", "update", "userId", "createdAt") VALUES (?, ?, ?, ?) RETURNING "id"');
const writeGroup = connection.transaction((entries, createdAt) =>
  entries.map((entry) => {
    const row = insert.get(entry.documentName, Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength), entry.userId, createdAt);
    if (!row) throw new Error("INSERT … RETURNING gave no row");
    return row.id;
  }),
);

parentPort.on("message", (message) => {
  if (message.type === "close") {
    connection.close();
    parentPort.postMessage({ id: message.id, ids: [] });
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, ids: writeGroup.immediate(message.entries, message.createdAt) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: error instanceof Error ? error.message : String(error), code: error?.code } });
  }
});
