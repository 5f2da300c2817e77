import { createHash } from "node:crypto";

/**
 * How long browsers and shared caches may keep a version's exported file without asking again:
 * a year, the longest RFC 9111 suggests. A published version never changes, so neither does its
 * file; the strong ETag lets anyone revalidate anyway.
 */
export const IMMUTABLE_MAX_AGE_SECONDS = 31_536_000;

export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value === etag;
  });
}

/**
 * An exported file of a published version as a download: `attachment` with its file name, a
 * strong ETag that is the SHA-256 of the bytes (so it changes exactly when the bytes do, for
 * whatever reason: a new renderer, a renamed document), 304 when the client already holds it.
 * When the language was read from the request's cookie or Accept-Language rather than from the
 * URL, the answer says it varies by those.
 */
export function downloadResponse(request: Request, file: DownloadFile, options: { languageFromHeaders: boolean }): Response {
  const bytes = typeof file.body === "string" ? new TextEncoder().encode(file.body) : file.body;
  const etag = `"${createHash("sha256").update(bytes).digest("base64url")}"`;
  const headers = new Headers({
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.fileName}"`,
    "cache-control": `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`,
    etag,
  });
  if (options.languageFromHeaders) headers.set("vary", "Accept-Language, Cookie");
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(bytes, { headers });
}
