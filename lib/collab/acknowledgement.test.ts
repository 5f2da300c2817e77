import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { DEMO, createDraft, isSyncedAndAcknowledged, openClient, sectionText, startServer, tokenFor, typeText, waitFor, type RunningServer, type TestClient } from "./test-helpers";

let database: TestDatabase;
let server: RunningServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase("sqlite", { seed: true });
  server = await startServer(database.db);
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
  await database.drop();
});

describe("acknowledgement after the durable log", () => {
  it("fans an update out to readers at once, and tells its writer it is saved only once it is in the log", async () => {
    const draft = await createDraft(database.db);
    const name = draft.documentName();
    const writer = openClient(server.wsUrl, name, await tokenFor(database.db, DEMO.lan, name));
    const reader = openClient(server.wsUrl, name, await tokenFor(database.db, DEMO.hoa, name));
    clients.push(writer, reader);
    await waitFor(() => isSyncedAndAcknowledged(writer) && reader.provider.isSynced, "both synced");

    // Another process holds the database's write lock: the log cannot append for now.
    const blocker = new Database(database.url.slice("file:".length));
    blocker.exec("BEGIN IMMEDIATE");
    try {
      typeText(writer.doc, " chưa-ghi-đĩa");
      await waitFor(() => sectionText(reader.doc).includes("chưa-ghi-đĩa"), "the reader has the update");
      // The lock is still held, so the update cannot be in the log: its writer must not hear "saved".
      expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
      expect(await database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
    } finally {
      blocker.exec("COMMIT");
      blocker.close();
    }
    await waitFor(() => isSyncedAndAcknowledged(writer), "acknowledged once durable");
    const rows = await database.db.collabUpdate.findMany({ where: { documentName: name } });
    const stored = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    // In the log, or already stored (and compacted) by the time of this read.
    expect(rows.length > 0 || stored.content.includes("chưa-ghi-đĩa")).toBe(true);
  }, 30_000);
});
