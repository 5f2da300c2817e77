import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMailToken } from "@/lib/mail/tokens";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { GET, POST } from "./route";

/** RFC 8058: what a mail provider sends when the reader presses its "unsubscribe" button. */
function oneClick(token: string, headers: Record<string, string> = {}) {
  return POST(
    new Request(`https://camnang.test/api/v1/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "List-Unsubscribe=One-Click",
    }),
    {},
  );
}

describe("the one-click unsubscribe endpoint", () => {
  let database: TestDatabase;
  let token: string;
  let subscriptionId: string;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    const document = await database.db.document.findFirstOrThrow();
    const subscription = await database.db.emailSubscription.create({
      data: { email: "doc-gia@example.vn", documentId: document.id, confirmedAt: new Date() },
    });
    subscriptionId = subscription.id;
    token = await signMailToken("unsubscribe", subscription.id, process.env.MAIL_TOKEN_SECRET ?? "");
  });
  afterAll(async () => {
    await database.drop();
  });

  it("removes the subscription on a provider's POST, without cookie or session, and answers the same the second time", async () => {
    const first = await oneClick(token);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ unsubscribed: true, kind: "subscription" });
    expect(await database.db.emailSubscription.findUnique({ where: { id: subscriptionId } })).toBeNull();
    const second = await oneClick(token);
    expect(second.status).toBe(200);
  });

  it("sends a browser that submitted the page's form back to the page", async () => {
    const response = await oneClick(token, { accept: "text/html", "sec-fetch-mode": "navigate", origin: "https://camnang.test", host: "camnang.test" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/nhan-tin/huy?token=${encodeURIComponent(token)}`);
  });

  it("refuses a forged token and changes nothing", async () => {
    const response = await oneClick(`${token.slice(0, -2)}xx`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("BAD_REQUEST");
  });

  it("shows the page that asks first when the address is opened in a browser", async () => {
    const response = await GET(new Request(`https://camnang.test/api/v1/unsubscribe?token=${token}`), {});
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/nhan-tin/huy?token=${encodeURIComponent(token)}`);
  });
});
