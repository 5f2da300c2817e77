import { describe, expect, it } from "vitest";
import { PAGE_CACHE_FILL_HEADER, PAGE_CACHE_TTL_MS, PageCache, READER_PAGE_CACHE_CONTROL, isCacheableRequest, isReaderPagePath, pageBytesWithNonce, pageCacheKey, pageWithNonce, replayHeaders } from "./page-cache";

const html = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { "content-type": "text/html; charset=utf-8", ...headers } });

describe("the reader's page cache", () => {
  it("serves a stored page until it expires", async () => {
    // A clock reading of 0 means "no time recorded" to lru-cache; any real clock is far past it.
    let now = 1_000;
    const cache = new PageCache(() => now);
    const key = pageCacheKey({ epoch: "7", locale: "vi", path: "/cam-nang/loi-tong-ket" });
    await cache.store(key, html("<p>Lời tổng kết</p>", { "x-frame-options": "DENY" }));
    const hit = cache.get(key);
    expect(pageWithNonce(hit!, "unused")).toBe("<p>Lời tổng kết</p>");
    expect(hit!.headers).toContainEqual(["x-frame-options", "DENY"]);
    now += PAGE_CACHE_TTL_MS + 1;
    expect(cache.get(key)).toBeNull();
  });

  it("replays a page with a fresh nonce in every place the rendered one was, and never its policy", async () => {
    const cache = new PageCache();
    const rendered = "AAAAAAAAAAAAAAAAAAAAAA";
    const page = `<script nonce="${rendered}" src="/_next/a.js"></script><script nonce="${rendered}">self.__next_f.push([1,"x"])</script><p>${"nonce"} — Lời tổng kết</p>`;
    await cache.store("k", html(page, { "content-security-policy": `script-src 'self' 'nonce-${rendered}' 'strict-dynamic'` }));
    const hit = cache.get("k")!;
    expect(hit.headers.map(([name]) => name)).not.toContain("content-security-policy");
    const first = pageWithNonce(hit, "BBBBBBBBBBBBBBBBBBBBBB");
    const second = pageWithNonce(hit, "CCCCCCCCCCCCCCCCCCCCCC");
    expect(first).toBe(page.replaceAll(rendered, "BBBBBBBBBBBBBBBBBBBBBB"));
    expect(second).toBe(page.replaceAll(rendered, "CCCCCCCCCCCCCCCCCCCCCC"));
    expect(first).not.toContain(rendered);
    expect(second.match(/nonce="C{22}"/g)).toHaveLength(2);
    // The bytes a replay sends are the same page's UTF-8, Vietnamese letters included.
    expect(Buffer.from(pageBytesWithNonce(hit, "DDDDDDDDDDDDDDDDDDDDDD")).toString("utf8")).toBe(page.replaceAll(rendered, "DDDDDDDDDDDDDDDDDDDDDD"));
  });

  it("never keeps errors, non-HTML answers or answers that set cookies", async () => {
    const cache = new PageCache();
    expect(await cache.store("a", new Response("missing", { status: 404, headers: { "content-type": "text/html" } }))).toBeNull();
    expect(await cache.store("b", new Response("{}", { status: 200, headers: { "content-type": "application/json" } }))).toBeNull();
    expect(await cache.store("c", html("<p>x</p>", { "set-cookie": "a=b" }))).toBeNull();
    expect(cache.get("a") ?? cache.get("b") ?? cache.get("c")).toBeNull();
  });

  it("changes its key when the content epoch or the language changes", () => {
    const base = { epoch: "7", locale: "vi", path: "/x" };
    expect(pageCacheKey(base)).not.toBe(pageCacheKey({ ...base, epoch: "8" }));
    expect(pageCacheKey(base)).not.toBe(pageCacheKey({ ...base, locale: "en" }));
  });

  it("answers only anonymous full-page GETs for HTML", () => {
    const request = (headers: Record<string, string>, cookieNames: string[] = [], method = "GET") => ({ method, headers: new Headers(headers), cookieNames });
    expect(isCacheableRequest(request({ accept: "text/html,*/*" }))).toBe(true);
    expect(isCacheableRequest(request({ accept: "text/html" }, ["next-auth.session-token"]))).toBe(false);
    expect(isCacheableRequest(request({ accept: "text/html" }, ["__Secure-next-auth.session-token.0"]))).toBe(false);
    expect(isCacheableRequest(request({ accept: "text/html", rsc: "1" }))).toBe(false);
    expect(isCacheableRequest(request({ accept: "text/html", [PAGE_CACHE_FILL_HEADER]: "1" }))).toBe(false);
    expect(isCacheableRequest(request({}))).toBe(true);
    expect(isCacheableRequest(request({ accept: "application/json" }))).toBe(false);
    expect(isCacheableRequest(request({ accept: "text/html" }, [], "POST"))).toBe(false);
  });
  it("keeps only the reader's pages, not the workspace, the API or live consultation pages", () => {
    expect(isReaderPagePath("/cam-nang/loi-tong-ket")).toBe(true);
    expect(isReaderPagePath("/")).toBe(true);
    for (const path of ["/api/v1/documents/x", "/lam-viec", "/quan-tri/nhat-ky", "/dang-nhap", "/_next/static/a.js", "/cam-nang/gop-y/12", "/tim-kiem"]) expect(isReaderPagePath(path)).toBe(false);
  });

  it("replays a page with its policy, the readers' lifetime and Vary: Cookie, and HSTS only over HTTPS", async () => {
    const cache = new PageCache();
    const entry = (await cache.store("k", html("<p>x</p>", { vary: "rsc, Accept-Encoding"})))!;
    const headers = replayHeaders(entry, { state: "hit", policy: "script-src 'nonce-N'", hsts: null });
    expect(headers).toContainEqual(["vary", "rsc, Accept-Encoding, Cookie"]);
    expect(headers).toContainEqual(["cache-control", READER_PAGE_CACHE_CONTROL]);
    expect(headers).toContainEqual(["x-camnang-cache", "hit"]);
    expect(headers).toContainEqual(["content-security-policy", "script-src 'nonce-N'"]);
    expect(headers.map(([name]) => name)).not.toContain("strict-transport-security");
    expect(headers.filter(([name]) => name === "vary")).toHaveLength(1);
    expect(replayHeaders(entry, { state: "miss", policy: "p", hsts: "max-age=1" })).toContainEqual(["strict-transport-security", "max-age=1"]);
  });
});
