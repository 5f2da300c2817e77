import { AppError, type ErrorCode } from "../errors";
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

/** Where the web app reaches the internal HTTP API (loopback by default). */
export function collabInternalUrl(): string {
  return (process.env.COLLAB_INTERNAL_URL?.trim() || `http://127.0.0.1:${collabPort()}`).replace(/\/+$/, "");
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  404: "NOT_FOUND",
  409: "INVALID_TRANSITION",
  413: "PAYLOAD_TOO_LARGE",
};

async function errorFrom(response: Response): Promise<AppError> {
  let message = `Máy chủ cộng tác trả lời ${response.status} (collaboration server answered ${response.status})`;
  let code: ErrorCode = STATUS_CODES[response.status] ?? "UNAVAILABLE";
  let details: unknown;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (typeof body.error?.message === "string") message = body.error.message;
    if (body.error?.code === "INVALID_CONTENT") code = "INVALID_CONTENT";
    details = body.error?.details;
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  if (response.status === 401) {
    // The web app and the collaboration server disagree on COLLAB_INTERNAL_SECRET: a deployment fault.
    return new AppError("INTERNAL", "Máy chủ cộng tác từ chối khoá nội bộ (COLLAB_INTERNAL_SECRET mismatch).");
  }
  return new AppError(code, message, details);
}

async function postInternal(path: string, body: unknown): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${collabInternalUrl()}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", [INTERNAL_SECRET_HEADER]: process.env.COLLAB_INTERNAL_SECRET ?? "" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REPLACE_TIMEOUT_MS),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError("UNAVAILABLE", `Không kết nối được máy chủ cộng tác (collaboration server unreachable): ${detail}`);
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  throw await errorFrom(response);
}

export const collabDraftWriter: DraftSectionWriter = {
  replaceSection: (input) => postInternal(REPLACE_SECTION_PATH, input),
  flushProposal: (proposalId) => postInternal(FLUSH_PROPOSAL_PATH, { proposalId }),
};
