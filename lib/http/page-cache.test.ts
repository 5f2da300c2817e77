import { describe, expect, it } from "vitest";
import { PAGE_CACHE_FILL_HEADER, PAGE_CACHE_TTL_MS, PageCache, isCacheableRequest, pageCacheKey } from "./page-cache";

const html = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, headers: { "content-type": "text/html; charset=utf-8", ...headers } });

describe("the reader's page cache", () => {
  it("serves a stored page until it expires", async () => {
    let now = 0;
    const cache = new PageCache(() => now);
    const key = pageCacheKey({ epoch: "7", locale: "vi", path: "/cam-nang/loi-tong-ket" });
    await cache.store(key, html("<p>Lời tổng kết</p>", { "content-security-policy": "default-src 'self'" }));
    const hit = cache.get(key);
    expect(new TextDecoder().decode(hit!.body)).toBe("<p>Lời tổng kết</p>");
    expect(hit!.headers).toContainEqual(["content-security-policy", "default-src 'self'"]);
    now += PAGE_CACHE_TTL_MS + 1;
    expect(cache.get(key)).toBeNull();
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
});
