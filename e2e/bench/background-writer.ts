/**
 * The reading benchmark's background writer: a person who signs in twice a second and types
 * into a live draft through the collaboration server, as happens while readers read. Every
 * sign-in writes an audit event; each keystroke is a Yjs update the collaboration server logs
 * durably; none of it changes what a reader sees, so the reader caches must stay warm.
 */
import { openClient, typeText, type TestClient } from "../../lib/collab/test-helpers";
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

/**
 * Signs in once, opens a proposal on `documentSlug` and joins its first section's draft; the
 * loops start with start().
 */
export async function openBackgroundWriter(options: { base: string; documentSlug: string; email: string; password: string }): Promise<BackgroundWriter> {
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
