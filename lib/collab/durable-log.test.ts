import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { DurableLog } from "./extensions/durable-log";

/**
 * The durable log's appends go through group commit and a prepared statement of the driver
 * (lib/collab/log-store.ts, lib/collab/group-commit.ts), against the real engines.
 */
const engines = await availableEngines();

/** Refuses one document name inside the database, so that a group fails half-way through its rows. */
async function installPoison(database: TestDatabase, poisonedName: string): Promise<void> {
  if (database.engine === "sqlite") {
    await database.db.$executeRawUnsafe(
      `CREATE TRIGGER "collab_update_poison" BEFORE INSERT ON "CollabUpdate" WHEN NEW."documentName" = '${poisonedName}' BEGIN SELECT RAISE(ABORT, 'poisoned entry'); END`,
    );
  } else {
    await database.db.$executeRawUnsafe(
      `CREATE FUNCTION collab_update_poison() RETURNS trigger AS $$ BEGIN IF NEW."documentName" = '${poisonedName}' THEN RAISE EXCEPTION 'poisoned entry'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await database.db.$executeRawUnsafe(
      `CREATE TRIGGER collab_update_poison BEFORE INSERT ON "CollabUpdate" FOR EACH ROW EXECUTE FUNCTION collab_update_poison()`,
    );
  }
}

interface Edit {
  client: number;
  position: number;
  text: string;
  deleteCount: number;
}

const editArbitrary = (clients: number): fc.Arbitrary<Edit> =>
  fc.record({
    client: fc.integer({ min: 0, max: clients - 1 }),
    position: fc.nat({ max: 1_000 }),
    text: fc.string({ minLength: 0, maxLength: 4 }),
    deleteCount: fc.integer({ min: 0, max: 3 }),
  });

describe.each(engines)("durable log with group commit on %s", (engine) => {
  let database: TestDatabase;
  let log: DurableLog;
  const groupSizes: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    log = new DurableLog(database.db);
    log.onGroupWritten((size) => groupSizes.push(size));
  });

  afterAll(async () => {
    await log.close();
    await database.drop();
  });

  it("writes the appends of one turn as one group, in order, exactly as the ORM wrote them", async () => {
    groupSizes.length = 0;
    const name = "draft:order";
    const updates = [1, 2, 3, 4, 5].map((value) => new Uint8Array([value, value + 1]));
    const ids = await Promise.all(updates.map((update, index) => log.append(name, update, index % 2 ? null : "user-a")));
    expect(groupSizes).toEqual([5]);
    expect([...ids].sort((left, right) => left - right)).toEqual(ids);
    const rows = await database.db.collabUpdate.findMany({ where: { documentName: name }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(rows.map((row) => [...row.update])).toEqual(updates.map((update) => [...update]));
    expect(rows.map((row) => row.userId)).toEqual(["user-a", null, "user-a", null, "user-a"]);
    // createdAt reads back as a date of now, as when Prisma wrote the rows.
    for (const row of rows) expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await log.entries(name)).map((entry) => entry.id)).toEqual(ids);
  });

  it("writes a group all or nothing: one entry the database refuses fails every entry of its group", async () => {
    await installPoison(database, "draft:poison");
    groupSizes.length = 0;
    const results = await Promise.allSettled([
      log.append("draft:group", new Uint8Array([1]), "user-a"),
      log.append("draft:poison", new Uint8Array([2]), "user-a"),
      log.append("draft:group", new Uint8Array([3]), "user-b"),
    ]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(groupSizes).toEqual([]);
    expect(await database.db.collabUpdate.count({ where: { documentName: { in: ["draft:group", "draft:poison"] } } })).toBe(0);

    // The next group is written as usual.
    const ids = await Promise.all([log.append("draft:group", new Uint8Array([4]), null), log.append("draft:group", new Uint8Array([5]), null)]);
    expect(groupSizes).toEqual([2]);
    expect((await log.entries("draft:group")).map((entry) => entry.id)).toEqual(ids);
  });

  it("waits for a write transaction of this same process (a store) instead of blocking it", async () => {
    const name = "draft:while-storing";
    let releaseStore: () => void = () => undefined;
    const storeMayEnd = new Promise<void>((resolve) => {
      releaseStore = resolve;
    });
    let storeWrote: () => void = () => undefined;
    const storeHoldsLock = new Promise<void>((resolve) => {
      storeWrote = resolve;
    });
    const store = database.db.$transaction(async (tx) => {
      const row = await tx.collabUpdate.create({ data: { documentName: name, update: Buffer.from([1]), userId: null }, select: { id: true } });
      storeWrote();
      await storeMayEnd;
      return row.id;
    });
    await storeHoldsLock;
    const appended = log.append(name, new Uint8Array([2]), null);
    // The store can only finish if the append leaves this thread free while it waits.
    setImmediate(releaseStore);
    const [storedId, appendedId] = await Promise.all([store, appended]);
    expect(appendedId).toBeGreaterThan(storedId);
    expect((await log.entries(name)).map((entry) => [...entry.update])).toEqual([[1], [2]]);
  });

  it("converges concurrent clients whose updates are committed in groups, and replays the log to the same document (randomized)", async () => {
    let run = 0;
    let grouped = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }).chain((clients) => fc.tuple(fc.constant(clients), fc.array(editArbitrary(clients), { minLength: 1, maxLength: 40 }), fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }))), async ([clientCount, edits, waits]) => {
        run += 1;
        const name = `draft:converge-${run}`;
        groupSizes.length = 0;
        // The server applies an update only once it is durable, as the collaboration server does.
        const server = new Y.Doc();
        const clients = Array.from({ length: clientCount }, () => new Y.Doc());
        const acknowledged: Promise<void>[] = [];
        for (const [index, edit] of edits.entries()) {
          const client = clients[edit.client];
          const text = client.getText("t");
          const before = Y.encodeStateVector(client);
          const position = Math.min(edit.position, text.length);
          text.delete(position, Math.min(edit.deleteCount, text.length - position));
          text.insert(position, edit.text);
          const update = Y.encodeStateAsUpdate(client, before);
          acknowledged.push(log.append(name, update, `user-${edit.client}`).then(() => Y.applyUpdate(server, update)));
          // Several appends in one turn, or a pause of a few turns: groups of every size.
          for (let turn = 0; turn < waits[index % waits.length]; turn += 1) await new Promise((resolve) => setImmediate(resolve));
        }
        await Promise.all(acknowledged);
        if (groupSizes.some((size) => size > 1)) grouped += 1;
        // Every client receives the server's state (the fan-out), and every replica converges.
        const state = Y.encodeStateAsUpdate(server);
        for (const client of clients) Y.applyUpdate(client, state);
        for (const client of clients) expect(client.getText("t").toString()).toBe(server.getText("t").toString());
        // A restart replays the log alone, in its order, to the same document.
        const replayed = new Y.Doc();
        for (const entry of await log.entries(name)) Y.applyUpdate(replayed, entry.update);
        expect(replayed.getText("t").toString()).toBe(server.getText("t").toString());
        expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(server));
      }),
      { numRuns: 25, seed: 20_261_224 },
    );
    expect(grouped).toBeGreaterThan(0);
  }, 120_000);
});
