import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { actorByEmail } from "@/lib/testing/actors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { registerReviewerKey } from "@/lib/services/workspace/reviewer-keys";
import { GET as publishedKeys } from "../../../keys/route";
import { DELETE } from "./route";

const freshPublicKey = () => Buffer.from(generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64");

describe("DELETE /api/v1/me/keys/{id}", () => {
  let database: TestDatabase;
  let minhToken: string;
  let thuToken: string;
  let minhKeyId: string;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    const minh = await actorByEmail(database.db, "minh@mic.gov.vn");
    const thu = await actorByEmail(database.db, "thu@moha.gov.vn");
    minhKeyId = (await registerReviewerKey({ actor: minh, publicKey: freshPublicKey(), db: database.db })).key.id;
    minhToken = (await createApiToken(database.db, { userId: minh.id, name: "CLI", scope: "write" })).secret;
    thuToken = (await createApiToken(database.db, { userId: thu.id, name: "CLI", scope: "write" })).secret;
  });
  afterAll(async () => {
    await database.drop();
  });

  const revoke = (id: string, token: string) =>
    DELETE(new Request(`https://camnang.test/api/v1/me/keys/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id }),
    });

  // Anonymous callers (no session outside Next's request scope here) are the security matrix's.
  it("refuses another person's key, changing nothing", async () => {
    expect((await revoke(minhKeyId, thuToken)).status).toBe(404);
    expect(await database.db.reviewerKeyRevocation.count({ where: { keyId: minhKeyId } })).toBe(0);
  });

  it("revokes the owner's key, audits it, keeps it published as revoked, and answers 404 the second time", async () => {
    const answer = await revoke(minhKeyId, minhToken);
    expect(answer.status).toBe(200);
    expect((await answer.json()).key).toMatchObject({ id: minhKeyId, retirement: "REVOKED", retiredAt: expect.any(String) });
    const listed = (await (await publishedKeys(new Request("https://camnang.test/api/v1/keys"), {})).json()) as { keys: { id: string; retirement: string | null }[] };
    expect(listed.keys.find((key) => key.id === minhKeyId)).toMatchObject({ retirement: "REVOKED" });
    expect(await database.db.auditEvent.count({ where: { action: "reviewer_key.revoked", targetId: minhKeyId } })).toBe(1);
    expect((await revoke(minhKeyId, minhToken)).status).toBe(404);
  });
});
