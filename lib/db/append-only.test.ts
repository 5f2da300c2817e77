import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";

const engines = await availableEngines();

describe.each(engines)("append-only records on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("refuses to update or delete a published version through the ORM", async () => {
    const { db } = database;
    const version = await db.version.findFirstOrThrow({ where: { number: 1 } });
    await expect(db.version.update({ where: { id: version.id }, data: { summary: "sửa lén" } })).rejects.toThrow(/append-only/);
    await expect(db.version.delete({ where: { id: version.id } })).rejects.toThrow();
    expect((await db.version.findUniqueOrThrow({ where: { id: version.id } })).summary).toBe(version.summary);
  });

  it("refuses raw SQL updates and deletes of versions, section revisions, their blocks, outlines, version sections and audit events", async () => {
    const { db } = database;
    // The seed's revisions are kept by block and its versions place them by outline: a revision
    // kept whole and a VersionSection row, as older versions have, give those guards a row to refuse.
    const version = await db.version.findFirstOrThrow({ where: { number: 1 } });
    const section = await db.section.findFirstOrThrow();
    const revision = await db.sectionRevision.create({ data: { sectionId: section.id, hash: "kept-whole", content: '{"content":[],"type":"doc"}' } });
    await db.versionSection.create({ data: { versionId: version.id, sectionId: section.id, revisionId: revision.id, position: 0, title: "Mục cũ" } });
    const statements = [
      `UPDATE "SectionOutline" SET "entries" = '[]'`,
      `DELETE FROM "SectionOutline"`,
      `UPDATE "Version" SET "hash" = 'x'`,
      `DELETE FROM "Version"`,
      `UPDATE "SectionRevision" SET "content" = '{}'`,
      `DELETE FROM "SectionRevision"`,
      `UPDATE "Block" SET "baseId" = NULL`,
      `DELETE FROM "Block"`,
      `UPDATE "VersionSection" SET "title" = 'x'`,
      `DELETE FROM "VersionSection"`,
      `UPDATE "AuditEvent" SET "action" = 'x'`,
      `DELETE FROM "AuditEvent"`,
    ];
    for (const statement of statements) {
      await expect(db.$executeRawUnsafe(statement), statement).rejects.toThrow(/append-only/);
    }
    if (engine === "postgres") {
      await expect(db.$executeRawUnsafe(`TRUNCATE "Version" CASCADE`)).rejects.toThrow(/append-only/);
    }
    expect(await db.version.count()).toBe(2);
    expect(await db.auditEvent.count()).toBeGreaterThan(0);
  });

  it("still accepts new versions and audit events", async () => {
    const { db } = database;
    const before = await db.auditEvent.count();
    await db.auditEvent.create({ data: { action: "test.event", targetType: "test", targetId: "1" } });
    expect(await db.auditEvent.count()).toBe(before + 1);
  });
});
