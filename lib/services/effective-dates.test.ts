import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../db/documents";
import type { DocumentSnapshot } from "../domain/document";
import { AppError } from "../errors";
import { DATED_DOCUMENT, noonInVietnam, seedDatedDocument } from "../testing/dated-document";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { now, today } from "./clock";
import { contentEpoch } from "./content-epoch";
import { publishVersion } from "./publish-version";
import { readPublishedDocument } from "./read-document";

const engines = await availableEngines();

function amended(snapshot: DocumentSnapshot, text: string): DocumentSnapshot {
  const [first, ...rest] = snapshot.sections;
  return { ...snapshot, sections: [{ ...first, content: { type: "doc", content: [{ type: "paragraph", attrs: { id: "amended" }, content: [{ type: "text", text }] }] } }, ...rest] };
}

function textOf(published: Awaited<ReturnType<typeof readPublishedDocument>>): string {
  return published.sections.map((section) => section.html).join("\n");
}

describe.each(engines)("effective dates on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    await seedDatedDocument(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("reads the text in force on a day: v1 on 2025-03-15 (superseded on 2025-06-01), nothing on 2024-12-31", async () => {
    const onMarch = await readPublishedDocument({ slug: DATED_DOCUMENT.slug, at: "2025-03-15" });
    expect(onMarch.version.number).toBe(1);
    expect(onMarch.effect).toMatchObject({ asOf: "2025-03-15", effectiveFrom: "2025-01-01", supersededOn: "2025-06-01", status: "superseded", inForceNumber: 2 });
    expect(textOf(onMarch)).toContain(`${DATED_DOCUMENT.v1Words}.`);
    const onJune = await readPublishedDocument({ slug: DATED_DOCUMENT.slug, at: "2025-06-01" });
    expect(onJune.version.number).toBe(2);
    expect(onJune.effect.supersededOn).toBeNull();

    const before = readPublishedDocument({ slug: DATED_DOCUMENT.slug, at: "2024-12-31" });
    await expect(before).rejects.toMatchObject({ code: "NOT_FOUND", messageKey: "notInForceOn" });
    await expect(readPublishedDocument({ slug: DATED_DOCUMENT.slug, at: "2025-02-30" })).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "invalidDate" });
  });

  it("a prospective version leaves the current text alone until the clock reaches its day, then takes over", async () => {
    const { db } = database;
    const document = await db.document.findUniqueOrThrow({ where: { slug: DATED_DOCUMENT.slug } });
    const head = (await headVersion(db, document.id))!;
    const snapshot = await loadVersionSnapshot(db, document, head.id);
    const publishedOn = noonInVietnam("2025-08-01");
    const published = await publishVersion({
      documentId: document.id,
      expectedHeadNumber: head.number,
      snapshot: amended(snapshot, "Phạm vi mới từ tháng Chín."),
      actorId: null,
      effectiveFrom: "2025-09-01",
      now: publishedOn,
    });
    expect(published).toMatchObject({ number: 3, effectiveFrom: "2025-09-01" });

    const beforeDay = await readPublishedDocument({ slug: DATED_DOCUMENT.slug, now: noonInVietnam("2025-08-31") });
    expect(beforeDay.version.number).toBe(2);
    expect(beforeDay.headNumber).toBe(3);
    expect(beforeDay.effect.prospective).toEqual([{ number: 3, effectiveFrom: "2025-09-01" }]);
    expect(beforeDay.effect.nextChange).toBe("2025-09-01");
    expect(textOf(beforeDay)).not.toContain("Phạm vi mới từ tháng Chín.");

    // Midnight in Hà Nội, no one pressing anything.
    const onDay = await readPublishedDocument({ slug: DATED_DOCUMENT.slug, now: new Date("2025-08-31T17:00:00Z") });
    expect(onDay.version.number).toBe(3);
    expect(onDay.effect).toMatchObject({ status: "in_force", prospective: [], nextChange: null });
    expect(textOf(onDay)).toContain("Phạm vi mới từ tháng Chín.");
  });

  it("refuses an effective day in the past or before the previous version's, and writes nothing", async () => {
    const { db } = database;
    const document = await db.document.findUniqueOrThrow({ where: { slug: DATED_DOCUMENT.slug } });
    const head = (await headVersion(db, document.id))!;
    const snapshot = amended(await loadVersionSnapshot(db, document, head.id), "Không được ban hành.");
    const attempt = (effectiveFrom: string, at: string) =>
      publishVersion({ documentId: document.id, expectedHeadNumber: head.number, snapshot, actorId: null, effectiveFrom, now: noonInVietnam(at) });
    await expect(attempt("2025-08-15", "2025-08-20")).rejects.toMatchObject({ code: "BAD_REQUEST", messageKey: "effectiveDateTooEarly" });
    // Version 3 takes effect on 2025-09-01, so nothing built on it may take effect earlier.
    await expect(attempt("2025-08-25", "2025-08-20")).rejects.toMatchObject({ code: "BAD_REQUEST", messageParams: { earliest: "2025-09-01" } });
    await expect(attempt("01/09/2025", "2025-08-20")).rejects.toBeInstanceOf(AppError);
    expect((await headVersion(db, document.id))!.number).toBe(head.number);
  });

  it("existing seeded versions took effect on their publication day", async () => {
    const { db } = database;
    for (const version of await db.version.findMany({ where: { document: { slug: "cam-nang-chuyen-doi-so" } } })) {
      expect(version.effectiveFrom).toBe(today(version.publishedAt));
    }
  });

  it("refuses to change or remove version events and editions", async () => {
    const { db } = database;
    const version = await db.version.findFirstOrThrow({ where: { document: { slug: DATED_DOCUMENT.slug }, number: 1 } });
    const event = await db.versionEvent.create({ data: { versionId: version.id, kind: "NOTE_FOR_TEST", effectiveOn: "2025-01-01" } });
    const edition = await db.edition.create({ data: { documentId: version.documentId, versionId: version.id, slug: "an-ban-thu", name: "Ấn bản thử" } });
    await expect(db.versionEvent.update({ where: { id: event.id }, data: { reason: "x" } })).rejects.toThrow();
    await expect(db.edition.update({ where: { id: edition.id }, data: { name: "khác" } })).rejects.toThrow();
    for (const statement of [`UPDATE "VersionEvent" SET "reason" = 'x'`, `DELETE FROM "VersionEvent"`, `UPDATE "Edition" SET "name" = 'x'`, `DELETE FROM "Edition"`, `UPDATE "Version" SET "effectiveFrom" = '2030-01-01'`]) {
      await expect(db.$executeRawUnsafe(statement), statement).rejects.toThrow(/append-only/);
    }
    expect(await db.versionEvent.count({ where: { id: event.id, reason: "" } })).toBe(1);
    expect(await db.edition.count({ where: { id: edition.id, name: "Ấn bản thử" } })).toBe(1);
  });
});

