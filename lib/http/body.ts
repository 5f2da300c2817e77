import { AppError } from "../errors";

/**
 * Reads a request body with a byte cap, chunk by chunk: a chunked upload (no Content-Length)
 * or one that lies about its length is cut off with 413 as soon as it passes the cap, so no
 * request makes the server hold more than the cap in memory.
 */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) {
    await request.body?.cancel();
    throw new AppError("PAYLOAD_TOO_LARGE", "payloadTooLarge", { limitBytes });
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", "payloadTooLarge", { limitBytes });
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limitBytes));
}

/** Whether a Content-Type names JSON (`application/json`, or any `+json` type such as `application/merge-patch+json`). */
export function declaresJson(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/**
 * A body that says it is JSON must be JSON, whether or not the route reads it: a truncated or
 * malformed one is answered 400 before anything runs, never passed on to fail (or be ignored) later.
 */
export function assertJsonIfDeclared(contentType: string | null, text: string): void {
  if (!declaresJson(contentType) || text.trim() === "") return;
  try {
    JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "malformedJson");
  }
}

/** Headers that describe the body as it came over the wire, not the copy read into memory. */
const WIRE_BODY_HEADERS = ["content-length", "transfer-encoding"];

/**
 * Reads a write request's whole body with the cap (413 past it, 400 for declared JSON that does
 * not parse) and gives back the same request with that body in memory. Every route handler of
 * the API goes through this before its own code runs (lib/http/api.ts `apiRoute`), so no route,
 * old or new, can act on a request whose body was too large, endless or broken, whether or not
 * it reads the body itself, and nobody, signed in or not, makes the server hold more than the cap.
 */
export async function boundedRequest(request: Request, limitBytes: number): Promise<Request> {
  const bytes = await readBodyBytes(request, limitBytes);
  const text = new TextDecoder().decode(bytes);
  assertJsonIfDeclared(request.headers.get("content-type"), text);
  const headers = new Headers(request.headers);
  for (const name of WIRE_BODY_HEADERS) headers.delete(name);
  return new Request(request.url, { method: request.method, headers, body: bytes.byteLength > 0 ? bytes : undefined, signal: request.signal });
}
