import { describe, expect, it } from "vitest";
import { CURRENT_TEXT_CACHE_CONTROL, IMMUTABLE_CACHE_CONTROL, cachedJsonBody } from "./api";

const body = { body: '{"version":{"number":2}}', etag: '"abc"' };
const get = (headers: Record<string, string> = {}) => new Request("http://x/api/v1/documents/d", { headers });

describe("cached JSON bodies of the documents API", () => {
  it("marks a version's own address immutable for a year with its strong ETag", async () => {
    const response = cachedJsonBody(get(), body, { immutable: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("cache-control")).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(response.headers.get("etag")).toBe('"abc"');
    expect(await response.text()).toBe(body.body);
  });

  it("lets shared caches keep the current text briefly and serve it stale while revalidating", () => {
    const value = cachedJsonBody(get(), body, { immutable: false }).headers.get("cache-control");
    expect(value).toBe(CURRENT_TEXT_CACHE_CONTROL);
    expect(value).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
  });

  it("answers 304 with no body when the client holds the tag, and 200 for another tag", async () => {
    const notModified = cachedJsonBody(get({ "if-none-match": 'W/"x", "abc"' }), body, { immutable: true });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe('"abc"');
    expect(cachedJsonBody(get({ "if-none-match": '"other"' }), body, { immutable: true }).status).toBe(200);
    expect(cachedJsonBody(get({ "if-none-match": "*" }), body, { immutable: false }).status).toBe(304);
  });
});
