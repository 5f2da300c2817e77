import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { COLLAB_TOKEN_AUDIENCE, COLLAB_TOKEN_ISSUER, mintCollabToken, verifyCollabToken } from "./collab-token";

const secret = "s".repeat(48);
const doc = "proposal:p1:section:s1";

describe("collaboration tokens", () => {
  it("accepts a fresh token for its own document", async () => {
    const { token } = await mintCollabToken({ userId: "u1", documentName: doc }, { secret });
    expect(await verifyCollabToken(token, doc, { secret })).toEqual({ ok: true, claims: { userId: "u1", documentName: doc } });
  });

  it("refuses a token bound to another document", async () => {
    const { token } = await mintCollabToken({ userId: "u1", documentName: "proposal:p2:section:s1" }, { secret });
    expect(await verifyCollabToken(token, doc, { secret })).toEqual({ ok: false, reason: "wrong_document" });
  });

  it("refuses an expired token", async () => {
    const { token } = await mintCollabToken({ userId: "u1", documentName: doc }, { secret, now: new Date(Date.now() - 3_600_000) });
    expect(await verifyCollabToken(token, doc, { secret })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token signed with another key", async () => {
    const { token } = await mintCollabToken({ userId: "u1", documentName: doc }, { secret: "x".repeat(48) });
    expect(await verifyCollabToken(token, doc, { secret })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an unsigned (alg: none) token", async () => {
    const token = new UnsecuredJWT({ doc }).setSubject("u1").setAudience(COLLAB_TOKEN_AUDIENCE).setIssuer(COLLAB_TOKEN_ISSUER).setExpirationTime("5m").encode();
    expect(await verifyCollabToken(token, doc, { secret })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a token for another audience, such as a session token", async () => {
    const token = await new SignJWT({ doc }).setProtectedHeader({ alg: "HS256" }).setSubject("u1").setAudience("camnang-session")
      .setIssuer(COLLAB_TOKEN_ISSUER).setExpirationTime("5m").sign(new TextEncoder().encode(secret));
    expect(await verifyCollabToken(token, doc, { secret })).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("read-only collaboration tokens", () => {
  it("carry their read-only mark through verification, and plain tokens carry none", async () => {
    const readOnly = await mintCollabToken({ userId: "u1", documentName: doc, readOnly: true }, { secret });
    expect(await verifyCollabToken(readOnly.token, doc, { secret })).toEqual({ ok: true, claims: { userId: "u1", documentName: doc, readOnly: true } });
    const plain = await mintCollabToken({ userId: "u1", documentName: doc, readOnly: false }, { secret });
    expect(await verifyCollabToken(plain.token, doc, { secret })).toEqual({ ok: true, claims: { userId: "u1", documentName: doc } });
  });
});
