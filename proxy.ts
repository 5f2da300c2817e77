import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "./lib/db/client";
import { PAGE_CACHE_FILL_HEADER, PageCache, isCacheableRequest, pageCacheKey } from "./lib/http/page-cache";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "./lib/i18n/locales";

/**
 * Serves the reader's pages to anonymous visitors from a short-lived in-memory cache
 * (lib/http/page-cache.ts). Authorization never happens here: every page, route and action
 * checks permissions itself, and signed-in requests pass straight through.
 */
const cache = new PageCache();

/**
 * How long one reading of the content epoch is reused. Under load this turns a query per request
 * into a few per second; a reader may see a page at most this much older than a publish.
 */
const EPOCH_REUSE_MS = 250;
let epoch: { value: Promise<string>; readAt: number } | null = null;

/** The id of the latest audit event: it moves with every publish or ownership change. */
function contentEpoch(): Promise<string> {
  const now = Date.now();
  if (epoch && now - epoch.readAt < EPOCH_REUSE_MS) return epoch.value;
  const value = getDb()
    .then((db) => db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))
    .then((latest) => String(latest?.id ?? 0));
  epoch = { value, readAt: now };
  value.catch(() => {
    if (epoch?.value === value) epoch = null;
  });
  return value;
}

function internalOrigin(): string {
  return `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
}

function replay(entry: { body: ArrayBuffer; headers: [string, string][] }, state: "hit" | "miss"): NextResponse {
  const response = new NextResponse(entry.body, { status: 200, headers: entry.headers });
  // Browsers ask again every time; the cache that answers them is this one.
  response.headers.set("cache-control", "no-cache");
  response.headers.set("x-camnang-cache", state);
  return response;
}

export async function proxy(request: NextRequest) {
  const cookieNames = request.cookies.getAll().map((cookie) => cookie.name);
  if (!isCacheableRequest({ method: request.method, headers: request.headers, cookieNames })) return NextResponse.next();
  const localeCookie = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(localeCookie) ? localeCookie : DEFAULT_LOCALE;
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  let key: string;
  try {
    key = pageCacheKey({ epoch: await contentEpoch(), locale, path });
  } catch {
    // Without an epoch the cache cannot tell fresh from stale: render as usual.
    return NextResponse.next();
  }
  const hit = cache.get(key);
  if (hit) return replay(hit, "hit");
  try {
    const rendered = await fetch(`${internalOrigin()}${path}`, {
      headers: { accept: "text/html", cookie: `${LOCALE_COOKIE}=${locale}`, [PAGE_CACHE_FILL_HEADER]: "1" },
      redirect: "manual",
    });
    const stored = await cache.store(key, rendered);
    return stored ? replay(stored, "miss") : NextResponse.next();
  } catch {
    return NextResponse.next();
  }
}

export const config = {
  // The reader's pages only: not the API, assets, files with an extension (feeds, icons), or the
  // signed-in and per-person pages (nhan-tin: confirming and unsubscribing by emailed link).
  matcher: ["/((?!api|_next|lam-viec|quan-tri|dang-nhap|ngon-ngu|tim-kiem|nhan-tin|.*\\..*).*)"],
};
