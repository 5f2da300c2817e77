import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNotifications } from "../services/notifications/list-notifications";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { migrate } from "./migrate";

const engines = await availableEngines();
const MIGRATION = "20261202000000_notification_params_and_email";

describe.each(engines)("the migration to notifications with parameters on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { migrationsBefore: MIGRATION });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("keeps existing notifications showing their text, and every person and version as it was", async () => {
    const { db } = database;
    const statements = [
      `INSERT INTO "Organization" ("id", "slug", "name", "nameEn") VALUES ('org', 'bo-noi-vu', 'Bộ Nội vụ', 'Ministry of Home Affairs')`,
      `INSERT INTO "User" ("id", "email", "name", "role", "organizationId", "updatedAt") VALUES ('u1', 'thu@moha.gov.vn', 'Đỗ Thị Thu', 'REVIEWER', 'org', CURRENT_TIMESTAMP)`,
      `INSERT INTO "Document" ("id", "slug", "title") VALUES ('d1', 'cam-nang', 'Cẩm nang')`,
      `INSERT INTO "Version" ("id", "documentId", "number", "hash", "publishedById") VALUES ('v1', 'd1', 1, 'h1', 'u1')`,
      `INSERT INTO "Notification" ("id", "userId", "kind", "message") VALUES ('n1', 'u1', 'review_requested', 'Đề xuất “Cũ” của Bộ Tài chính đang chờ thẩm định.')`,
    ];
    for (const statement of statements) await db.$executeRawUnsafe(statement);

    const report = await migrate();
    expect(report.applied).toContain(MIGRATION);

    // Legacy text is shown as written, whatever the reader's language.
    const [legacy] = await listNotifications({ userId: "u1", locale: "en", db });
    expect(legacy).toMatchObject({ id: "n1", kind: "review_requested", text: "Đề xuất “Cũ” của Bộ Tài chính đang chờ thẩm định." });
    const user = await db.user.findUniqueOrThrow({ where: { id: "u1" } });
    expect(user).toMatchObject({ locale: "vi", emailDelivery: "IMMEDIATE", email: "thu@moha.gov.vn" });
    // The person rows were altered in place: the append-only version still names its publisher.
    expect((await db.version.findUniqueOrThrow({ where: { id: "v1" } })).publishedById).toBe("u1");
    expect(await db.notification.count()).toBe(1);
  });
});
