import type { IncomingMessage, ServerResponse } from "node:http";
import { NextResponse, type NextRequest } from "next/server";
import { parseTrustProxy } from "./lib/domain/client-address";
import { malformedActionBody } from "./lib/http/action-body";
import { normalizeAddressHeaders } from "./lib/http/client-address";
import { CURRENT_TEXT_CACHE_CONTROL, cachedJsonBody, ifNoneMatchHolds } from "./lib/http/api";
import { earlyTarget, gzipOnce, nodeHeaders, singleCookie, withVary, writeEarly } from "./lib/http/early-answer";
import { registerEarlyAnswer } from "./lib/http/early-answer-registry.mjs";
import { PAGE_CACHE_FILL_HEADER, PageCache, isCacheableRequest, isReaderPagePath, pageBytesWithNonce, pageCacheKey, replayHeaders, type CachedPage } from "./lib/http/page-cache";
import { collabConnectSource, contentSecurityPolicy, createNonce, hstsValue, servedOverHttps } from "./lib/http/security-headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "./lib/i18n/locales";
import { currentContentEpoch } from "./lib/services/content-epoch";
import { publishedDocumentBody, type PublishedDocumentBody } from "./lib/services/published-document-body";
import { STATIC_SECURITY_HEADERS } from "./lib/http/static-security-headers.mjs";

/**
 * Runs before every page, `/api/auth/*` and `/api/v1/search`. Authorization never happens here:
 * every page, route and action checks permissions itself. It refuses a server action post whose
 * body Next could not decode (400, lib/http/action-body.ts), and otherwise does three things:
 * - the client's address: what the client wrote in X-Forwarded-For is replaced by what the
 *   trusted proxies (TRUST_PROXY) reported, or by the socket's address (lib/http/client-address.ts);
 * - a fresh nonce per response and the Content Security Policy naming it (Next puts the nonce on
 *   its scripts when it finds the policy on the request), plus HSTS when served over HTTPS;
 * - the reader's pages for anonymous visitors, from a short-lived in-memory cache
 *   (lib/http/page-cache.ts), replayed with a new nonce each time.
 * It also answers the documents API's published bodies (the current text, `?at=`, `/versions/{n}`)
 * from their serialized cache (lib/services/published-document-body.ts) with their ETag and 304,
 * the very answer their routes give, without the cost of running a route; anything else about
 * them (an unknown document, a malformed number) goes on to the route, which explains it.
 *
 * Both caches' hits are also given before Next routes the request at all, by the web server
 * (lib/ops/web-server.mjs, through lib/http/early-answer-registry.mjs): `answerEarly` below makes
 * the same checks on the plain Node request and writes the same answer, and leaves everything
 * else (misses included) to Next and to this proxy.
 */
const cache = new PageCache();
/** Pages being rendered to fill the cache: readers arriving meanwhile wait for the same render. */
const fills = new Map<string, Promise<CachedPage | null>>();

/** `/api/v1/documents/{slug}` and `/api/v1/documents/{slug}/versions/{n}`. */
const PUBLISHED_BODY_PATH = /^\/api\/v1\/documents\/([^/]+)(?:\/versions\/([1-9][0-9]{0,8}))?$/;

/** The published body a documents API path names, or null when the path is not one (the route explains). */
async function publishedBodyAt(pathname: string, searchParams: URLSearchParams): Promise<PublishedDocumentBody | null> {
  const match = PUBLISHED_BODY_PATH.exec(pathname);
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const at = searchParams.get("at") ?? undefined;
  try {
    return await publishedDocumentBody(match[2] ? { slug, versionNumber: Number(match[2]) } : { slug, at });
  } catch {
    return null;
  }
}

async function fromPublishedBodies(request: NextRequest): Promise<Response | null> {
  const body = await publishedBodyAt(request.nextUrl.pathname, request.nextUrl.searchParams);
  return body ? cachedJsonBody(request, body, { immutable: false }) : null;
}

function trustedHops(): number {
  try {
    return parseTrustProxy(process.env.TRUST_PROXY);
  } catch {
    // npm start refuses an invalid TRUST_PROXY; a web app started some other way trusts no proxy.
    return 0;
  }
}


