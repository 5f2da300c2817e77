import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { acceptsGzip, earlyTarget, gzipOnce, nodeHeaders, singleCookie, withVary, writeEarly } from "./early-answer";

const request = (url: string, headers: Record<string, string | string[]> = {}, method = "GET") => ({ url, method, headers }) as unknown as IncomingMessage;

describe("what the web server may answer before Next", () => {
  it("takes plain GETs whose path Next would see unchanged, and nothing else", () => {
    expect(earlyTarget(request("/cam-nang/loi-tong-ket"))?.path).toBe("/cam-nang/loi-tong-ket");
    expect(earlyTarget(request("/api/v1/documents/x?at=2025-01-01"))?.searchParams.get("at")).toBe("2025-01-01");
    // Dot segments, an empty query, a protocol-relative or absolute target: Next decides.
    for (const url of ["/a/../b", "/a/./b", "/a?", "//evil.example/x", "http://host/x", "/a b", "*"]) expect(earlyTarget(request(url))).toBeNull();
    expect(earlyTarget(request("/a", {}, "HEAD"))).toBeNull();
    expect(earlyTarget(request("/a", {}, "POST"))).toBeNull();
    expect(earlyTarget(request("/a", { "content-length": "0" }))).toBeNull();
    expect(earlyTarget(request("/a", { "transfer-encoding": "chunked" }))).toBeNull();
  });

  it("reads one cookie, and refuses to choose when it is there twice", () => {
    expect(singleCookie(null, "lang")).toBe("");
    expect(singleCookie("a=1; lang=en; b=2", "lang")).toBe("en");
    expect(singleCookie("xlang=en", "lang")).toBe("");
    expect(singleCookie("lang=en; lang=vi", "lang")).toBeNull();
    expect(singleCookie("lang=%E0%A4%A", "lang")).toBeNull();
  });

  it("reads Accept-Encoding as compression does", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });

  it("reads repeated headers joined, as Headers does", () => {
    const headers = nodeHeaders(request("/", { accept: "text/html", "x-many": ["a", "b"] }));
    expect(headers.get("x-many")).toBe("a, b");
    expect(headers.get("missing")).toBeNull();
    expect(headers.has("accept")).toBe(true);
  });

  it("adds a name to Vary once", () => {
    expect(withVary([["vary", "rsc, Accept-Encoding, Cookie"]], "accept-encoding")).toEqual([["vary", "rsc, Accept-Encoding, Cookie"]]);
    expect(withVary([["vary", "Cookie"], ["etag", '"x"']], "Accept-Encoding")).toEqual([["etag", '"x"'], ["vary", "Cookie, Accept-Encoding"]]);
    expect(withVary([], "Accept-Encoding")).toEqual([["vary", "Accept-Encoding"]]);
  });

  it("compresses a body once however often it is sent", () => {
    const gzip = gzipOnce();
    const bytes = Buffer.from("Lời tổng kết ".repeat(100));
    const first = gzip(bytes);
    expect(gzip(bytes)).toBe(first);
    expect(gunzipSync(first).equals(bytes)).toBe(true);
  });
});

describe("an early answer on the wire", () => {
  let server: http.Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(body: Uint8Array | null, status = 200): Promise<string> {
    server = http.createServer((incoming, response) => writeEarly(incoming, response, { status, headers: [["content-type", "text/html; charset=utf-8"], ["vary", "Accept-Encoding"]], body }));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  it("sends the bytes with their length, gzipped only for a client that takes gzip", async () => {
    const page = Buffer.from(`<p>${"Cẩm nang mở ".repeat(200)}</p>`);
    const url = await serve(page);
    const plain = await fetch(url, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("content-length")).toBe(String(page.byteLength));
    expect(Buffer.from(await plain.arrayBuffer()).equals(page)).toBe(true);
    // fetch asks for gzip and decodes it: the same page arrives, in fewer bytes on the wire.
    const compressed = await fetch(url, { headers: { "accept-encoding": "gzip" } });
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    expect(Number(compressed.headers.get("content-length"))).toBeLessThan(page.byteLength);
    expect(Buffer.from(await compressed.arrayBuffer()).equals(page)).toBe(true);
  });

  it("sends a 304 without a body", async () => {
    const answer = await fetch(await serve(null, 304), { headers: { "accept-encoding": "gzip" } });
    expect(answer.status).toBe(304);
    expect(answer.headers.get("content-encoding")).toBeNull();
  });
});
