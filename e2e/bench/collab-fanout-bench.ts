/**
 * Collaboration fan-out: one writer and N readers on one section; the latency from the
 * writer's local change until each reader's Y.Doc holds it, through our collaboration server
 * (createCollabServer: real tokens, a seeded SQLite database, a real proposal, with
 * authentication, content guard, durable log, persistence and limits on) against the anchor,
 * a bare Hocuspocus `new Server()` with no hooks holding the same content. Both servers run
 * as processes of their own; the clients run here, so one clock times every delivery.
 *
 * Per N: every client connected to both servers, then rounds of edit batches alternating
 * ours and anchor (A B A B), after a noise floor (anchor batch against anchor batch).
 * The writer types one character, then deletes it, and so on, pausing briefly between
 * edits as a person would; each edit waits until every reader has it.
 *
 *   npm run bench -- collab      (BENCH_ROUNDS to change the number of rounds)
 */
import * as Y from "yjs";
import { loadActor } from "../../lib/auth/actor";
import { mintCollabToken } from "../../lib/auth/collab-token";
import { createDb } from "../../lib/db/client";
import { collabDocumentName } from "../../lib/domain/collab-names";
import { YDOC_FIELD } from "../../lib/editor/ydoc";
import { createProposal } from "../../lib/services/proposals/create-proposal";
import { HANDBOOK_DOCUMENT } from "../../lib/services/seed-data";
import { benchSecrets, prepareSeededDatabase, productEnv, temporaryDatabaseFile } from "./bench-env";
import { connectClient, startCollabChild, type Client, type CollabChild } from "./collab-harness";
import {
  Unavailable,
  atMost,
  errorText,
  formatRatio,
  percentileOfSorted,
  round,
  roundsFromEnvironment,
  row,
  sleep,
  spread,
  type BenchRow,
  type PartResult,
} from "./stats";

const SIZES = [2, 10, 50] as const;
const DEFAULT_ROUNDS = 5;
/** A fast typist's pause between keystrokes is ~100 ms; a short one keeps the suite short. */
const PAUSE_BETWEEN_EDITS_MS = 10;
const DELIVERY_TIMEOUT_MS = 10_000;
const WARM_UP_EDITS = 10;
/** Samples wanted per batch (edits x readers), within these bounds on the number of edits. */
const SAMPLES_PER_BATCH = 400;
const MIN_EDITS = 40;
const MAX_EDITS = 100;

/** Fallback when lib/collab/extensions/limits.ts cannot be read. */
const DEFAULT_CONNECTION_CAP = 50;
/** Fallback when lib/collab/extensions/persistence.ts cannot be read. */
const DEFAULT_STORE_DEBOUNCE_MS = 1_000;
/**
 * Pause after every batch, on both servers alike, longer than our server's store debounce
 * plus a store: the store that follows a batch then runs alone, instead of on the other
 * server's batch, which shares the two cores. Its cost is reported from the server's timings.
 */
const SETTLE_AFTER_STORE_MS = 500;

const WRITER_EMAIL = "lan@mof.gov.vn";
const READER_EMAIL = "minh@mic.gov.vn";

interface Side {
  server: CollabChild;
  settleMs: number;
  writer: Client;
  readers: Client[];
}

interface BatchResult {
  /** One latency per edit and reader. */
  samples: number[];
  /** Per edit, the latency until the last reader had it. */
  everyReader: number[];
  timeouts: number;
}

