import { LRUCache } from "lru-cache";

/**
 * What anonymous reader pages tell caches: browsers revalidate every time (the language cookie
 * changes the page), shared caches in front of the web app (nginx's micro-cache, keyed by that
 * cookie) may answer for a second and serve the old copy while fetching the new one. Permalink
 * pages get the same: they say whether they show the current version, which a publish changes.
 * Vary: Cookie keeps other shared caches from mixing languages.
 */
export const READER_PAGE_SHARED_MAX_AGE_SECONDS = 1;
export const READER_PAGE_STALE_SECONDS = 30;
export const READER_PAGE_CACHE_CONTROL = `public, max-age=0, s-maxage=${READER_PAGE_SHARED_MAX_AGE_SECONDS}, stale-while-revalidate=${READER_PAGE_STALE_SECONDS}`;
/**
 * A micro-cache of the reader's pages as anonymous visitors get them. Pages are rendered per
 * request (the layout reads the session and language cookies), which costs milliseconds of CPU
 * each; the same HTML is served from memory to the next anonymous readers.
 *
 * An entry is keyed by the content epoch (lib/services/content-epoch.ts: the latest publish,
 * ownership change or ministry rename, read from the database, so the same on every web
 * instance), never by unrelated activity: sign-ins, comments and editing sessions leave it warm.
 * It also expires after a minute, because pages show relative times ("cập nhật 3 phút trước").
 */
export const PAGE_CACHE_ENTRIES = 500;
export const PAGE_CACHE_TTL_MS = 60_000;
/**
 * The cache's bound in characters of HTML (about 2 bytes each in memory): a reader page is 50 to
 * 200 kB, so 500 of them fit; a few unusually large ones (the whole handbook on one page) evict
 * others instead of growing the process.
 */
export const PAGE_CACHE_MAX_CHARS = 64 * 1024 * 1024;
/** Marks the request the cache makes to fill itself, which must reach the page, not the cache. */
export const PAGE_CACHE_FILL_HEADER = "x-camnang-cache-fill";
/**
 * Response headers worth replaying from a cached page; never set-cookie, and never the Content
 * Security Policy, whose nonce must be new on every response (the proxy sets a fresh one).
 */
const REPLAYED_HEADERS = ["content-type", "x-content-type-options", "referrer-policy", "x-frame-options", "vary"];
/** The nonce a page was rendered with, as its Content-Security-Policy names it. */
const CSP_NONCE = /'nonce-([A-Za-z0-9+/_=-]+)'/;

export interface CachedPage {
  /**
   * The page's HTML cut at every occurrence of the nonce it was rendered with, so that a replay
   * joins the pieces with a fresh nonce: a nonce served twice would let a script injected into
   * one response run in another.
   */
  segments: string[];
  /** The same pieces as UTF-8 bytes, encoded once: a replay copies bytes instead of encoding text. */
  encoded: Buffer[];
  headers: [string, string][];
}

/** The cached page's HTML carrying `nonce` wherever it carried the nonce it was rendered with. */
export function pageWithNonce(entry: CachedPage, nonce: string): string {
  return entry.segments.join(nonce);
}

/** pageWithNonce as UTF-8 bytes, joined from the pieces encoded when the page was stored. */
export function pageBytesWithNonce(entry: CachedPage, nonce: string): Uint8Array {
  const nonceBytes = Buffer.from(nonce, "utf8");
  const pieces: Buffer[] = [];
  entry.encoded.forEach((piece, index) => {
    if (index > 0) pieces.push(nonceBytes);
    pieces.push(piece);
  });
  return Buffer.concat(pieces);
}

export class PageCache {
  private readonly entries: LRUCache<string, CachedPage>;

  constructor(private readonly now: () => number = Date.now) {
    this.entries = new LRUCache<string, CachedPage>({
      max: PAGE_CACHE_ENTRIES,
      maxSize: PAGE_CACHE_MAX_CHARS,
      sizeCalculation: (entry) => Math.max(1, entry.segments.reduce((total, segment) => total + segment.length, 0)),
      ttl: PAGE_CACHE_TTL_MS,
      // Ask the clock on every read (lru-cache otherwise reuses one reading for a millisecond).
      ttlResolution: 0,
      perf: { now },
    });
  }

