import { AppError, relayedError, type ErrorCode } from "../errors";
import type { DraftSectionWriter } from "../services/proposals/draft-writer";
import { DEFAULT_COLLAB_PORT } from "./config";

/**
 * The web app's side of the collaboration server: where browsers connect, and how services
 * replace a section draft while the server holds it live (so open editors see the change).
 */

/** Header that carries COLLAB_INTERNAL_SECRET on internal requests. */
export const INTERNAL_SECRET_HEADER = "x-collab-internal-secret";
export const REPLACE_SECTION_PATH = "/internal/sections/replace";
export const FLUSH_PROPOSAL_PATH = "/internal/proposals/flush";

/**
 * How long the web app waits for a replacement. The server may wait up to five seconds for
 * the SQLite lock while storing; twice that still answers the user before they give up.
 */
const REPLACE_TIMEOUT_MS = 10_000;

function collabPort(): string {
  return process.env.COLLAB_PORT?.trim() || String(DEFAULT_COLLAB_PORT);
}

/** Where browsers open their WebSocket. */
export function collabPublicUrl(): string {
  return process.env.COLLAB_PUBLIC_URL?.trim() || `ws://localhost:${collabPort()}`;
}

/**
 * Where the web app reaches the internal HTTP API (loopback by default): one URL, or one per
 * collaboration instance, comma-separated. A replacement goes to the first that answers (Redis
 * carries it to the others); a flush goes to every one, since each stores what it holds.
 */
export function collabInternalUrls(): string[] {
  const raw = process.env.COLLAB_INTERNAL_URL?.trim() || `http://127.0.0.1:${collabPort()}`;
  return raw
    .split(",")
    .map((url) => url.trim().replace(/\/+$/, ""))
    .filter((url) => url.length > 0);
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  404: "NOT_FOUND",
  409: "INVALID_TRANSITION",
  413: "PAYLOAD_TOO_LARGE",
};

async function errorFrom(response: Response): Promise<AppError> {
  let code: ErrorCode = STATUS_CODES[response.status] ?? "UNAVAILABLE";
  let relayed: AppError | null = null;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; key?: unknown; params?: unknown; details?: unknown } };
    if (body.error?.code === "INVALID_CONTENT") code = "INVALID_CONTENT";
    relayed = relayedError(code, body.error?.key, body.error?.params, body.error?.details);
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  if (response.status === 401) {
    // The web app and the collaboration server disagree on COLLAB_INTERNAL_SECRET: a deployment fault.
    return new AppError("INTERNAL", "collabSecretRejected");
  }
  return relayed ?? new AppError(code, "collabAnswered", { status: response.status });
}

class Unreachable extends Error {}

async function postTo(baseUrl: string, path: string, body: unknown): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_SECRET_HEADER]: process.env.COLLAB_INTERNAL_SECRET ?? "" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REPLACE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Unreachable(error instanceof Error ? error.message : String(error));
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  throw await errorFrom(response);
}

function unreachable(detail: string): AppError {
  return new AppError("UNAVAILABLE", "collabUnreachable", { detail });
}

/** To the first instance that answers: any of them can open the document, Redis relays the change. */
async function postToAny(path: string, body: unknown): Promise<void> {
  const failures: string[] = [];
  for (const url of collabInternalUrls()) {
    try {
      return await postTo(url, path, body);
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      failures.push(`${url}: ${error.message}`);
    }
  }
  throw unreachable(failures.join("; "));
}

/**
 * To every instance, each storing what it holds. An instance that does not answer at all
 * (stopped, crashed) holds nothing any more: its acknowledged edits are in the durable log and
 * its editors reconnected to another instance, which stores them. If none answers, it fails.
 */
async function postToEvery(path: string, body: unknown): Promise<void> {
  const urls = collabInternalUrls();
  const results = await Promise.allSettled(urls.map((url) => postTo(url, path, body)));
  const refused = results.find((result): result is PromiseRejectedResult => result.status === "rejected" && !(result.reason instanceof Unreachable));
  if (refused) throw refused.reason;
  if (results.every((result) => result.status === "rejected")) {
    throw unreachable(results.map((result, index) => `${urls[index]}: ${(result as PromiseRejectedResult).reason.message}`).join("; "));
  }
}

export const collabDraftWriter: DraftSectionWriter = {
  replaceSection: (input) => postToAny(REPLACE_SECTION_PATH, input),
  flushProposal: (proposalId) => postToEvery(FLUSH_PROPOSAL_PATH, { proposalId }),
};
