/**
 * What durability and validation cost per keystroke on the collaboration server.
 *
 *   guard      validating one typed character, for sections of typical, long and maximal
 *              length: by the full check (a copy of the document with the update applied, read
 *              as raw JSON, run through the schema validator) and by the replica the server
 *              uses (the update applied to it, only the changed block validated again)
 *   typing     clients typing into several sections at once through the real server (tokens,
 *              SQLite, durable log, debounced stores): the time from a keystroke to the
 *              server's acknowledgement, and the server's own timings (guard, log append,
 *              store)
 *
 * Run alone with `npx tsx e2e/bench/collab-bench.ts`, or as the `collab-bench` part of
 * `npm run bench`. Figures only; nothing here fails on speed.
 */
import { pathToFileURL } from "node:url";
import * as Y from "yjs";
import { ContentJudge, judgeUpdate } from "../../lib/collab/extensions/content-guard";
import { MAX_DOCUMENT_BYTES } from "../../lib/collab/content-inspection";
import {
  DEMO,
  createDraft,
  isSyncedAndAcknowledged,
  openClient,
  sectionText,
  startServer,
  tokenFor,
  typeText,
  waitFor,
  type TestClient,
} from "../../lib/collab/test-helpers";
import { generateLargeHandbook } from "../../lib/domain/fixtures/large-handbook";
import { createRandom } from "../../lib/domain/fixtures/random";
import { contentToYDoc } from "../../lib/editor/ydoc";
import { createTestDatabase } from "../../lib/testing/databases";
import { percentile, round, row, type PartResult } from "./stats";

/** Section lengths in words: a typical chapter, a long one, and one near the text limit. */
const GUARD_SECTION_WORDS = [1_000, 5_000, 30_000] as const;
const GUARD_SAMPLES = 40;

const TYPING_SECTIONS = 3;
const CLIENTS_PER_SECTION = 3;
const KEYSTROKES_PER_CLIENT = 60;
/** People type a character every 100-200 ms; the bench types faster to load the server. */
const PAUSE_MS = { min: 10, max: 40 } as const;
const SEED = 20_261_128;

interface Figures {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function figures(samples: readonly number[]): Figures {
  return { p50Ms: round(percentile(samples, 0.5)), p95Ms: round(percentile(samples, 0.95)), maxMs: round(Math.max(...samples)) };
}

function guardCost(words: number): Figures & { words: number; stateBytes: number; replica: Figures } {
  const handbook = generateLargeHandbook({ words, seed: SEED, wordsPerSection: { min: words, max: words } });
  const live = contentToYDoc(handbook.sections[0].content);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
  const judge = new ContentJudge(MAX_DOCUMENT_BYTES);
  const sender = {};
  const full: number[] = [];
  const replica: number[] = [];
  // One round more than sampled: the first builds the replica.
  for (let sample = 0; sample <= GUARD_SAMPLES; sample += 1) {
    const before = Y.encodeStateVector(client);
    typeText(client, "a");
    const update = Y.encodeStateAsUpdate(client, before);
    let started = performance.now();
    const verdict = judgeUpdate(live, update, { ok: true }, MAX_DOCUMENT_BYTES);
    if (sample > 0) full.push(performance.now() - started);
    if (!verdict.ok) throw new Error(`the guard refused a typed character: ${verdict.refusal.message}`);
    started = performance.now();
    const judged = judge.judge(live, update, { ok: true }, sender);
    if (sample > 0) replica.push(performance.now() - started);
    if (!judged.ok) throw new Error(`the replica refused a typed character: ${judged.refusal.message}`);
    Y.applyUpdate(live, update, { source: "connection", connection: sender });
    judge.settled(live, sender);
  }
  return { words, stateBytes: Y.encodeStateAsUpdate(live).byteLength, ...figures(full), replica: figures(replica) };
}

/** Resolves on the provider's own event, so the figure is not rounded to a polling interval. */
function acknowledged(client: TestClient): Promise<void> {
  if (isSyncedAndAcknowledged(client)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no acknowledgement within 10 s")), 10_000);
    const listener = ({ number }: { number: number }) => {
      if (number !== 0) return;
      clearTimeout(timer);
      client.provider.off("unsyncedChanges", listener);
      resolve();
    };
    client.provider.on("unsyncedChanges", listener);
  });
}

