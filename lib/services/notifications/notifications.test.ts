import { atomProblems } from "@/lib/testing/atom-problems";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { listNotifications } from "./list-notifications";
import { notificationFeed } from "./notification-feed";
import { notify } from "./notify";

const engines = await availableEngines();

describe.each(engines)("notifications rendered for the reader on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("stores a kind and parameters, and reads them in English to an English reader and in Vietnamese to a Vietnamese one", async () => {
    const { db } = database;
    const minh = await actorByEmail(db, "minh@mic.gov.vn");
    await notify(db, { userIds: [minh.id], event: { kind: "decision", params: { reviewerName: "Đỗ Thị Thu", decision: "request_changes", proposalTitle: "Sửa Kỳ 18" } } });
    await notify(db, {
      userIds: [minh.id],
      event: { kind: "merge_conflict", params: { proposalTitle: "Sửa Kỳ 18", conflictCount: 1, versionNumber: 4 } },
    });
    const stored = await db.notification.findFirstOrThrow({ where: { userId: minh.id, kind: "decision" } });
    expect(stored.message).toBeNull();
    expect(JSON.parse(stored.params)).toEqual({ reviewerName: "Đỗ Thị Thu", decision: "request_changes", proposalTitle: "Sửa Kỳ 18" });

    const english = (await listNotifications({ userId: minh.id, locale: "en" })).map((notification) => notification.text);
    expect(english).toEqual(expect.arrayContaining([
      "The proposal “Sửa Kỳ 18” has 1 conflict with version 4; resolve them before review continues.",
      "Đỗ Thị Thu requested changes to the proposal “Sửa Kỳ 18”.",
      // The seed's own review notifications, written by the same services.
      "The proposal “Sửa lỗi định dạng của bản đăng trên web” by Bộ Tài chính awaits review.",
    ]));
    const vietnamese = (await listNotifications({ userId: minh.id, locale: "vi" })).map((notification) => notification.text);
    expect(vietnamese).toEqual(expect.arrayContaining([
      "Đề xuất “Sửa Kỳ 18” có 1 xung đột với phiên bản 4; cần xử lý trước khi thẩm định tiếp.",
      "Đỗ Thị Thu đã yêu cầu chỉnh sửa đề xuất “Sửa Kỳ 18”.",
      "Đề xuất “Sửa lỗi định dạng của bản đăng trên web” của Bộ Tài chính đang chờ thẩm định.",
    ]));
    // Every one of them differs between the languages: none is left in Vietnamese for the English reader.
    expect(english.filter((text) => vietnamese.includes(text))).toEqual([]);
  });

  it("tells the authors what a publication changed, in their language (the version's summary)", async () => {
    const { db } = database;
    const lan = await actorByEmail(db, "lan@mof.gov.vn");
    const version = await db.version.findFirstOrThrow({ where: { number: 2 } });
    const removed = (JSON.parse(version.stats) as { wordsRemoved: number }).wordsRemoved;
    const english = (await listNotifications({ userId: lan.id, locale: "en" })).map((notification) => notification.text);
    expect(english).toContain(
      `The proposal “Sửa lỗi định dạng của bản đăng trên web” was published as version 2. Section “Lời tổng kết”: 2 paragraphs joined, 1 repeated paragraph removed, 1 line removed, ${removed} words removed.`,
    );
    const vietnamese = (await listNotifications({ userId: lan.id, locale: "vi" })).map((notification) => notification.text);
    expect(vietnamese).toContain(
      `Đề xuất “Sửa lỗi định dạng của bản đăng trên web” đã được ban hành thành phiên bản 2. ${version.summary}.`,
    );
    // A publication notified before it carried the changes says what it said then.
    await notify(db, { userIds: [lan.id], event: { kind: "published", params: { proposalTitle: "Cũ", versionNumber: 1 } } });
    expect((await listNotifications({ userId: lan.id, locale: "en" })).map((notification) => notification.text)).toContain(
      "The proposal “Cũ” was published as version 1.",
    );
  });

  it("shows rows written before kinds had parameters as they were written, and a row it cannot read as such", async () => {
    const { db } = database;
    const thu = await actorByEmail(db, "thu@moha.gov.vn");
    await db.notification.create({ data: { userId: thu.id, kind: "decision", message: "Lê Văn Minh đã phê duyệt đề xuất “Cũ”." } });
    await db.notification.create({ data: { userId: thu.id, kind: "from_the_future", params: "{}" } });
    await db.notification.create({ data: { userId: thu.id, kind: "published", params: '{"proposalTitle": 7}' } });
    const texts = (await listNotifications({ userId: thu.id, locale: "en" })).map((notification) => notification.text);
    expect(texts).toContain("Lê Văn Minh đã phê duyệt đề xuất “Cũ”.");
    expect(texts.filter((text) => text === "A notification cannot be shown (it was written by another release of the system).")).toHaveLength(2);
  });

  it("gives a person who reads in English an English Atom feed, with an author and no forbidden characters", async () => {
    const { db } = database;
    const khoa = await actorByEmail(db, "khoa@mof.gov.vn");
    await db.user.update({ where: { id: khoa.id }, data: { locale: "en" } });
    await notify(db, { userIds: [khoa.id], event: { kind: "review_requested", params: { proposalTitle: "Tiêu đề\u0007 lạ", organizationName: "Bộ Tài chính" } }, proposalId: null });
    const xml = await notificationFeed({ actor: khoa, baseUrl: "https://camnang.test/", locale: null });
    expect(atomProblems(xml)).toEqual([]);
    expect(xml).toContain('xml:lang="en"');
    expect(xml).toContain(`<title>Notifications for ${khoa.name} — Cẩm nang mở</title>`);
    expect(xml).toContain("<title>The proposal “Tiêu đề lạ” by Bộ Tài chính awaits review.</title>");
    expect(xml).toContain("<author><name>");
    expect(xml).not.toContain("\u0007");
    // The language switch of the request wins over the stored preference.
    expect(await notificationFeed({ actor: khoa, baseUrl: "https://camnang.test", locale: "vi" })).toContain(
      "<title>Đề xuất “Tiêu đề lạ” của Bộ Tài chính đang chờ thẩm định.</title>",
    );
  });
});
