import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createRandom } from "../domain/fixtures/random";
import { storeDraftSection } from "../services/proposals/store-draft-section";
import { createTestDatabase, isPostgresReachable, type TestDatabase } from "../testing/databases";
import { DurableLog } from "./extensions/durable-log";
import { loadOrSeedSectionState } from "./section-state";
import { DEMO, countOccurrences, createDraft, isSyncedAndAcknowledged, openClient, sectionText, startServer, tokenFor, typeText, waitFor, type RunningServer, type TestClient } from "./test-helpers";

/**
 * Two collaboration instances on one PostgreSQL database and one Redis, as a deployment runs
 * them: clients on either converge, a change is stored once (not once per instance), and two
 * instances loading a document at the same moment replay its durable log without doubling it.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const SEED = 20261206;
const EDITS_PER_CLIENT = 25;
const MAX_PAUSE_MS = 10;

async function isRedisReachable(): Promise<boolean> {
  const probe = new IORedis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const ready = (await isPostgresReachable()) && (await isRedisReachable());
if (!ready) console.warn(`\n[tests] PostgreSQL or Redis (${REDIS_URL}) is not reachable: the multi-instance collaboration tests are SKIPPED.\n`);

describe.runIf(ready)("two collaboration instances on PostgreSQL and Redis", () => {
  let database: TestDatabase;
  let first: RunningServer;
  let second: RunningServer;
  /** Every state written to a section by either instance (attribution-only stores write none). */
  const stateWrites: string[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres", { seed: true });
    const countingStore: typeof storeDraftSection = async (input) => {
      const result = await storeDraftSection(input);
      if (result.stored && input.yState !== null) stateWrites.push(`${input.proposalId}/${input.sectionId}`);
      return result;
    };
    first = await startServer(database.db, { redisUrl: REDIS_URL, instanceName: "collab-a", storeSection: countingStore });
    second = await startServer(database.db, { redisUrl: REDIS_URL, instanceName: "collab-b", storeSection: countingStore });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await first?.stop();
    await second?.stop();
    await database?.drop();
  });

  const track = (client: TestClient) => {
    clients.push(client);
    return client;
  };

  it("converges clients typing on different instances, and stores each change once", async () => {
    const draft = await createDraft(database.db, "Hai máy chủ cộng tác");
    const name = draft.documentName();
    const onFirst = track(openClient(first.wsUrl, name, await tokenFor(database.db, DEMO.lan, name)));
    const onSecond = track(openClient(second.wsUrl, name, await tokenFor(database.db, DEMO.hoa, name)));
    await waitFor(() => onFirst.provider.isSynced && onSecond.provider.isSynced, "both synced");

    await Promise.all(
      [onFirst, onSecond].map(async (client, index) => {
        const random = createRandom(SEED + index);
        for (let edit = 0; edit < EDITS_PER_CLIENT; edit += 1) {
          typeText(client.doc, ` ${random.pick(["dữ liệu", "số", "mở", "người dân"])}${index}`);
          await new Promise((resolve) => setTimeout(resolve, random.int(0, MAX_PAUSE_MS)));
        }
      }),
    );
    await waitFor(() => isSyncedAndAcknowledged(onFirst) && isSyncedAndAcknowledged(onSecond), "acknowledged");
    await waitFor(() => sectionText(onFirst.doc) === sectionText(onSecond.doc), "the two replicas converge");
    const agreed = sectionText(onFirst.doc);
    expect(countOccurrences(agreed, "0")).toBe(EDITS_PER_CLIENT);
    expect(countOccurrences(agreed, "1")).toBe(EDITS_PER_CLIENT);

    // Both instances store what they hold; the row ends with the agreed text.
    const key = `${draft.proposalId}/${draft.sectionIds[0]}`;
    await fetchFlush(first, draft.proposalId);
    await fetchFlush(second, draft.proposalId);
    const row = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, row.yState!);
    expect(sectionText(stored)).toBe(agreed);

    // One more keystroke on one instance is written once, though both hold the document.
    const before = stateWrites.filter((entry) => entry === key).length;
    typeText(onFirst.doc, " một lần");
    await waitFor(() => isSyncedAndAcknowledged(onFirst) && sectionText(onSecond.doc).includes("một lần"), "relayed");
    await fetchFlush(first, draft.proposalId);
    await fetchFlush(second, draft.proposalId);
    await fetchFlush(first, draft.proposalId);
    expect(stateWrites.filter((entry) => entry === key).length - before).toBe(1);
    // Both editors are recorded, whichever instance wrote the text.
    const editors = await database.db.proposalEdit.findMany({ where: { proposalId: draft.proposalId }, select: { user: { select: { email: true } } } });
    expect(editors.map((edit) => edit.user.email).sort()).toEqual([DEMO.hoa, DEMO.lan].sort());
    expect(await database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
  }, 60_000);

  it("replays a document's durable log once when both instances load it at the same moment", async () => {
    const draft = await createDraft(database.db, "Nhật ký bền vững, hai máy chủ");
    const name = draft.documentName();
    // Updates a crashed instance acknowledged but never stored: typed on a copy of the seed.
    const seeded = await loadOrSeedSectionState(database.db, { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] });
    const crashed = new Y.Doc();
    Y.applyUpdate(crashed, seeded);
    const log = new DurableLog(database.db);
    const lan = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.lan } });
    crashed.on("update", (update: Uint8Array) => void log.append(name, update, lan.id));
    typeText(crashed, " Chỉ một lần sau sự cố.");
    await waitFor(async () => (await database.db.collabUpdate.count({ where: { documentName: name } })) > 0, "logged");

    const [onFirst, onSecond] = await Promise.all([
      tokenFor(database.db, DEMO.lan, name).then((token) => track(openClient(first.wsUrl, name, token))),
      tokenFor(database.db, DEMO.hoa, name).then((token) => track(openClient(second.wsUrl, name, token))),
    ]);
    await waitFor(() => onFirst.provider.isSynced && onSecond.provider.isSynced, "both synced");
    await waitFor(() => sectionText(onFirst.doc) === sectionText(onSecond.doc), "converged");
    expect(countOccurrences(sectionText(onFirst.doc), "Chỉ một lần sau sự cố.")).toBe(1);
    await fetchFlush(first, draft.proposalId);
    await fetchFlush(second, draft.proposalId);
    const stored = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    expect(countOccurrences(stored.content, "Chỉ một lần sau sự cố.")).toBe(1);
    expect(await database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
  }, 60_000);

  it("writes a draft's state only over the state it was computed from", async () => {
    const draft = await createDraft(database.db, "So sánh rồi ghi");
    const ref = { proposalId: draft.proposalId, sectionId: draft.sectionIds[1] };
    const row = await database.db.proposalSection.findFirstOrThrow({ where: ref });
    const base = { ...ref, content: JSON.parse(row.content), editorIds: [], db: database.db };
    const one = new Y.Doc();
    one.getText("x").insert(0, "một");
    const two = new Y.Doc();
    two.getText("x").insert(0, "hai");
    const results = await Promise.all([
      storeDraftSection({ ...base, yState: Y.encodeStateAsUpdate(one), expectedYState: row.yState }),
      storeDraftSection({ ...base, yState: Y.encodeStateAsUpdate(two), expectedYState: row.yState }),
    ]);
    expect(results.filter((result) => result.stored)).toHaveLength(1);
    expect(results.filter((result) => !result.stored && result.reason === "state_moved")).toHaveLength(1);
  });
});

async function fetchFlush(server: RunningServer, proposalId: string): Promise<void> {
  const response = await fetch(`${server.httpUrl}/internal/proposals/flush`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-collab-internal-secret": "collab-test-internal-secret-0123456789ab" },
    body: JSON.stringify({ proposalId }),
  });
  expect(response.status).toBe(200);
}
