/**
 * The reading benchmark's background writer: a person who signs in twice a second and types
 * into a live draft through the collaboration server, as happens while readers read. Every
 * sign-in writes an audit event; each keystroke is a Yjs update the collaboration server logs
 * durably; none of it changes what a reader sees, so the reader caches must stay warm.
 *
 * The writer runs in a process of its own (e2e/bench/background-writer-child.ts), as the
 * writer's browser is not the readers' client: in the process of the load generator, its
 * fetches and its collaboration client shared that client's event loop, and every callback of
 * theirs held up the readers' requests being measured. In its own process it still shares the
 * machine's cores with everything else, as it should.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { isSyncedAndAcknowledged, openClient, typeText, waitFor, type TestClient } from "../../lib/collab/test-helpers";
import { PROJECT_ROOT, cpuProfileArgs, exitOf, onExit } from "./bench-env";
import { sleep } from "./stats";

/** The scenario: two sign-ins a second. */
export const SIGN_INS_PER_SECOND = 2;
/** A brisk typist: a word every 250 ms. */
const TYPING_PAUSE_MS = 250;
const REQUEST_TIMEOUT_MS = 10_000;

export interface WriterCounts {
  signIns: number;
  failedSignIns: number;
  wordsTyped: number;
}

export interface BackgroundWriter {
  /** Starts signing in and typing; resolves once both loops run. */
  start(): void;
  /** Stops both loops and waits for them. */
  pause(): Promise<void>;
  counts(): WriterCounts;
  close(): Promise<void>;
}

/** Cookies a response set, as one Cookie header (name=value pairs), merged over `previous`. */
function cookieHeader(response: Response, previous = ""): string {
  const jar = new Map(previous.split("; ").filter(Boolean).map((pair) => [pair.split("=")[0], pair] as const));
  for (const value of response.headers.getSetCookie()) {
    const pair = value.split(";")[0];
    jar.set(pair.split("=")[0], pair);
  }
  return [...jar.values()].join("; ");
}

