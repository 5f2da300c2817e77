import { describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./action-body-limit.mjs";
import { malformedActionBody, refuseActionBody } from "./action-body";

/** A server action post as React's client encodes it: FormData arguments as `_1_` fields, the root row last. */
function actionPost(rows: Record<string, string>): Request {
  const form = new FormData();
  form.set("_1_name", "Khóa thử");
  for (const [name, value] of Object.entries(rows)) form.set(name, value);
  return new Request("http://127.0.0.1/lam-viec", { method: "POST", headers: { "next-action": "00ab" }, body: form });
}

async function status(answer: Promise<Response | null>): Promise<number | null> {
  return (await answer)?.status ?? null;
}

describe("server action bodies Next's decoder would answer 500", () => {
  it("passes a well-formed multipart or text reply", async () => {
    expect(await status(malformedActionBody(actionPost({ "0": '[{"secret":null},"$K1"]' })))).toBeNull();
    expect(await status(malformedActionBody(new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "text/plain;charset=UTF-8" }, body: '["$K1"]' })))).toBeNull();
  });

  it("answers 400 to a truncated JSON row, a truncated multipart body and a text body that is not JSON", async () => {
    expect(await status(malformedActionBody(actionPost({ "0": '[{"secret":null},"$K' })))).toBe(400);
    const whole = actionPost({ "0": '["$K1"]' });
    const bytes = new Uint8Array(await whole.arrayBuffer());
    const truncated = new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": whole.headers.get("content-type")! }, body: bytes.slice(0, bytes.length - 20) });
    expect(await status(malformedActionBody(truncated))).toBe(400);
    const text = await malformedActionBody(new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": "text/plain", "accept-language": "en" }, body: '["$K1"' }));
    expect(text?.status).toBe(400);
    expect(await text?.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The body is not valid JSON." } });
  });

  it("leaves the form's own fields alone: only rows named by a number are JSON", async () => {
    expect(await status(malformedActionBody(actionPost({ "0": '["$K1"]', _1_markdown: "{ not json" })))).toBeNull();
  });
});

describe("server action posts sent to the refusal route", () => {
  it("answers 413 to a chunked body as soon as it passes the limit, and 411 to one that ends within it", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536));
      },
    });
    const tooLarge = await refuseActionBody(new Request("http://127.0.0.1/api/action-body", { method: "POST", body: endless, duplex: "half" } as RequestInit & { duplex: "half" }));
    expect(tooLarge.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(SERVER_ACTION_BODY_LIMIT_BYTES + 4 * 65_536);
    const short = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.close();
      },
    });
    const lengthRequired = await refuseActionBody(new Request("http://127.0.0.1/api/action-body", { method: "POST", body: short, duplex: "half" } as RequestInit & { duplex: "half" }));
    expect(lengthRequired.status).toBe(411);
    expect(((await lengthRequired.json()) as { error: { code: string } }).error.code).toBe("LENGTH_REQUIRED");
  });

  it("answers 413 to a declared length over the limit without reading", async () => {
    const answer = await refuseActionBody(new Request("http://127.0.0.1/api/action-body", { method: "POST", headers: { "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }, body: "x" }));
    expect(answer.status).toBe(413);
  });
});