export async function runCollabFanoutBench(log: (line: string) => void = console.log): Promise<PartResult> {
  const rounds = roundsFromEnvironment(DEFAULT_ROUNDS);
  const databaseFile = temporaryDatabaseFile("collab");
  const secrets = benchSecrets();
  const env = productEnv(databaseFile, secrets, { COLLAB_LOG_LEVEL: "warn" });
  log(`collab bench: preparing a fresh seeded database (${databaseFile})`);
  await prepareSeededDatabase(env);

  let connectionCap = DEFAULT_CONNECTION_CAP;
  let storeDebounceMs = DEFAULT_STORE_DEBOUNCE_MS;
  try {
    connectionCap = (await import("../../lib/collab/extensions/limits")).MAX_CONNECTIONS_PER_DOCUMENT;
    storeDebounceMs = (await import("../../lib/collab/extensions/persistence")).STORE_DEBOUNCE_MS;
  } catch (error) {
    throw new Unavailable(`lib/collab cannot be loaded: ${errorText(error)}`);
  }

  const db = await createDb({ engine: "sqlite", file: databaseFile });
  let ours: CollabChild | null = null;
  let bare: CollabChild | null = null;
  try {
    const writerRow = await db.user.findUnique({ where: { email: WRITER_EMAIL } });
    const readerRow = await db.user.findUnique({ where: { email: READER_EMAIL } });
    const writerActor = writerRow ? await loadActor(db, writerRow.id) : null;
    if (!writerActor || !readerRow) throw new Error("the seeded demo users are missing");
    const proposal = await createProposal({
      actor: writerActor,
      documentSlug: HANDBOOK_DOCUMENT.slug,
      input: { title: "Đo độ trễ cộng tác", rationale: "Đo thời gian một thay đổi đến được người đọc." },
      db,
    });
    const sections = await db.proposalSection.findMany({ where: { proposalId: proposal.id }, select: { sectionId: true, content: true } });
    // The longest section: the content guard's cost grows with the section.
    const section = sections.sort((left, right) => right.content.length - left.content.length)[0];
    const documentName = collabDocumentName(proposal.id, section.sectionId);
    const token = async (userId: string) => (await mintCollabToken({ userId, documentName }, { secret: secrets.COLLAB_TOKEN_SECRET })).token;

    try {
      ours = await startCollabChild("ours", env);
    } catch (error) {
      throw new Unavailable(`our collaboration server did not start: ${errorText(error)}`);
    }
    bare = await startCollabChild("bare", env);
    log(
      `collab bench: section ${section.sectionId} (${section.content.length} characters of JSON) of proposal ${proposal.id}; ` +
        `ours on ${ours.url}, bare Hocuspocus on ${bare.url}; ${rounds} rounds per N, ${PAUSE_BETWEEN_EDITS_MS} ms between edits`,
    );

    const rows: BenchRow[] = [];
    const perSize: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      const readers = Math.min(size, connectionCap - 1);
      const edits = Math.min(MAX_EDITS, Math.max(MIN_EDITS, Math.ceil(SAMPLES_PER_BATCH / readers)));
      const writerToken = await token(writerActor.id);
      const readerToken = await token(readerRow.id);

      const settleMs = storeDebounceMs + SETTLE_AFTER_STORE_MS;
      const oursSide = await connectSide(ours, documentName, writerToken, readerToken, readers, null, settleMs);
      const seed = Y.encodeStateAsUpdate(oursSide.writer.doc);
      const bareSide = await connectSide(bare, documentName, writerToken, readerToken, readers, seed, settleMs);
      try {
        await runBatch(oursSide, WARM_UP_EDITS);
        await runBatch(bareSide, WARM_UP_EDITS);

        const noiseP50: number[] = [];
        const noiseP99: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const first = summarize(await runBatch(bareSide, edits));
          const second = summarize(await runBatch(bareSide, edits));
          noiseP50.push(second.p50 / first.p50);
          noiseP99.push(second.p99 / first.p99);
        }
        const oursBatches: ReturnType<typeof summarize>[] = [];
        const bareBatches: ReturnType<typeof summarize>[] = [];
        for (let round = 0; round < rounds; round++) {
          oursBatches.push(summarize(await runBatch(oursSide, edits)));
          bareBatches.push(summarize(await runBatch(bareSide, edits)));
        }
        const p50Ratio = spread(oursBatches.map((batch, index) => batch.p50 / bareBatches[index].p50));
        const p99Ratio = spread(oursBatches.map((batch, index) => batch.p99 / bareBatches[index].p99));
        const oursP50 = spread(oursBatches.map((batch) => batch.p50));
        const oursP99 = spread(oursBatches.map((batch) => batch.p99));
        const bareP50 = spread(bareBatches.map((batch) => batch.p50));
        const bareP99 = spread(bareBatches.map((batch) => batch.p99));
        const timeouts = oursBatches.reduce((sum, batch) => sum + batch.timeouts, 0);
        const oursEveryReader = spread(oursBatches.map((batch) => batch.everyReaderP50));
        const bareEveryReader = spread(bareBatches.map((batch) => batch.everyReaderP50));
        const label = readers === size ? `N=${size}` : `N=${size} (${readers} readers: connection cap)`;
        log(
          `${label}: ${edits} edits x ${readers} readers per batch; ours p50 ${oursP50.median} ms, p99 ${oursP99.median} ms; ` +
            `bare p50 ${bareP50.median} ms, p99 ${bareP99.median} ms; p50 ratio ${formatRatio(p50Ratio)}; p99 ratio ${formatRatio(p99Ratio)}; ` +
            `noise floor p50 ${formatRatio(spread(noiseP50))}, p99 ${formatRatio(spread(noiseP99))}; ` +
            `until every reader: ours p50 ${oursEveryReader.median} ms, bare ${bareEveryReader.median} ms` +
            (timeouts > 0 ? `; ${timeouts} deliveries timed out on ours` : ""),
        );
        rows.push(
          row({
            measure: `collab fan-out p50, ${label}`,
            ratio: p50Ratio,
            noise: spread(noiseP50),
            target: "<= 1.25x",
            meets: atMost(1.25),
            detail: `ours ${oursP50.median} ms vs bare Hocuspocus ${bareP50.median} ms`,
          }),
          row({
            measure: `collab fan-out p99, ${label}`,
            ratio: p99Ratio,
            noise: spread(noiseP99),
            target: "<= 1.5x",
            meets: atMost(1.5),
            detail: `ours ${oursP99.median} ms vs bare Hocuspocus ${bareP99.median} ms`,
          }),
        );
        perSize.push({
          size,
          readers,
          editsPerBatch: edits,
          p50Ratio,
          p99Ratio,
          noiseFloorP50: spread(noiseP50),
          noiseFloorP99: spread(noiseP99),
          ours: { p50Ms: oursP50, p99Ms: oursP99, untilEveryReaderP50Ms: oursEveryReader, timeouts },
          bare: { p50Ms: bareP50, p99Ms: bareP99, untilEveryReaderP50Ms: bareEveryReader },
        });
      } finally {
        closeSide(oursSide);
        closeSide(bareSide);
      }
      // Let both servers see the disconnections before the next size connects.
      await sleep(500);
    }

    const serverTimings = (await ours.request({ type: "metrics" }, "metrics")).metrics;
    log(`collab bench: our server's own timings per update and store (ms): ${JSON.stringify(serverTimings)}`);
    const notes = [
      `readers are capped at ${connectionCap - 1} (plus the writer) by our server's per-document connection limit; the anchor gets as many`,
      `each batch is followed by a pause of ${storeDebounceMs + SETTLE_AFTER_STORE_MS} ms on both servers, so our debounced store runs between batches; its cost is in details.serverTimings.store`,
    ];
    return {
      rows,
      notes,
      details: { rounds, pauseBetweenEditsMs: PAUSE_BETWEEN_EDITS_MS, sectionId: section.sectionId, sizes: perSize, serverTimings },
    };
  } finally {
    await ours?.stop();
    await bare?.stop();
    await db.$disconnect();
  }
}