  get(key: string): CachedPage | null {
    return this.entries.get(key) ?? null;
  }

  /** Keeps a rendered page when it is a plain 200 HTML answer that sets no cookie. */
  async store(key: string, response: Response): Promise<CachedPage | null> {
    if (response.status !== 200 || response.headers.has("set-cookie")) return null;
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return null;
    const html = await response.text();
    const renderedNonce = CSP_NONCE.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const segments = renderedNonce ? html.split(renderedNonce) : [html];
    const entry: CachedPage = {
      segments,
      encoded: segments.map((segment) => Buffer.from(segment, "utf8")),
      headers: REPLAYED_HEADERS.flatMap((name) => {
        const value = response.headers.get(name);
        return value === null ? [] : [[name, value] as [string, string]];
      }),
    };
    this.entries.set(key, entry);
    return entry;
  }
}

/** Whether a request may be answered from the cache: an anonymous, full-page GET for HTML. */
export function isCacheableRequest(request: { method: string; headers: Pick<Headers, "get" | "has">; cookieNames: string[] }): boolean {
  if (request.method !== "GET") return false;
  if (request.headers.has(PAGE_CACHE_FILL_HEADER)) return false;
  // Client-side navigations and prefetches fetch React Server Component payloads, not HTML.
  if (request.headers.has("rsc") || request.headers.has("next-router-prefetch") || request.headers.has("next-router-state-tree")) return false;
  // Browsers ask for text/html; simple clients send */* or nothing and get the same page.
  const accept = request.headers.get("accept");
  if (accept !== null && !accept.includes("text/html") && !accept.includes("*/*")) return false;
  return !request.cookieNames.some((name) => name.includes("next-auth.session-token"));
}

export function pageCacheKey(input: { epoch: string; locale: string; path: string }): string {
  return `${input.epoch}\u0000${input.locale}\u0000${input.path}`;
}

/**
 * Paths that are not the reader's pages: the workspace, administration, sign-in and per-request
 * pages (nhan-tin: confirming and unsubscribing by emailed link).
 */
const NOT_READER_PAGE = /^\/(?:api|eli|_next|lam-viec|quan-tri|dang-nhap|ngon-ngu|tim-kiem|nhan-tin)(?:\/|$)/;
/**
 * A document's public consultation pages (/{document}/gop-y/{proposalId}) are not cached either:
 * comments, moderation and answers change them at any moment without moving the content epoch
 * (which must not move for what anyone signed in can cause), and a comment hidden for abuse must
 * disappear for everyone at once, not a minute later.
 */
const LIVE_READER_PAGE = /^\/[^/]+\/gop-y(?:\/|$)/;

/** Whether a path is one of the reader's pages, which the cache may keep. */
export function isReaderPagePath(pathname: string): boolean {
  return !NOT_READER_PAGE.test(pathname) && !LIVE_READER_PAGE.test(pathname);
}

/**
 * The headers of a replayed page: the kept ones, the reader pages' cache lifetime, `Vary: Cookie`
 * (the language cookie changes the page; a session cookie bypasses the cache), whether it was a
 * hit, and the policy naming this response's nonce (with HSTS when served over HTTPS).
 */
export function replayHeaders(entry: CachedPage, options: { state: "hit" | "miss"; policy: string; hsts: string | null }): [string, string][] {
  const vary = entry.headers.find(([name]) => name === "vary")?.[1];
  const headers: [string, string][] = entry.headers.filter(([name]) => name !== "vary");
  // Browsers ask again every time; shared caches in front (nginx) may keep it for a second.
  headers.push(["cache-control", READER_PAGE_CACHE_CONTROL], ["vary", vary ? `${vary}, Cookie` : "Cookie"], ["x-camnang-cache", options.state]);
  headers.push(["content-security-policy", options.policy]);
  if (options.hsts) headers.push(["strict-transport-security", options.hsts]);
  return headers;
}
