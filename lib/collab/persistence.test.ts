import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { plainText, type SectionContent } from "../domain/document";
import { storeDraftSection } from "../services/proposals/store-draft-section";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { loadOrSeedSectionState } from "./section-state";
import {
  DEMO,
  countOccurrences,
  createDraft,
  isSyncedAndAcknowledged,
  openClient,
  sectionText,
  startServer,
  tokenFor,
  typeText,
  userId,
  waitFor,
  type RunningServer,
  type TestClient,
} from "./test-helpers";

let database: TestDatabase;
let server: RunningServer;
const clients: TestClient[] = [];

function track(client: TestClient): TestClient {
  clients.push(client);
  return client;
}

async function storedContent(proposalId: string, sectionId: string): Promise<string> {
  const row = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId, sectionId } });
  return plainText(JSON.parse(row.content) as SectionContent);
}

const engines = await availableEngines();

describe.each(engines)("persistence on %s", (engine) => {
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    server = await startServer(database.db);
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
    await database.drop();
  });

  describe("seeding a draft the first time it is opened", () => {
    it("shows the content exactly once to five clients opening a new draft at the same moment, and after reloads and a restart", async () => {
      const draft = await createDraft(database.db);
      const name = draft.documentName();
      const original = await storedContent(draft.proposalId, draft.sectionIds[0]);
      const marker = original.slice(0, 40);
      expect(marker.length).toBeGreaterThan(10);

      const tokens = await Promise.all(Array.from({ length: 5 }, (_, index) => tokenFor(database.db, index % 2 ? DEMO.hoa : DEMO.lan, name)));
      const five = tokens.map((token) => track(openClient(server.wsUrl, name, token)));
      await waitFor(() => five.every((client) => client.provider.isSynced), "five clients synced");
      for (const client of five) expect(countOccurrences(sectionText(client.doc), marker)).toBe(1);
      const row = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
      expect(row.yState).not.toBeNull();

      // Reload: the same Y.Docs reconnect after every tab closed and the document was unloaded.
      const kept = five.map((client) => client.doc);
      for (const client of five) client.destroy();
      await waitFor(() => server.collab.server.hocuspocus.getDocumentsCount() === 0, "document unloaded");
      const reloaded = kept.slice(0, 2).map((doc, index) => track(openClient(server.wsUrl, name, tokens[index], doc)));
      await waitFor(() => reloaded.every((client) => client.provider.isSynced), "reloaded clients synced");
      for (const client of reloaded) expect(countOccurrences(sectionText(client.doc), marker)).toBe(1);
      for (const client of reloaded) client.destroy();

      // Restart: a new server process loads the stored seed, never a second one.
      await server.stop();
      server = await startServer(database.db);
      const afterRestart = track(openClient(server.wsUrl, name, tokens[0], kept[0]));
      await waitFor(() => afterRestart.provider.isSynced, "synced after restart");
      expect(countOccurrences(sectionText(afterRestart.doc), marker)).toBe(1);
      afterRestart.destroy();
    });
  });

  describe("storing what people type", () => {
    it("logs an acknowledged edit before storing it, stores it with its authors, then compacts the log", async () => {
      const draft = await createDraft(database.db);
      const name = draft.documentName();
      const hoa = track(openClient(server.wsUrl, name, await tokenFor(database.db, DEMO.hoa, name)));
      const lan = track(openClient(server.wsUrl, name, await tokenFor(database.db, DEMO.lan, name)));
      await waitFor(() => hoa.provider.isSynced && lan.provider.isSynced, "synced");

      typeText(hoa.doc, " Hòa bổ sung một câu.");
      await waitFor(() => isSyncedAndAcknowledged(hoa), "acknowledged");
      // Acknowledged means logged: the debounced store has not run yet, the log already holds it.
      const logged = await database.db.collabUpdate.findMany({ where: { documentName: name } });
      expect(logged.length).toBeGreaterThan(0);
      const hoaId = await userId(database.db, DEMO.hoa);
      expect(logged.every((row) => row.userId === hoaId)).toBe(true);

      await waitFor(async () => (await storedContent(draft.proposalId, draft.sectionIds[0])).includes("Hòa bổ sung một câu."), "stored");
      await waitFor(async () => (await database.db.collabUpdate.count({ where: { documentName: name } })) === 0, "log compacted");
      const edits = await database.db.proposalEdit.findMany({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
      expect(edits.map((edit) => edit.userId)).toEqual([hoaId]);

      // Closing the editor ends the editing session, which the audit log records for Hòa only.
      hoa.destroy();
      lan.destroy();
      const sessions = () => database.db.auditEvent.findMany({ where: { action: "proposal.edit_session", targetId: draft.proposalId } });
      await waitFor(async () => (await sessions()).length === 1, "edit session audited");
      const [session] = await sessions();
      expect(session.actorId).toBe(hoaId);
      expect(JSON.parse(session.data)).toMatchObject({ sectionId: draft.sectionIds[0], updates: expect.any(Number) });
    });

    it("replays updates left in the log by a crash when the document is next opened, and stores them", async () => {
      const draft = await createDraft(database.db);
      const name = draft.documentName();
      const ref = { proposalId: draft.proposalId, sectionId: draft.sectionIds[1] };
      // What a crashed server leaves behind: the stored seed, plus a logged update never stored.
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await loadOrSeedSectionState(database.db, ref));
      const before = Y.encodeStateVector(doc);
      typeText(doc, " Câu chưa kịp lưu.");
      const hoaId = await userId(database.db, DEMO.hoa);
      const documentName = draft.documentName(1);
      await database.db.collabUpdate.create({ data: { documentName, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)), userId: hoaId } });
      expect(name).not.toBe(documentName);

      const lan = track(openClient(server.wsUrl, documentName, await tokenFor(database.db, DEMO.lan, documentName)));
      await waitFor(() => lan.provider.isSynced, "synced");
      expect(countOccurrences(sectionText(lan.doc), "Câu chưa kịp lưu.")).toBe(1);
      await waitFor(async () => (await storedContent(ref.proposalId, ref.sectionId)).includes("Câu chưa kịp lưu."), "replayed update stored");
      await waitFor(async () => (await database.db.collabUpdate.count({ where: { documentName } })) === 0, "log compacted");
      const edits = await database.db.proposalEdit.findMany({ where: { proposalId: ref.proposalId, sectionId: ref.sectionId } });
      expect(edits.map((edit) => edit.userId)).toContain(hoaId);
    });

    it("keeps a document loaded while its store fails, and saves everything once the database recovers", async () => {
      let failures = 0;
      let healthy = false;
      const flaky = await startServer(database.db, {
        storeSection: async (input) => {
          if (!healthy) {
            failures += 1;
            throw new Error("database unavailable (rehearsal)");
          }
          return storeDraftSection(input);
        },
      });
      try {
        const draft = await createDraft(database.db);
        const name = draft.documentName();
        const lan = track(openClient(flaky.wsUrl, name, await tokenFor(database.db, DEMO.lan, name)));
        await waitFor(() => lan.provider.isSynced, "synced");
        typeText(lan.doc, " Viết trong lúc cơ sở dữ liệu hỏng.");
        await waitFor(() => isSyncedAndAcknowledged(lan), "acknowledged");
        lan.destroy();
        await waitFor(() => failures >= 1, "a store failed");
        // The last client left, the store failed: the document must stay in memory, which the
        // retry of the store proves (it runs only on a document still loaded).
        await waitFor(() => failures >= 2, "the failed store retried");
        expect(flaky.collab.server.hocuspocus.documents.has(name)).toBe(true);
        expect(await storedContent(draft.proposalId, draft.sectionIds[0])).not.toContain("Viết trong lúc");

        healthy = true;
        await waitFor(async () => (await storedContent(draft.proposalId, draft.sectionIds[0])).includes("Viết trong lúc cơ sở dữ liệu hỏng."), "stored after recovery", 15_000);
        await waitFor(() => !flaky.collab.server.hocuspocus.documents.has(name), "unloaded after the store");
        expect(await database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
      } finally {
        await flaky.stop();
      }
    }, 30_000);

    it("drops late edits to a proposal that left the editable states and lets its editors reconnect read-only", async () => {
      const draft = await createDraft(database.db);
      const name = draft.documentName();
      const lan = track(openClient(server.wsUrl, name, async () => tokenFor(database.db, DEMO.lan, name)));
      await waitFor(() => lan.provider.isSynced, "synced");
      await database.db.proposal.update({ where: { id: draft.proposalId }, data: { status: "WITHDRAWN" } });

      typeText(lan.doc, " Sửa sau khi rút đề xuất.");
      await waitFor(() => lan.provider.authorizedScope === "readonly", "reconnected read-only", 15_000);
      expect(await storedContent(draft.proposalId, draft.sectionIds[0])).not.toContain("Sửa sau khi rút");
      expect(await database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
    }, 30_000);
  });
});