async function connectSide(
  server: CollabChild,
  name: string,
  writerToken: string,
  readerToken: string,
  readers: number,
  seed: Uint8Array | null,
  settleMs: number,
): Promise<Side> {
  const writerDoc = new Y.Doc();
  if (seed) Y.applyUpdate(writerDoc, seed);
  const writer = await connectClient({ url: server.url, name, token: writerToken, doc: writerDoc });
  const connected: Client[] = [];
  try {
    for (let index = 0; index < readers; index++) connected.push(await connectClient({ url: server.url, name, token: readerToken }));
    // Every reader must hold the writer's content before anything is timed.
    const expected = Y.encodeStateVector(writer.doc);
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    while (!connected.every((reader) => sameStateVector(Y.encodeStateVector(reader.doc), expected))) {
      if (Date.now() > deadline) throw new Error(`readers on the ${server.mode} server never received the section`);
      await sleep(20);
    }
  } catch (error) {
    writer.close();
    for (const reader of connected) reader.close();
    throw error;
  }
  return { server, settleMs, writer, readers: connected };
}

function closeSide(side: Side): void {
  side.writer.close();
  for (const reader of side.readers) reader.close();
}

/**
 * `edits` local changes by the writer, one at a time: insert a character at the start of
 * the first paragraph, then delete it. Returns one latency per edit and reader.
 */
