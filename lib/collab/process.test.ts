import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { plainText, type SectionContent } from "../domain/document";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import {
  DEMO,
  TEST_INTERNAL_SECRET,
  TEST_TOKEN_SECRET,
  countOccurrences,
  createDraft,
  isSyncedAndAcknowledged,
  openClient,
  sectionText,
  tokenFor,
  typeText,
  waitFor,
  type TestClient,
} from "./test-helpers";

/**
 * The server as it runs in production: `npx tsx lib/collab/main.ts` in a process group of its
 * own, killed without warning or stopped with SIGTERM.
 */
const root = path.resolve(__dirname, "../..");
const START_TIMEOUT_MS = 30_000;
/** What supervisors grant before they kill; the server must be gone well within it. */
const SHUTDOWN_LIMIT_MS = 10_000;

interface ServerProcess {
  child: ChildProcess;
  port: number;
  wsUrl: string;
  /** Events the server logged (one JSON object per line on stdout). */
  events: string[];
  /** Settles once the server's stdout is closed: every line it wrote has been read. */
  outputRead: Promise<void>;
}

const running: ServerProcess[] = [];
const clients: TestClient[] = [];

function startServerProcess(databaseUrl: string, logLevel = "info"): Promise<ServerProcess> {
  const child = spawn("npx", ["tsx", "lib/collab/main.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      COLLAB_PORT: "0",
      COLLAB_HOST: "127.0.0.1",
      COLLAB_TOKEN_SECRET: TEST_TOKEN_SECRET,
      COLLAB_INTERNAL_SECRET: TEST_INTERNAL_SECRET,
      COLLAB_LOG_LEVEL: logLevel,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // The group can be gone while its last lines still wait in the pipe: read them to the end.
  const outputRead = new Promise<void>((resolve) => child.stdout?.once("close", () => resolve()));
  const events: string[] = [];
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = `${errors}${chunk.toString()}`.slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${errors}`)), START_TIMEOUT_MS);
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split("\n").slice(0, -1)) {
        const event = JSON.parse(line) as { event: string; port?: number };
        events.push(event.event);
        if (event.event !== "collab.ready" || event.port === undefined) continue;
        clearTimeout(timer);
        const started: ServerProcess = { child, port: event.port, wsUrl: `ws://127.0.0.1:${event.port}`, events, outputRead };
        running.push(started);
        resolve(started);
      }
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready: ${errors}`)));
  });
}

/**
 * npx, tsx and the server share the group; npx dies of SIGTERM at once while the server
 * still shuts down, so the server is gone only when the whole group is.
 */
function groupAlive(server: ServerProcess): boolean {
  if (server.child.pid === undefined) return false;
  try {
    process.kill(-server.child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(server: ServerProcess, timeoutMs: number): Promise<void> {
  await waitFor(() => !groupAlive(server), "the process group to exit", timeoutMs);
}

function signalGroup(server: ServerProcess, signal: NodeJS.Signals): void {
  if (server.child.pid === undefined) return;
  try {
    process.kill(-server.child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("sqlite", { seed: true });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of running.splice(0)) {
    signalGroup(server, "SIGKILL");
    await groupGone(server, 5_000);
  }
});

afterAll(async () => {
  await database.drop();
});

async function storedText(proposalId: string, sectionId: string): Promise<string> {
  const row = await database.db.proposalSection.findFirstOrThrow({ where: { proposalId, sectionId } });
  return plainText(JSON.parse(row.content) as SectionContent);
}

/** A fixed seed per run of the suite: the kill lands at a different but reproducible moment. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("the collaboration server as a process", () => {
  it("loses no acknowledged edit when it is killed with SIGKILL in the middle of typing", async () => {
    const draft = await createDraft(database.db);
    const name = draft.documentName();
    // Debug level: the server says when it wrote several updates in one group.
    const first = await startServerProcess(database.url, "debug");
    const typist = openClient(first.wsUrl, name, await tokenFor(database.db, DEMO.lan, name));
    clients.push(typist);
    await waitFor(() => typist.provider.isSynced, "synced", 15_000);
    const marker = sectionText(typist.doc).slice(0, 40);

    // Type unique words; every time the server has acknowledged everything, remember how far.
    let typed = 0;
    let acknowledged = 0;
    typist.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (number === 0) acknowledged = typed;
    });
    const random = seededRandom(18);
    const killAfter = 40 + Math.floor(random() * 80);
    for (let word = 0; word < killAfter; word += 1) {
      typeText(typist.doc, ` từ${word}`);
      typed = word + 1;
      // Every third word follows the previous one in the same turn, as separate updates that
      // reach the server together: they are committed to the durable log as one group.
      if (typed % 3 === 1 && typed % 10 !== 0) continue;
      // Bursts of ten words, each followed by a pause until the server acknowledged them; the
      // kill then lands after the last burst, with words still in flight.
      if (typed % 10 === 0) await waitFor(() => isSyncedAndAcknowledged(typist), "burst acknowledged");
      else await new Promise((resolve) => setTimeout(resolve, 2 + Math.floor(random() * 8)));
    }
    signalGroup(first, "SIGKILL");
    await groupGone(first, 5_000);
    await first.outputRead;
    expect(first.events).toContain("log.group_written");
    // The typist's tab is gone too: nothing it holds will be sent again.
    typist.destroy();
    expect(acknowledged).toBeGreaterThan(0);

    const second = await startServerProcess(database.url);
    const reader = openClient(second.wsUrl, name, await tokenFor(database.db, DEMO.hoa, name));
    clients.push(reader);
    await waitFor(() => reader.provider.isSynced, "synced after restart", 15_000);
    const text = sectionText(reader.doc);
    const words = text.split(/\s+/);
    for (let word = 0; word < acknowledged; word += 1) expect(words.filter((candidate) => candidate === `từ${word}`)).toHaveLength(1);
    expect(countOccurrences(text, marker)).toBe(1);
    // Replayed from the log, then stored by the restarted server.
    await waitFor(async () => (await storedText(draft.proposalId, draft.sectionIds[0])).includes(` từ${acknowledged - 1}`), "replayed edits stored", 15_000);
  }, 90_000);

  it("stores everything and exits within ten seconds on SIGTERM", async () => {
    const draft = await createDraft(database.db);
    const name = draft.documentName();
    const server = await startServerProcess(database.url);
    const typist = openClient(server.wsUrl, name, await tokenFor(database.db, DEMO.lan, name));
    clients.push(typist);
    await waitFor(() => typist.provider.isSynced, "synced", 15_000);
    for (let word = 0; word < 30; word += 1) typeText(typist.doc, ` chữ${word}`);
    await waitFor(() => isSyncedAndAcknowledged(typist), "acknowledged");

    const stopping = Date.now();
    signalGroup(server, "SIGTERM");
    await groupGone(server, SHUTDOWN_LIMIT_MS);
    expect(Date.now() - stopping).toBeLessThan(SHUTDOWN_LIMIT_MS);
    await server.outputRead;
    expect(server.events).toContain("collab.stopped");
    expect(server.events).not.toContain("collab.shutdown_timeout");
    const stored = await storedText(draft.proposalId, draft.sectionIds[0]);
    for (let word = 0; word < 30; word += 1) expect(stored).toContain(` chữ${word}`);
    // Stored, not merely logged: nothing is left for a replay.
    expect(await database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);
  }, 60_000);
});
