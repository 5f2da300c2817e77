import { describe, expect, it } from "vitest";
import { signMailToken, verifyMailToken } from "./tokens";

const SECRET = "a-test-secret-that-is-long-enough-0123";

describe("mail tokens", () => {
  it("name the row they were signed for, for their own purpose only", async () => {
    const token = await signMailToken("unsubscribe", "sub_123", SECRET);
    expect(await verifyMailToken("unsubscribe", token, SECRET)).toBe("sub_123");
    expect(await verifyMailToken("confirm", token, SECRET)).toBeNull();
    expect(await verifyMailToken("person", token, SECRET)).toBeNull();
  });

  it("refuse another secret, a changed payload and garbage", async () => {
    const token = await signMailToken("person", "user_1", SECRET);
    expect(await verifyMailToken("person", token, `${SECRET}x`)).toBeNull();
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "user_2", iss: "camnang-mail", aud: "camnang-mail-person" })).toString("base64url");
    expect(await verifyMailToken("person", `${header}.${forged}.${signature}`, SECRET)).toBeNull();
    expect(await verifyMailToken("person", "not-a-token", SECRET)).toBeNull();
  });
});
