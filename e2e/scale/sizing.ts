/**
 * Sizing, measured (`npm run test:scale -- --sizing`): after the scale checks, on the same
 * deployment (two web and two collaboration instances, nginx, PostgreSQL, Redis, all on this
 * machine), what one instance holds:
 * - readers per second: anonymous readers loading a section page, a closed loop of keep-alive
 *   connections, straight to one web instance and through nginx (its micro-cache);
 * - live editors: co-writers on one collaboration instance, in groups per section, each typing a
 *   character every TYPING_PAUSE_MS; the latency from a keystroke until each other co-writer of
 *   that section holds it, at growing numbers of editors.
 * Figures for the README, not assertions: nothing here fails the run. The clients run on the same
 * machine as the servers, so they take part of its two cores; the figures are a floor.
 */
import * as Y from "yjs";
import { closedLoopLoad, type LoadResult } from "../bench/http-load";
import { openClient, isSyncedAndAcknowledged, typeText, type TestClient } from "../../lib/collab/test-helpers";
import { percentileOfSorted, round } from "../bench/stats";

/** Readers: enough connections to keep two cores busy, long enough for thousands of requests. */
const READ_CONCURRENCY = Number(process.env.SIZING_READ_CONCURRENCY ?? 32);
const READ_SECONDS = Number(process.env.SIZING_READ_SECONDS ?? 8);
/** A steady typist: five characters a second (about 60 words a minute). */
const TYPING_PAUSE_MS = 200;
/** Co-writers per section: a drafting group. */
const EDITORS_PER_SECTION = 5;
const EDITOR_STEPS = (process.env.SIZING_EDITORS ?? "10,50,100,200").split(",").map(Number);
const TYPING_SECONDS = Number(process.env.SIZING_TYPING_SECONDS ?? 10);
/** What a co-writer still feels as live: the 95th percentile of keystroke delivery under this. */
export const ACCEPTABLE_P95_MS = 250;
const CONNECT_TIMEOUT_MS = 60_000;

export interface SizingInputs {
  pageUrls: { direct: string; nginx: string };
  /** WebSocket URL of one collaboration instance (not through nginx: one instance is measured). */
  collabUrl: string;
  /** Sections to write in, each with its collaboration document and a token of an author. */
  sections: () => Promise<{ document: string; token: string }[]>;
  log: (line: string) => void;
}

export interface EditorStep {
  editors: number;
  sections: number;
  keystrokes: number;
  deliveries: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  undelivered: number;
}

export interface SizingResult {
  readers: { direct: LoadResult; nginx: LoadResult };
  editorSteps: EditorStep[];
  editorsHeld: number;
}

export async function measureSizing(inputs: SizingInputs): Promise<SizingResult> {
  const { log } = inputs;
  log(`sizing: readers, ${READ_CONCURRENCY} connections for ${READ_SECONDS} s each`);
  const direct = await closedLoopLoad({ url: inputs.pageUrls.direct, concurrency: READ_CONCURRENCY, durationMs: READ_SECONDS * 1000 });
  log(`sizing: straight to one web instance: ${direct.requestsPerSecond} pages/s (p50 ${direct.p50Ms} ms, p99 ${direct.p99Ms} ms, ${direct.errors} errors)`);
  const nginx = await closedLoopLoad({ url: inputs.pageUrls.nginx, concurrency: READ_CONCURRENCY, durationMs: READ_SECONDS * 1000 });
  log(`sizing: through nginx: ${nginx.requestsPerSecond} pages/s (p50 ${nginx.p50Ms} ms, p99 ${nginx.p99Ms} ms, ${nginx.errors} errors)`);

  const sections = await inputs.sections();
  const editorSteps: EditorStep[] = [];
  for (const editors of EDITOR_STEPS) {
    const needed = Math.ceil(editors / EDITORS_PER_SECTION);
    if (needed > sections.length) {
      log(`sizing: ${editors} editors need ${needed} sections, ${sections.length} prepared: stopping`);
      break;
    }
    const step = await typingStep(inputs.collabUrl, sections.slice(0, needed), editors);
    editorSteps.push(step);
    log(
      `sizing: ${editors} editors on ${needed} sections: keystroke to co-writers p50 ${step.p50Ms} ms, p95 ${step.p95Ms} ms, p99 ${step.p99Ms} ms, max ${step.maxMs} ms (${step.deliveries} deliveries, ${step.undelivered} missing)`,
    );
    if (step.p95Ms > ACCEPTABLE_P95_MS * 4) break;
  }
  const held = editorSteps.filter((step) => step.p95Ms <= ACCEPTABLE_P95_MS && step.undelivered === 0).map((step) => step.editors);
  return { readers: { direct, nginx }, editorSteps, editorsHeld: held.length ? Math.max(...held) : 0 };
}

/** The clock a keystroke's insertion gets: Yjs names every inserted item (client, clock). */
function keystrokeKey(client: number, clock: number): string {
  return `${client}:${clock}`;
}

async function typingStep(url: string, sections: { document: string; token: string }[], editors: number): Promise<EditorStep> {
  const clients: { client: TestClient; group: number }[] = [];
  const sentAt = new Map<string, { at: number; group: number; pending: number }>();
  const latencies: number[] = [];
  try {
    for (let index = 0; index < editors; index += 1) {
      const group = Math.floor(index / EDITORS_PER_SECTION);
      const section = sections[group];
      const client = openClient(url, section.document, section.token);
      clients.push({ client, group });
      client.doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) return;
        const now = performance.now();
        for (const struct of Y.decodeUpdate(update).structs) {
          const sent = sentAt.get(keystrokeKey(struct.id.client, struct.id.clock));
          if (!sent || sent.group !== group) continue;
          latencies.push(now - sent.at);
          sent.pending -= 1;
        }
      });
    }
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    while (!clients.every(({ client }) => client.provider.isSynced)) {
      if (Date.now() > deadline) throw new Error(`${clients.filter(({ client }) => !client.provider.isSynced).length} of ${editors} editors did not sync`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const groupSize = (group: number) => clients.filter((entry) => entry.group === group).length;
    let keystrokes = 0;
    const typingEnds = performance.now() + TYPING_SECONDS * 1000;
    // Each editor types on its own rhythm, spread over the pause, as people do.
    await Promise.all(
      clients.map(async ({ client, group }, index) => {
        await new Promise((resolve) => setTimeout(resolve, (index * TYPING_PAUSE_MS) / editors));
        while (performance.now() < typingEnds) {
          const clock = Y.getState(client.doc.store, client.doc.clientID);
          sentAt.set(keystrokeKey(client.doc.clientID, clock), { at: performance.now(), group, pending: groupSize(group) - 1 });
          typeText(client.doc, "a");
          keystrokes += 1;
          await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));
        }
      }),
    );
    // Let the last keystrokes arrive (bounded): every editor acknowledged, then a moment for the fan-out.
    const settle = Date.now() + 10_000;
    while (Date.now() < settle && ([...sentAt.values()].some((sent) => sent.pending > 0) || !clients.every(({ client }) => isSyncedAndAcknowledged(client)))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sorted = latencies.sort((left, right) => left - right);
    return {
      editors,
      sections: sections.length,
      keystrokes,
      deliveries: sorted.length,
      p50Ms: round(percentileOfSorted(sorted, 0.5)),
      p95Ms: round(percentileOfSorted(sorted, 0.95)),
      p99Ms: round(percentileOfSorted(sorted, 0.99)),
      maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
      undelivered: [...sentAt.values()].reduce((sum, sent) => sum + Math.max(0, sent.pending), 0),
    };
  } finally {
    for (const { client } of clients) client.destroy();
  }
}
