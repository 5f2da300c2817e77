import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { recordAudit } from "../db/audit";
import { contentEpoch } from "./content-epoch";

describe("the reader's page cache epoch (issue item 4)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("does not move for failed sign-ins or API token use, which anyone can cause", async () => {
    const before = await contentEpoch();
    for (const action of ["auth.sign_in_failed", "auth.sign_in", "api_token.used", "api_token.created"] as const) {
      await recordAudit(database.db, { actorId: null, action, targetType: "user", targetId: "x" });
    }
    expect(await contentEpoch()).toBe(before);
  });

  it("moves with what changes a page, such as a new owner of a section", async () => {
    const before = await contentEpoch();
    await recordAudit(database.db, { actorId: null, action: "section.owner_changed", targetType: "section", targetId: "s" });
    expect(await contentEpoch()).not.toBe(before);
  });
});