/** Where this web app answers itself: loopback, unless HOST binds it to one other address only. */
function internalOrigin(): string {
  const host = process.env.HOST?.trim() ?? "";
  const wildcardOrLoopback = host === "" || host === "0.0.0.0" || host === "::" || host === "localhost" || host.startsWith("127.") || host === "::1";
  const address = wildcardOrLoopback ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${address}:${process.env.PORT ?? "3000"}`;
}

function securityHeaders(headers: Headers, policy: string, https: boolean): void {
  headers.set("content-security-policy", policy);
  if (https) headers.set("strict-transport-security", hstsValue());
}

function replay(entry: CachedPage, state: "hit" | "miss", nonce: string, policy: string, https: boolean): NextResponse {
  const headers = replayHeaders(entry, { state, policy, hsts: https ? hstsValue() : null });
  return new NextResponse(pageBytesWithNonce(entry, nonce) as BodyInit, { status: 200, headers });
}

function localeOf(cookie: string | undefined): string {
  return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
}

async function fromPageCache(request: NextRequest, nonce: string, policy: string, https: boolean): Promise<NextResponse | null> {
  const locale = localeOf(request.cookies.get(LOCALE_COOKIE)?.value);
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  let key: string;
  try {
    key = pageCacheKey({ epoch: await currentContentEpoch(), locale, path });
  } catch {
    // Without an epoch the cache cannot tell fresh from stale: render as usual.
    return null;
  }
  const hit = cache.get(key);
  if (hit) return replay(hit, "hit", nonce, policy, https);
  let fill = fills.get(key);
  if (!fill) {
    fill = fillPage(key, path, locale);
    fills.set(key, fill);
    void fill.finally(() => fills.delete(key));
  }
  const stored = await fill;
  return stored ? replay(stored, "miss", nonce, policy, https) : null;
}

async function fillPage(key: string, path: string, locale: string): Promise<CachedPage | null> {
  try {
    // The fill request comes back through this proxy, which renders it with a nonce of its own.
    const rendered = await fetch(`${internalOrigin()}${path}`, {
      headers: { accept: "text/html", cookie: `${LOCALE_COOKIE}=${locale}`, [PAGE_CACHE_FILL_HEADER]: "1" },
      redirect: "manual",
    });
    return await cache.store(key, rendered);
  } catch {
    return null;
  }
}

/** What the proxy matcher (below) leaves out of the pages it sees: Next's assets and files with an extension. */
function proxySeesPage(pathname: string): boolean {
  return !pathname.includes(".") && !pathname.startsWith("/_next/");
}

/** Session cookies are named `next-auth.session-token`, with a prefix or a chunk suffix. */
const SESSION_COOKIE_MARK = "next-auth.session-token";
const gzippedBody = gzipOnce();
/** The documents API answers' headers besides their own: what next.config.js adds, and compression's Vary. */
const API_EXTRA_HEADERS: [string, string][] = [...STATIC_SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value] as [string, string]), ["vary", "Accept-Encoding"]];

/**
 * The cache hits above, answered on the Node request before Next routes it: the same checks as
 * `proxy`, the same headers and bytes. False as soon as anything would take another way (a
 * miss, a signed-in reader, a header the proxy or Next's configuration treats specially).
 */
function answerEarly(request: IncomingMessage, response: ServerResponse): false | Promise<boolean> {
  const target = earlyTarget(request);
  if (!target) return false;
  const headers = nodeHeaders(request);
  if (target.pathname.startsWith("/api/v1/documents/")) return publishedBodyEarly(request, response, target.pathname, target.searchParams, headers.get("if-none-match"));
  if (!proxySeesPage(target.pathname) || !isReaderPagePath(target.pathname) || headers.has("next-action")) return false;
  const cookie = headers.get("cookie");
  // Stricter than the proxy's own test on cookie names: any mention of a session sends it to Next.
  if (cookie?.includes(SESSION_COOKIE_MARK)) return false;
  if (!isCacheableRequest({ method: "GET", headers, cookieNames: [] })) return false;
  const localeCookie = singleCookie(cookie, LOCALE_COOKIE);
  if (localeCookie === null) return false;
  return pageEarly(request, response, target.path, localeOf(localeCookie || undefined), headers.get("x-forwarded-proto"));
}

async function pageEarly(request: IncomingMessage, response: ServerResponse, path: string, locale: string, forwardedProto: string | null): Promise<boolean> {
  const hit = cache.get(pageCacheKey({ epoch: await currentContentEpoch(), locale, path }));
  if (!hit) return false;
  const https = servedOverHttps({ publicUrl: process.env.NEXTAUTH_URL, forwardedProto, trustedHops: trustedHops() });
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, collabSource: collabConnectSource(), development: process.env.NODE_ENV === "development" });
  const headers = withVary(replayHeaders(hit, { state: "hit", policy, hsts: https ? hstsValue() : null }), "Accept-Encoding");
  writeEarly(request, response, { status: 200, headers, body: pageBytesWithNonce(hit, nonce) });
  return true;
}

async function publishedBodyEarly(request: IncomingMessage, response: ServerResponse, pathname: string, searchParams: URLSearchParams, ifNoneMatch: string | null): Promise<boolean> {
  const body = await publishedBodyAt(pathname, searchParams);
  if (!body?.bytes) return false;
  const bytes = body.bytes;
  const headers: [string, string][] = [["etag", body.etag], ["cache-control", CURRENT_TEXT_CACHE_CONTROL], ["content-type", "application/json"], ...API_EXTRA_HEADERS];
  if (ifNoneMatchHolds(ifNoneMatch, body.etag)) writeEarly(request, response, { status: 304, headers, body: null });
  else writeEarly(request, response, { status: 200, headers, body: bytes, gzipped: () => gzippedBody(bytes) });
  return true;
}

registerEarlyAnswer(answerEarly);

export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/v1/documents/")) {
    // Only the GETs of published bodies are matched here (see config below).
    return (request.method === "GET" ? await fromPublishedBodies(request) : null) ?? NextResponse.next();
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refused = await malformedActionBody(request);
    if (refused) return refused;
  }
  const hops = trustedHops();
  const https = servedOverHttps({ publicUrl: process.env.NEXTAUTH_URL, forwardedProto: request.headers.get("x-forwarded-proto"), trustedHops: hops });
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, collabSource: collabConnectSource(), development: process.env.NODE_ENV === "development" });

  const cookieNames = request.cookies.getAll().map((cookie) => cookie.name);
  const pathname = request.nextUrl.pathname;
  if (isReaderPagePath(pathname) && isCacheableRequest({ method: request.method, headers: request.headers, cookieNames })) {
    const cached = await fromPageCache(request, nonce, policy, https);
    if (cached) return cached;
  }

  const headers = new Headers(request.headers);
  normalizeAddressHeaders(headers, hops);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  securityHeaders(response.headers, policy, https);
  return response;
}

export const config = {
  matcher: [
    // The documents API's published bodies, answered from their serialized cache above.
    "/api/v1/documents/:slug",
    "/api/v1/documents/:slug/versions/:n",
    {
      // Every page (and the server actions posted to them), sign-in and search; not the rest of
      // the API, Next's assets, or files with an extension (feeds, icons).
      source: "/((?!_next/static|_next/image|api/(?!auth/|v1/search)|.*\\..*).*)",
      // Next holds a request's whole body until the proxy has run, so requests with a large or
      // chunked body skip it and reach their route's own byte cap, which answers 413 at once
      // (lib/http/body.ts, server actions' bodySizeLimit). Answering an over-limit post here
      // instead would be later, not sooner: Next (16.4) copies every proxied body for the proxy
      // and waits for its end before sending even a response the proxy gave without reading it
      // (runMiddleware's finalize): a 413 given here at once for a 20 MB declared body reached
      // the client only after all of it had been read, and as Next's 400, not the 413. Keep in step with lib/auth/request-address.ts and next.config.js.
      missing: [
        { type: "header", key: "transfer-encoding" },
        { type: "header", key: "content-length", value: "[0-9]{6,}" },
      ],
    },
    {
      // Server action posts up to the action body limit (SERVER_ACTION_BODY_LIMIT_BYTES,
      // lib/http/action-body-limit.mjs: the Content-Length values above it, which Next needs
      // written out here; lib/http/action-body-limit.test.ts keeps the two equal), so that a
      // malformed one is answered 400 rather than 500 by Next's decoder. Larger and chunked ones
      // never get here: next.config.js rewrites them to a 413.
      source: "/((?!_next/static|_next/image|api/|.*\\..*).*)",
      has: [{ type: "header", key: "next-action" }],
      missing: [
        { type: "header", key: "transfer-encoding" },
        { type: "header", key: "content-length", value: "0*(?:[1-9][0-9]{7,}|[4-9][0-9]{6}|3[2-9][0-9]{5}|31[5-9][0-9]{4}|314[6-9][0-9]{3}|3145[8-9][0-9]{2}|31457[3-9][0-9]|3145729)" },
      ],
    },
  ],
};