async function signIn(base: string, email: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = cookieHeader(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await response.body?.cancel();
  const signedIn = cookieHeader(response, cookie);
  return signedIn.includes("next-auth.session-token") ? signedIn : null;
}

async function apiJson<T>(base: string, pathname: string, cookie: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${pathname} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface WriterOptions {
  base: string;
  documentSlug: string;
  email: string;
  password: string;
}

/** How long the writer's process may take to sign in, open its proposal and join the draft. */
const OPEN_TIMEOUT_MS = 60_000;

/** Messages to the writer's process, and its answers (each answer names the request it answers). */
export type WriterRequest = { type: "start" } | { type: "pause" } | { type: "counts" };
export type WriterReply = { type: "ready" } | { type: "failed"; message: string } | { type: "done"; request: WriterRequest["type"]; counts: WriterCounts };

/**
 * Starts the writer in a process of its own (background-writer-child.ts) and waits until it
 * has signed in, opened its proposal and joined the draft; the loops start with start().
 */
export async function openBackgroundWriter(options: WriterOptions): Promise<BackgroundWriter> {
  const child: ChildProcess = fork(path.join(PROJECT_ROOT, "e2e/bench/background-writer-child.ts"), [JSON.stringify(options)], {
    cwd: PROJECT_ROOT,
    // It leaves when the benchmark disconnects, so a profile of it is written (BENCH_CPU_PROF_DIR).
    execArgv: [...cpuProfileArgs({ exitsOnSigterm: true }), "--import", "tsx"],
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const unregister = onExit(() => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  });
  const replies: WriterReply[] = [];
  const waiting: ((reply: WriterReply) => void)[] = [];
  child.on("message", (reply: WriterReply) => {
    const next = waiting.shift();
    if (next) next(reply);
    else replies.push(reply);
  });
  const nextReply = (timeoutMs: number) =>
    new Promise<WriterReply>((resolve, reject) => {
      const queued = replies.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`background writer: no answer in ${timeoutMs} ms: ${tail.join("").slice(-2_000)}`)), timeoutMs);
      const exited = () => reject(new Error(`background writer exited: ${tail.join("").slice(-2_000)}`));
      child.once("exit", exited);
      waiting.push((reply) => {
        clearTimeout(timer);
        child.off("exit", exited);
        resolve(reply);
      });
    });
  const ready = await nextReply(OPEN_TIMEOUT_MS);
  if (ready.type !== "ready") throw new Error(`background writer: ${ready.type === "failed" ? ready.message : "unexpected answer"}`);
  let counts: WriterCounts = { signIns: 0, failedSignIns: 0, wordsTyped: 0 };
  const ask = async (request: WriterRequest) => {
    child.send(request);
    const reply = await nextReply(OPEN_TIMEOUT_MS);
    if (reply.type !== "done" || reply.request !== request.type) throw new Error(`background writer: unexpected answer to ${request.type}: ${JSON.stringify(reply)}`);
    counts = reply.counts;
  };
  let starting: Promise<void> = Promise.resolve();
  return {
    start() {
      starting = ask({ type: "start" });
    },
    async pause() {
      await starting;
      await ask({ type: "pause" });
    },
    counts: () => ({ ...counts }),
    async close() {
      await starting.catch(() => undefined);
      if (child.connected) await ask({ type: "pause" }).catch(() => undefined);
      if (child.connected) child.disconnect();
      if ((await exitOf(child, 10_000)) === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      unregister();
    },
  };
}

/**
 * Signs in once, opens a proposal on `documentSlug` and joins its first section's draft, in
 * this process (the writer's own, background-writer-child.ts); the loops start with start().
 */
export async function openWriterHere(options: WriterOptions): Promise<BackgroundWriter> {
  const cookie = await signIn(options.base, options.email, options.password);
  if (!cookie) throw new Error(`background writer: ${options.email} could not sign in`);
  const proposal = await apiJson<{ id: string }>(options.base, `/api/v1/documents/${options.documentSlug}/proposals`, cookie, {
    title: "Bản nháp gõ trong lúc đo",
    rationale: "Người viết chạy nền của phép đo đọc.",
  });
  const view = await apiJson<{ sections: { id: string }[] }>(options.base, `/api/v1/proposals/${proposal.id}`, cookie);
  const access = () => apiJson<{ url: string; document: string; token: string }>(options.base, `/api/v1/proposals/${proposal.id}/sections/${view.sections[0].id}/collab`, cookie);
  const first = await access();
  const client: TestClient = openClient(first.url, first.document, async () => (await access()).token);
  // Typing needs the draft's blocks: the first keystroke waits for the first sync.
  await waitFor(() => isSyncedAndAcknowledged(client), "the background writer's draft to sync", OPEN_TIMEOUT_MS);

  const counts: WriterCounts = { signIns: 0, failedSignIns: 0, wordsTyped: 0 };
  let running = false;
  let loops: Promise<void>[] = [];
  const signInLoop = async () => {
    const interval = 1000 / SIGN_INS_PER_SECOND;
    while (running) {
      const started = performance.now();
      try {
        if (await signIn(options.base, options.email, options.password)) counts.signIns += 1;
        else counts.failedSignIns += 1;
      } catch {
        counts.failedSignIns += 1;
      }
      await sleep(Math.max(0, interval - (performance.now() - started)));
    }
  };
  const typingLoop = async () => {
    while (running) {
      typeText(client.doc, ` chữ${counts.wordsTyped}`);
      counts.wordsTyped += 1;
      await sleep(TYPING_PAUSE_MS);
    }
  };
  return {
    start() {
      if (running) return;
      running = true;
      loops = [signInLoop(), typingLoop()];
    },
    async pause() {
      running = false;
      await Promise.all(loops);
    },
    counts: () => ({ ...counts }),
    async close() {
      running = false;
      await Promise.all(loops);
      client.destroy();
    },
  };
}
