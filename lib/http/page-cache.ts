import { LruCache } from "../domain/lru-cache";

/**
 * A micro-cache of the reader's pages as anonymous visitors get them. Pages are rendered per
 * request (the layout reads the session and language cookies), which costs milliseconds of CPU
 * each; the same HTML is served from memory to the next anonymous readers.
 *
 * An entry is keyed by the content epoch (the id of the latest audit event: every publish,
 * owner change or policy change writes one), so a change is visible on the very next request;
 * it also expires after a minute, because pages show relative times ("cập nhật 3 phút trước").
 */
export const PAGE_CACHE_ENTRIES = 500;
export const PAGE_CACHE_TTL_MS = 60_000;
/** Marks the request the cache makes to fill itself, which must reach the page, not the cache. */
export const PAGE_CACHE_FILL_HEADER = "x-camnang-cache-fill";
/** Response headers worth replaying from a cached page; never set-cookie. */
const REPLAYED_HEADERS = ["content-type", "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "vary"];

export interface CachedPage {
  body: ArrayBuffer;
  headers: [string, string][];
  storedAt: number;
}

export class PageCache {
  private readonly entries = new LruCache<string, CachedPage>(PAGE_CACHE_ENTRIES);

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): CachedPage | null {
    const entry = this.entries.get(key);
    if (!entry || this.now() - entry.storedAt > PAGE_CACHE_TTL_MS) return null;
    return entry;
  }

  /** Keeps a rendered page when it is a plain 200 HTML answer that sets no cookie. */
  async store(key: string, response: Response): Promise<CachedPage | null> {
    if (response.status !== 200 || response.headers.has("set-cookie")) return null;
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return null;
    const entry: CachedPage = {
      body: await response.arrayBuffer(),
      headers: REPLAYED_HEADERS.flatMap((name) => {
        const value = response.headers.get(name);
        return value === null ? [] : [[name, value] as [string, string]];
      }),
      storedAt: this.now(),
    };
    this.entries.set(key, entry);
    return entry;
  }
}

/** Whether a request may be answered from the cache: an anonymous, full-page GET for HTML. */
export function isCacheableRequest(request: { method: string; headers: Headers; cookieNames: string[] }): boolean {
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
