import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { migrate } from "./migrate";

const engines = await availableEngines();
const MIGRATION = "20261231000000_closed_sets_as_enums";

const ROWS = [
  `INSERT INTO "Organization" ("id", "slug", "name", "nameEn") VALUES ('org', 'bo-noi-vu', 'Bộ Nội vụ', 'Ministry of Home Affairs')`,
  `INSERT INTO "User" ("id", "email", "name", "role", "organizationId", "emailDelivery", "updatedAt") VALUES ('u1', 'thu@moha.gov.vn', 'Đỗ Thị Thu', 'REVIEWER', 'org', 'DAILY', CURRENT_TIMESTAMP)`,
  `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u2', 'lan@mof.gov.vn', 'Lan', CURRENT_TIMESTAMP)`,
  `INSERT INTO "Document" ("id", "slug", "title", "consultationModeration") VALUES ('d1', 'cam-nang', 'Cẩm nang', 'POST')`,
  `INSERT INTO "Version" ("id", "documentId", "number", "hash", "publishedById", "effectiveFrom") VALUES ('v1', 'd1', 1, 'h1', 'u1', '2026-01-01')`,
  `INSERT INTO "Proposal" ("id", "documentId", "baseVersionId", "title", "rationale", "status", "kind", "createdById", "organizationId", "updatedAt") VALUES ('p1', 'd1', 'v1', 'Sửa', 'Vì', 'CHANGES_REQUESTED', 'RESTORE', 'u2', 'org', CURRENT_TIMESTAMP)`,
  `INSERT INTO "ProposalAuthor" ("proposalId", "userId", "role") VALUES ('p1', 'u2', 'AUTHOR')`,
  `INSERT INTO "Review" ("id", "proposalId", "reviewerId", "decision", "contentHash") VALUES ('r1', 'p1', 'u1', 'REQUEST_CHANGES', 'c1')`,
  `INSERT INTO "Suggestion" ("id", "proposalId", "sectionId", "blockId", "authorId", "offset", "exact", "replacement", "mark", "markAction", "status") VALUES ('s1', 'p1', 'sec', 'b1', 'u1', 0, 'chữ', 'chữ', 'italic', 'remove', 'ACCEPTED')`,
];

describe.each(engines)("the migration of closed sets to enums on %s", (engine) => {
  describe("with rows an older release wrote", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(engine, { migrationsBefore: MIGRATION });
    });
    afterAll(async () => {
      await database.drop();
    });

    it("keeps every value, and the defaults still fill in what a new row leaves out", async () => {
      const { db } = database;
      for (const statement of ROWS) await db.$executeRawUnsafe(statement);

      expect((await migrate()).applied).toContain(MIGRATION);

      expect(await db.user.findUniqueOrThrow({ where: { id: "u1" } })).toMatchObject({ role: "REVIEWER", emailDelivery: "DAILY" });
      expect(await db.user.findUniqueOrThrow({ where: { id: "u2" } })).toMatchObject({ role: "READER", emailDelivery: "IMMEDIATE" });
      expect(await db.document.findUniqueOrThrow({ where: { id: "d1" } })).toMatchObject({ consultationModeration: "POST" });
      expect(await db.proposal.findUniqueOrThrow({ where: { id: "p1" } })).toMatchObject({ status: "CHANGES_REQUESTED", kind: "RESTORE" });
      expect(await db.proposalAuthor.findMany()).toMatchObject([{ role: "AUTHOR" }]);
      expect(await db.review.findUniqueOrThrow({ where: { id: "r1" } })).toMatchObject({ decision: "REQUEST_CHANGES" });
      expect(await db.suggestion.findUniqueOrThrow({ where: { id: "s1" } })).toMatchObject({ mark: "italic", markAction: "remove", status: "ACCEPTED" });
      // The proposal's own row still finds its reviews by status, as the workspace lists do.
      expect(await db.proposal.count({ where: { status: { in: ["IN_REVIEW", "CHANGES_REQUESTED"] } } })).toBe(1);
    });
  });

  describe("with a value outside its set", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(engine, { migrationsBefore: MIGRATION });
    });
    afterAll(async () => {
      await database.drop();
    });

    it("stops, and leaves the rows as they were", async () => {
      const { db } = database;
      for (const statement of ROWS.slice(0, 2)) await db.$executeRawUnsafe(statement);
      await db.$executeRawUnsafe(`UPDATE "User" SET "role" = 'SUPERUSER' WHERE "id" = 'u1'`);

      await expect(migrate()).rejects.toThrow();

      const rows = await db.$queryRawUnsafe<{ role: string }[]>(`SELECT "role" FROM "User" WHERE "id" = 'u1'`);
      expect(rows).toEqual([{ role: "SUPERUSER" }]);
      const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "migration_name" = '${MIGRATION}' AND "finished_at" IS NOT NULL`);
      expect(applied).toEqual([]);
    });
  });
});