describe("the clock", () => {
  const saved = process.env.HANDBOOK_CLOCK;
  afterEach(() => {
    if (saved === undefined) delete process.env.HANDBOOK_CLOCK;
    else process.env.HANDBOOK_CLOCK = saved;
  });

  it("follows HANDBOOK_CLOCK, fixed or read from a file that a test can move", () => {
    process.env.HANDBOOK_CLOCK = "2025-03-15";
    expect(today()).toBe("2025-03-15");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clock-")), "clock");
    process.env.HANDBOOK_CLOCK = `file:${file}`;
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
    fs.writeFileSync(file, "2025-05-31T23:59:00+07:00\n");
    expect(today()).toBe("2025-05-31");
    fs.writeFileSync(file, "2025-06-01");
    expect(today()).toBe("2025-06-01");
  });

  it("moves the page cache's epoch when the day changes, with no event written", async () => {
    const database = await createTestDatabase("sqlite", { seed: true });
    try {
      process.env.HANDBOOK_CLOCK = "2025-05-31";
      const before = await contentEpoch();
      expect(await contentEpoch()).toBe(before);
      process.env.HANDBOOK_CLOCK = "2025-06-01";
      expect(await contentEpoch()).not.toBe(before);
    } finally {
      await database.drop();
    }
  });
});
