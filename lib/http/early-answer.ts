import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";

/**
 * What proxy.ts needs to answer a request straight on Node's response, before Next routes it
 * (lib/ops/web-server.mjs, lib/http/early-answer-registry.mjs). Next's way to a proxy's answer
 * (its request wrapper, its tracing, a web stream piped into the socket in three writes) costs
 * several times what the answer itself does; a page or a document body the cache already holds
 * needs none of it. Only plain requests are answered here, and only the way Next would have
 * answered them: anything unusual goes on to Next, whose proxy and routes handle it as before.
 */

/** A request's headers read the way `Headers` reads them (repeated values joined by ", "). */
export interface HeaderReader {
  get(name: string): string | null;
  has(name: string): boolean;
}

export function nodeHeaders(request: IncomingMessage): HeaderReader {
  return {
    get: (name) => {
      const value = request.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    has: (name) => request.headers[name] !== undefined,
  };
}

export interface EarlyTarget {
  pathname: string;
  searchParams: URLSearchParams;
  /** The path and query, as the proxy's cache keys them. */
  path: string;
}

/**
 * The target of a GET that may be answered early: a path as Next would see it (the URL parser
 * changes nothing in it: no dot segments, no odd escapes, no empty query), and no body. Null for
 * anything else.
 */
export function earlyTarget(request: IncomingMessage): EarlyTarget | null {
  const target = request.url;
  if (request.method !== "GET" || !target || target[0] !== "/" || target[1] === "/") return null;
  // A GET with a body is unusual; Next's matcher rules for bodies apply, so leave it to Next.
  if (request.headers["content-length"] !== undefined || request.headers["transfer-encoding"] !== undefined) return null;
  let url: URL;
  try {
    url = new URL(target, "http://early.invalid");
  } catch {
    return null;
  }
  const path = `${url.pathname}${url.search}`;
  return path === target ? { pathname: url.pathname, searchParams: url.searchParams, path } : null;
}

/**
 * The value of the cookie `name` in a Cookie header, "" when it is absent, and null when it is
 * there more than once (Next's parser and ours might then pick different ones: Next decides).
 */
export function singleCookie(header: string | null, name: string): string | null {
  if (!header) return "";
  let found: string | null = "";
  let seen = false;
  for (const pair of header.split(";")) {
    const separator = pair.indexOf("=");
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    if (seen) return null;
    seen = true;
    try {
      found = decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      return null;
    }
  }
  return found;
}

/** Whether an Accept-Encoding header takes gzip (q above 0), as Next's compression reads it. */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const quality = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

/**
 * Writes a whole answer in one go, compressed with gzip when the client takes it, as Next
 * compresses what it sends (its answers carry `Vary: Accept-Encoding` either way).
 * `gzipped` gives a body's compressed bytes when they are kept already.
 */
export function writeEarly(
  request: IncomingMessage,
  response: ServerResponse,
  answer: { status: number; headers: [string, string][]; body: Uint8Array | null; gzipped?: () => Uint8Array },
): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of answer.headers) headers[name] = value;
  let body = answer.body;
  if (body && acceptsGzip(nodeHeaders(request).get("accept-encoding"))) {
    body = answer.gzipped ? answer.gzipped() : gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(body?.byteLength ?? 0);
  response.writeHead(answer.status, headers);
  response.end(body ?? undefined);
}

/** A header list with `vary` naming `name` as well. */
export function withVary(headers: [string, string][], name: string): [string, string][] {
  const present = headers.find(([header]) => header === "vary")?.[1];
  const rest = headers.filter(([header]) => header !== "vary");
  if (present && present.split(",").some((value) => value.trim().toLowerCase() === name.toLowerCase())) return [...rest, ["vary", present]];
  return [...rest, ["vary", present ? `${present}, ${name}` : name]];
}

/** Keeps one compressed copy per body kept in memory. */
export function gzipOnce(): (bytes: Uint8Array) => Uint8Array {
  const compressed = new WeakMap<Uint8Array, Uint8Array>();
  return (bytes) => {
    let kept = compressed.get(bytes);
    if (!kept) {
      kept = gzipSync(bytes);
      compressed.set(bytes, kept);
    }
    return kept;
  };
}
