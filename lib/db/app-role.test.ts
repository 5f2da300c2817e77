import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, isPostgresReachable, type TestDatabase } from "../testing/databases";
import { appRoleGrants, grantAppRole } from "./app-role";

const postgres = await isPostgresReachable();

describe.runIf(postgres)("the product's PostgreSQL role", () => {
  let database: TestDatabase;
  let client: pg.Client;
  const role = `handbook_app_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");

  beforeAll(async () => {
    database = await createTestDatabase("postgres", { seed: true });
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
    await owner.end();
    await grantAppRole(database.url, role);
    const url = new URL(database.url);
    url.username = role;
    url.password = password;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database.drop();
    const admin = new pg.Client({ connectionString: database.url.replace(/\/[^/]+$/, "/postgres") });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it("reads and appends rows", async () => {
    const versions = await client.query(`SELECT count(*)::int AS n FROM "Version"`);
    expect(versions.rows[0].n).toBe(2);
    await client.query(`INSERT INTO "AuditEvent" ("action", "targetType", "targetId", "data") VALUES ('role.test', 'test', 'x', '{}')`);
  });

  it("cannot drop or disable the append-only triggers, alter, truncate or drop tables, or create new ones", async () => {
    const refused = [
      `DROP TRIGGER "Version_append_only" ON "Version"`,
      `DROP TRIGGER "LogEntry_append_only" ON "LogEntry"`,
      `ALTER TABLE "LogEntry" DISABLE TRIGGER USER`,
      `ALTER TABLE "Version" DISABLE TRIGGER ALL`,
      `ALTER TABLE "Version" ADD COLUMN "sneaky" TEXT`,
      `ALTER TABLE "LogCheckpoint" DROP CONSTRAINT "LogCheckpoint_pkey"`,
      `TRUNCATE "LogCosignature"`,
      `DROP TABLE "LogEntry"`,
      `CREATE TABLE "Shadow" ("id" TEXT)`,
      `CREATE OR REPLACE FUNCTION "handbook_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`,
    ];
    for (const statement of refused) {
      await expect(client.query(statement), statement).rejects.toThrow(/must be owner|permission denied/);
    }
    await expect(client.query(`UPDATE "LogEntry" SET "leafHash" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "Version"`)).rejects.toThrow(/append-only/);
  });

  it("refuses a role name that would need quoting", () => {
    expect(() => appRoleGrants(`app"; DROP TABLE "Version`)).toThrow(/plain PostgreSQL role name/);
  });
});
