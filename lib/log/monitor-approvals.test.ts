import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodePublicKey, keyFingerprint } from "../domain/tlog";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { dropAppendOnlyTriggers, serviceFetch } from "../testing/log-drills";
import { signPendingCheckpoint } from "../services/log/checkpoints";
import { monitorOnce } from "./monitor";

/**
 * `handbook monitor` checks every signed approval in the log against the keys the site publishes
 * (GET /api/v1/keys): someone with database access who swaps a reviewer's key, gives it to
 * another person or back-dates it is reported as a SECURITY ERROR naming the approval, and a
 * monitor that read the key list before sees that it was rewritten.
 */

const engines = await availableEngines();
const freshPublicKey = () => Buffer.from(generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64");

describe.each(engines)("monitor and the published reviewer keys on %s", (engine) => {
  let database: TestDatabase;
  let directory: string;
  beforeEach(async () => {
    database = await createTestDatabase(engine, { seed: true });
    await signPendingCheckpoint({ db: database.db });
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-keys-"));
  });
  afterEach(async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  const monitor = (state: string) => monitorOnce({ baseUrl: "http://log.test", stateFile: path.join(directory, state), fetchImpl: serviceFetch });

  async function minhsKey() {
    const minh = await database.db.user.findUniqueOrThrow({ where: { email: "minh@mic.gov.vn" } });
    return database.db.reviewerKey.findFirstOrThrow({ where: { userId: minh.id } });
  }

  it("accepts the seed's signed approvals and keeps the key list it read", async () => {
    const result = await monitor("state.json");
    expect(result).toMatchObject({ ok: true, size: 2 });
    const state = JSON.parse(fs.readFileSync(path.join(directory, "state.json"), "utf8")) as { keys: { fingerprint: string }[] };
    expect(state.keys.map((key) => key.fingerprint)).toContain((await minhsKey()).fingerprint);
  });

  it("reports an approval whose key was swapped for another in the database, and the rewritten key list", async () => {
    expect(await monitor("kept.json")).toMatchObject({ ok: true });
    const key = await minhsKey();
    await dropAppendOnlyTriggers(database.db, engine);
    const swapped = freshPublicKey();
    await database.db.reviewerKey.update({ where: { id: key.id }, data: { publicKey: swapped, fingerprint: keyFingerprint(decodePublicKey(swapped)) } });

    const fresh = await monitor("fresh.json");
    expect(fresh).toMatchObject({ ok: false, security: true });
    expect(fresh.message).toMatch(/^SECURITY ERROR\nentry 1 \(cam-nang-chuyen-doi-so version 2\): the approval by Lê Văn Minh \(reviewer [^,]+, key SHA256:[A-Za-z0-9+/]{43}, approval [0-9a-f]{64}\) is signed with a key that is not in the published key list/);
    expect(fresh.message).toContain(key.fingerprint);

    const kept = await monitor("kept.json");
    expect(kept).toMatchObject({ ok: false, security: true });
    expect(kept.message).toContain(`the published reviewer keys were rewritten: the key ${key.fingerprint} (${key.id}) of Lê Văn Minh is now published with another owner`);
  });

  it("reports an approval whose key is published as someone else's, or as registered after the version", async () => {
    const key = await minhsKey();
    const khoa = await database.db.user.findUniqueOrThrow({ where: { email: "khoa@mof.gov.vn" } });
    await dropAppendOnlyTriggers(database.db, engine);
    await database.db.reviewerKey.update({ where: { id: key.id }, data: { userId: khoa.id } });
    const reassigned = await monitor("a.json");
    expect(reassigned).toMatchObject({ ok: false, security: true });
    expect(reassigned.message).toContain(`the approval by Lê Văn Minh`);
    expect(reassigned.message).toContain(`is signed with a key published as Vũ Đăng Khoa's`);

    await database.db.reviewerKey.update({ where: { id: key.id }, data: { userId: key.userId, createdAt: new Date(Date.now() + 86_400_000) } });
    const late = await monitor("b.json");
    expect(late).toMatchObject({ ok: false, security: true });
    expect(late.message).toMatch(/the approval by Lê Văn Minh .* is signed with a key registered at .*, after the version was published at/);
  });
});