async function typingThroughTheServer() {
  const database = await createTestDatabase("sqlite", { seed: true });
  const server = await startServer(database.db);
  const clients: TestClient[] = [];
  try {
    const drafts = [await createDraft(database.db), await createDraft(database.db)];
    const names = [drafts[0].documentName(0), drafts[0].documentName(1), drafts[1].documentName(0)].slice(0, TYPING_SECTIONS);
    for (const name of names) {
      for (let index = 0; index < CLIENTS_PER_SECTION; index += 1) {
        clients.push(openClient(server.wsUrl, name, await tokenFor(database.db, index % 2 ? DEMO.hoa : DEMO.lan, name)));
      }
    }
    await waitFor(() => clients.every((client) => client.provider.isSynced), "every client synced", 30_000);

    const latencies: number[] = [];
    const random = createRandom(SEED);
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, clientIndex) => {
        for (let keystroke = 0; keystroke < KEYSTROKES_PER_CLIENT; keystroke += 1) {
          const sent = performance.now();
          typeText(client.doc, keystroke === 0 ? ` c${clientIndex}:` : String(keystroke % 10));
          await acknowledged(client);
          latencies.push(performance.now() - sent);
          await new Promise((resolve) => setTimeout(resolve, random.int(PAUSE_MS.min, PAUSE_MS.max)));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const converged = await waitFor(
      () => names.every((_, section) => {
        const replicas = clients.slice(section * CLIENTS_PER_SECTION, (section + 1) * CLIENTS_PER_SECTION).map((client) => sectionText(client.doc));
        return replicas.every((text) => text === replicas[0]);
      }),
      "replicas identical",
      10_000,
    ).then(() => true, () => false);
    for (const client of clients.splice(0)) client.destroy();
    await waitFor(() => server.collab.server.hocuspocus.getDocumentsCount() === 0, "every document stored and unloaded", 30_000);
    const leftInLog = await database.db.collabUpdate.count();

    return {
      clients: TYPING_SECTIONS * CLIENTS_PER_SECTION,
      keystrokes: latencies.length,
      keystrokesPerSecond: round(latencies.length / seconds),
      acknowledgement: figures(latencies),
      converged,
      leftInLog,
      server: server.collab.metrics.summary(),
    };
  } finally {
    for (const client of clients) client.destroy();
    await server.stop();
    await database.drop();
  }
}

export async function runCollabBench(): Promise<PartResult> {
  const guard = GUARD_SECTION_WORDS.map(guardCost);
  const typing = await typingThroughTheServer();
  const rows = [
    ...guard.map((result) =>
      row({
        measure: `collab guard: one keystroke in a ${result.words}-word section`,
        ratio: null,
        noise: null,
        target: "informational",
        detail:
          `full check p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms; ` +
          `replica p50 ${result.replica.p50Ms} ms, p95 ${result.replica.p95Ms} ms, max ${result.replica.maxMs} ms (Yjs state ${result.stateBytes} bytes)`,
      }),
    ),
    row({
      measure: `collab typing: keystroke to acknowledgement, ${typing.clients} clients on ${TYPING_SECTIONS} sections`,
      ratio: null,
      noise: null,
      target: "informational",
      detail: `p50 ${typing.acknowledgement.p50Ms} ms, p95 ${typing.acknowledgement.p95Ms} ms, max ${typing.acknowledgement.maxMs} ms over ${typing.keystrokes} keystrokes (${typing.keystrokesPerSecond}/s)`,
    }),
  ];
  const server = typing.server;
  const notes = [
    `server timings: guard p50 ${server.guard?.p50Ms} ms / p95 ${server.guard?.p95Ms} ms; durable log append p50 ${server.logAppend?.p50Ms} ms / p95 ${server.logAppend?.p95Ms} ms; store p50 ${server.store?.p50Ms} ms / p95 ${server.store?.p95Ms} ms (${server.store?.count} stores)`,
    `replicas converged: ${typing.converged}; log rows left after the last store: ${typing.leftInLog}`,
  ];
  return { rows, notes, details: { guard, typing } };
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (invokedDirectly()) {
  runCollabBench()
    .then((result) => {
      for (const line of result.rows) console.log(`${line.measure}: ${line.detail}`);
      for (const note of result.notes) console.log(note);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