async function runBatch(side: Side, edits: number): Promise<BatchResult> {
  const writerDoc = side.writer.doc;
  const text = firstParagraphText(writerDoc);
  const samples: number[] = [];
  const everyReader: number[] = [];
  let timeouts = 0;
  for (let edit = 0; edit < edits; edit++) {
    const delivered = side.readers.map((reader) => waitForClock(reader.doc, writerDoc.clientID));
    const started = performance.now();
    if (text.length > 0 && edit % 2 === 1) text.delete(0, 1);
    else text.insert(0, "a");
    const clock = Y.getState(writerDoc.store, writerDoc.clientID);
    for (const wait of delivered) wait.arm(clock, started);
    const results = await Promise.all(delivered.map((wait) => wait.done));
    let last = 0;
    for (const result of results) {
      if (result === null) timeouts += 1;
      else {
        samples.push(result);
        last = Math.max(last, result);
      }
    }
    everyReader.push(last);
    await sleep(PAUSE_BETWEEN_EDITS_MS);
  }
  // Leave the paragraph as it was found, so every batch edits the same text.
  if (edits % 2 === 1) {
    const delivered = side.readers.map((reader) => waitForClock(reader.doc, writerDoc.clientID));
    text.delete(0, 1);
    const clock = Y.getState(writerDoc.store, writerDoc.clientID);
    for (const wait of delivered) wait.arm(clock, performance.now());
    await Promise.all(delivered.map((wait) => wait.done));
  }
  await sleep(side.settleMs);
  return { samples, everyReader, timeouts };
}

/**
 * Resolves with the milliseconds from `started` until `doc` holds the writer's items up to
 * `clock`, measured at the reader's update event, or null after the timeout.
 */
function waitForClock(doc: Y.Doc, writerClientId: number): { arm(clock: number, started: number): void; done: Promise<number | null> } {
  let target = Number.POSITIVE_INFINITY;
  let startedAt = 0;
  let finish: (value: number | null) => void = () => undefined;
  const done = new Promise<number | null>((resolve) => {
    finish = resolve;
  });
  const onUpdate = () => {
    if (Y.getState(doc.store, writerClientId) < target) return;
    const elapsed = performance.now() - startedAt;
    cleanUp();
    finish(elapsed);
  };
  const timer = setTimeout(() => {
    cleanUp();
    finish(null);
  }, DELIVERY_TIMEOUT_MS);
  const cleanUp = () => {
    clearTimeout(timer);
    doc.off("update", onUpdate);
  };
  doc.on("update", onUpdate);
  return {
    arm(clock, started) {
      target = clock;
      startedAt = started;
      // Already there (cannot happen over a network, but never wait for nothing).
      if (Y.getState(doc.store, writerClientId) >= target) onUpdate();
    },
    done,
  };
}

function firstParagraphText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== "paragraph") continue;
    const text = node.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (text) return text;
  }
  throw new Error("the section has no paragraph with text");
}

function sameStateVector(left: Uint8Array, right: Uint8Array): boolean {
  const a = Y.decodeStateVector(left);
  const b = Y.decodeStateVector(right);
  for (const [client, clock] of b) if ((a.get(client) ?? 0) < clock) return false;
  return true;
}

function summarize(batch: BatchResult): { p50: number; p99: number; everyReaderP50: number; timeouts: number } {
  const sorted = [...batch.samples].sort((left, right) => left - right);
  const everyReader = [...batch.everyReader].sort((left, right) => left - right);
  return {
    p50: round(percentileOfSorted(sorted, 0.5)),
    p99: round(percentileOfSorted(sorted, 0.99)),
    everyReaderP50: round(percentileOfSorted(everyReader, 0.5)),
    timeouts: batch.timeouts,
  };
}

