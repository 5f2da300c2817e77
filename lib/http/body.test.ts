import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { apiRoute, MAX_JSON_BODY_BYTES, readJson } from "./api";
import { readBodyBytes } from "./body";

const CHUNK_BYTES = 64 * 1024;

/** A chunked body that never ends by itself: it counts how much the server pulled, and whether it hung up. */
function endlessBody(headers: Record<string, string> = {}) {
  const state = { pulledBytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulledBytes += CHUNK_BYTES;
      controller.enqueue(new Uint8Array(CHUNK_BYTES).fill(0x61));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const request = new Request("http://127.0.0.1/api/v1/x", { method: "POST", headers, body: stream, duplex: "half" } as RequestInit & { duplex: "half" });
  return { request, state };
}

describe("reading a request body with a cap (issue item 6)", () => {
  it("stops a chunked body as soon as it passes the cap, with 413, holding no more than the cap", async () => {
    const limit = 1024 * 1024;
    const { request, state } = endlessBody();
    const error = await readBodyBytes(request, limit).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("PAYLOAD_TOO_LARGE");
    expect(state.cancelled).toBe(true);
    // The stream may run a few chunks ahead of the reader (its queue), never far past the cap.
    expect(state.pulledBytes).toBeLessThanOrEqual(limit + 4 * CHUNK_BYTES);
  });

  it("refuses a declared length over the cap without reading the body", async () => {
    const { request, state } = endlessBody({ "content-length": String(MAX_JSON_BODY_BYTES + 1) });
    await expect(readBodyBytes(request, MAX_JSON_BODY_BYTES)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(state.cancelled).toBe(true);
    // Only what the stream queued by itself when it was made.
    expect(state.pulledBytes).toBeLessThanOrEqual(CHUNK_BYTES);
  });

  it("gives back a body under the cap whole, however it was chunked", async () => {
    const text = "Cẩm nang chuyển đổi số ".repeat(10_000);
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1_000) controller.enqueue(bytes.slice(offset, offset + 1_000));
        controller.close();
      },
    });
    const request = new Request("http://127.0.0.1/x", { method: "POST", body: stream, duplex: "half" } as RequestInit & { duplex: "half" });
    expect(new TextDecoder().decode(await readBodyBytes(request, bytes.length))).toBe(text);
  });

  it("is how the JSON API reads: a chunked JSON body past the cap is 413", async () => {
    const { request, state } = endlessBody();
    await expect(readJson(request, z.object({}))).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(state.pulledBytes).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 4 * CHUNK_BYTES);
  });
});

describe("every API write route reads its body with the cap before its own code runs", () => {
  /** A route that never looks at its body, like POST /api/v1/proposals/{id}/submit. */
  function ignoringRoute() {
    const calls: string[] = [];
    const route = apiRoute(async (request: Request) => {
      calls.push(request.method);
      return Response.json({ ok: true });
    });
    return { route, calls };
  }

  it("answers 413 to an endless chunked body and never runs the route", async () => {
    const { route, calls } = ignoringRoute();
    const { request, state } = endlessBody();
    const answer = await route(request, {});
    expect(answer.status).toBe(413);
    expect(calls).toEqual([]);
    expect(state.cancelled).toBe(true);
  });

  it("answers 400 to declared JSON that does not parse, even where the route would ignore it", async () => {
    const { route, calls } = ignoringRoute();
    for (const body of ['{"title": "cắt', "[1,", "{'a': 1}"]) {
      const answer = await route(new Request("http://127.0.0.1/api/v1/x", { method: "POST", headers: { "content-type": "application/json" }, body }), {});
      expect(answer.status, body).toBe(400);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
    }
    expect(calls).toEqual([]);
  });

  it("hands the route the body it was sent, and leaves reads alone", async () => {
    const seen: string[] = [];
    const route = apiRoute(async (request: Request) => {
      seen.push(await request.text());
      return Response.json({});
    });
    await route(new Request("http://127.0.0.1/api/v1/x", { method: "PUT", headers: { "content-type": "application/json" }, body: '{"a":"Cẩm nang"}' }), {});
    await route(new Request("http://127.0.0.1/api/v1/x", { method: "POST" }), {});
    await route(new Request("http://127.0.0.1/api/v1/x"), {});
    expect(seen).toEqual(['{"a":"Cẩm nang"}', "", ""]);
  });
});
