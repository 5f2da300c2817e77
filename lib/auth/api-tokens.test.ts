import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres, migrateSqlite, readMigrations } from "../db/migrate";
import { can } from "../policies";
import { availableEngines, createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from "../testing/databases";
import { actorFromBearer } from "./actor";
import {
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  LAST_USED_WRITE_INTERVAL_MS,
  MAX_TOKEN_DAYS,
  parseTokenDays,
  resolveApiToken,
  revokeApiToken,
} from "./api-tokens";

const engines = await availableEngines();
const DAY_MS = 86_400_000;

describe.each(engines)("personal API tokens on %s (issue item 10)", (engine) => {
  let database: TestDatabase;
  let lanId: string;
  let hoaId: string;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    lanId = (await database.db.user.findUniqueOrThrow({ where: { email: "lan@mof.gov.vn" } })).id;
    hoaId = (await database.db.user.findUniqueOrThrow({ where: { email: "hoa@mof.gov.vn" } })).id;
  });
  afterAll(async () => {
    await database.drop();
  });

  const bearer = (secret: string) => `Bearer ${secret}`;

  it("expire after 90 days unless their maker chose another lifetime, never beyond a year", async () => {
    const now = new Date("2026-12-01T08:00:00Z");
    const standard = await createApiToken(database.db, { userId: lanId, name: "CI", scope: "read", now });
    expect(standard.expiresAt.getTime() - now.getTime()).toBe(DEFAULT_TOKEN_DAYS * DAY_MS);
    const short = await createApiToken(database.db, { userId: lanId, name: "Thử", scope: "read", days: 7, now });
    expect(short.expiresAt.getTime() - now.getTime()).toBe(7 * DAY_MS);
    for (const days of [0, -1, MAX_TOKEN_DAYS + 1, 1.5]) {
      await expect(createApiToken(database.db, { userId: lanId, name: "Sai", scope: "read", days })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(parseTokenDays("30")).toBe(30);
    expect(() => parseTokenDays("30 ngày")).toThrow();
    expect(await resolveApiToken(database.db, short.secret, new Date(now.getTime() + 7 * DAY_MS - 1))).not.toBeNull();
    expect(await resolveApiToken(database.db, short.secret, new Date(now.getTime() + 7 * DAY_MS))).toBeNull();
  });

  it("record when they were last used, at most once a minute", async () => {
    const token = await createApiToken(database.db, { userId: lanId, name: "Đồng bộ", scope: "read" });
    const lastUsed = async () => (await database.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const first = new Date();
    await resolveApiToken(database.db, token.secret, first);
    expect((await lastUsed())?.getTime()).toBe(first.getTime());
    await resolveApiToken(database.db, token.secret, new Date(first.getTime() + LAST_USED_WRITE_INTERVAL_MS - 1));
    expect((await lastUsed())?.getTime()).toBe(first.getTime());
    const later = new Date(first.getTime() + LAST_USED_WRITE_INTERVAL_MS);
    await resolveApiToken(database.db, token.secret, later);
    expect((await lastUsed())?.getTime()).toBe(later.getTime());
  });

  it("with read scope, are refused on every write method and act read-only on reads", async () => {
    const token = await createApiToken(database.db, { userId: lanId, name: "Chỉ đọc", scope: "read" });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      await expect(actorFromBearer(database.db, bearer(token.secret), { method, path: "/api/v1/documents/cam-nang-chuyen-doi-so/proposals" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const actor = await actorFromBearer(database.db, bearer(token.secret), { method: "GET", path: "/api/v1/documents" });
    expect(actor).toMatchObject({ id: lanId, readOnly: true });
    expect(can(actor, "document:read")).toBe(true);
    expect(can(actor, "proposal:create")).toBe(false);
  });

  it("with write scope, may write, and every use is written to the audit log", async () => {
    const token = await createApiToken(database.db, { userId: lanId, name: "Ghi", scope: "write" });
    const uses = () => database.db.auditEvent.findMany({ where: { action: "api_token.used", targetId: token.id }, orderBy: { id: "asc" } });
    const actor = await actorFromBearer(database.db, bearer(token.secret), { method: "POST", path: "/api/v1/proposals/p1/comments" });
    expect(actor?.readOnly).toBeUndefined();
    expect(can(actor, "proposal:create")).toBe(true);
    await actorFromBearer(database.db, bearer(token.secret), { method: "GET", path: "/api/v1/me/notifications.atom" });
    expect((await uses()).map((event) => [event.actorId, JSON.parse(event.data)])).toEqual([
      [lanId, { method: "POST", path: "/api/v1/proposals/p1/comments" }],
      [lanId, { method: "GET", path: "/api/v1/me/notifications.atom" }],
    ]);
  });

  it("can be revoked by their owner (by id) or by the operator (by prefix), and stop working at once", async () => {
    const mine = await createApiToken(database.db, { userId: lanId, name: "Thu hồi", scope: "write" });
    await expect(revokeApiToken(database.db, { tokenId: mine.id, ownerId: hoaId, actorId: hoaId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await revokeApiToken(database.db, { tokenId: mine.id, ownerId: lanId, actorId: lanId })).toMatchObject({ alreadyRevoked: false });
    expect(await resolveApiToken(database.db, mine.secret)).toBeNull();
    expect(await revokeApiToken(database.db, { tokenId: mine.id, ownerId: lanId, actorId: lanId })).toMatchObject({ alreadyRevoked: true });

    const operator = await createApiToken(database.db, { userId: lanId, name: "Máy chủ CI", scope: "read" });
    const revoked = await revokeApiToken(database.db, { prefix: operator.prefix, actorId: null });
    expect(revoked.id).toBe(operator.id);
    expect(await resolveApiToken(database.db, operator.secret)).toBeNull();
    const events = await database.db.auditEvent.findMany({ where: { action: "api_token.revoked", targetId: { in: [mine.id, operator.id] } } });
    expect(events).toHaveLength(2);
    await expect(revokeApiToken(database.db, { prefix: "hbk_zzzzzz", actorId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("tokens made before scopes and expiry existed", () => {
  const legacyToken = { id: "legacy-token", userId: "legacy-user", hash: randomBytes(32).toString("hex") };
  const [init, ...rest] = readMigrations("sqlite");

  it("keep the write access they had and expire 90 days after the upgrade (SQLite)", () => {
    const file = path.join(os.tmpdir(), `handbook-legacy-${randomBytes(4).toString("hex")}.db`);
    try {
      migrateSqlite(file, [init]);
      const db = new Database(file);
      db.prepare(`INSERT INTO "User" (id, email, name, role, updatedAt) VALUES (?, 'cu@x.vn', 'Cũ', 'CONTRIBUTOR', CURRENT_TIMESTAMP)`).run(legacyToken.userId);
      db.prepare(`INSERT INTO "ApiToken" (id, userId, name, tokenHash, prefix) VALUES (?, ?, 'cũ', ?, 'hbk_abcdef')`).run(legacyToken.id, legacyToken.userId, legacyToken.hash);
      db.close();
      migrateSqlite(file, [init, ...rest]);
      const after = new Database(file);
      const row = after.prepare(`SELECT scope, expiresAt FROM "ApiToken" WHERE id = ?`).get(legacyToken.id) as { scope: string; expiresAt: string };
      after.close();
      expect(row.scope).toBe("write");
      const expires = new Date(row.expiresAt).getTime();
      expect(Math.abs(expires - (Date.now() + DEFAULT_TOKEN_DAYS * DAY_MS))).toBeLessThan(60_000);
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    }
  });

  it.runIf(engines.includes("postgres"))("keep the write access they had and expire 90 days after the upgrade (PostgreSQL)", async () => {
    const name = `handbook_legacy_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      const [pgInit, ...pgRest] = readMigrations("postgres");
      await migratePostgres(url.toString(), [pgInit]);
      await client.connect();
      await client.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, 'cu@x.vn', 'Cũ', 'CONTRIBUTOR', now())`, [legacyToken.userId]);
      await client.query(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'cũ', $3, 'hbk_abcdef')`, [legacyToken.id, legacyToken.userId, legacyToken.hash]);
      await migratePostgres(url.toString(), [pgInit, ...pgRest]);
      const { rows } = await client.query<{ scope: string; expiresAt: Date }>(`SELECT scope, "expiresAt" FROM "ApiToken" WHERE id = $1`, [legacyToken.id]);
      expect(rows[0].scope).toBe("write");
      expect(Math.abs(rows[0].expiresAt.getTime() - (Date.now() + DEFAULT_TOKEN_DAYS * DAY_MS))).toBeLessThan(60_000);
    } finally {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
