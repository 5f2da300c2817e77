import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCanonical } from "../domain/canonical";
import type { SectionContent } from "../domain/document";
import { blockListOfKey } from "../domain/section-placements";
import { snapshotHash, versionHash, verifyChain } from "../domain/version-hash";
import { backfillLog } from "../services/log/backfill-log";
import { signPendingCheckpoint } from "../services/log/checkpoints";
import { publishVersion } from "../services/publish-version";
import { verifyDocument } from "../services/verify-document";
import { subscriptionTarget } from "../services/mail/subscription-target";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { findDocumentBySlug, loadVersionSections, loadVersionSnapshot } from "./documents";
import { listPlacements } from "./history";
import { migrate } from "./migrate";
import { lastTitleOfSection } from "./version-sections";

const engines = await availableEngines();
const MIGRATION = "20261230000000_section_outlines";
const SLUG = "cam-nang";

function doc(...texts: string[]): SectionContent {
  return { type: "doc", content: texts.map((text, index) => ({ type: "paragraph", attrs: { id: `p-${index}` }, content: [{ type: "text", text }] })) };
}

const INTRO = doc("Chính phủ số phục vụ người dân.", "Có ba mức độ phát triển.");
const INTRO_EDITED = doc("Chính phủ số phục vụ người dân và doanh nghiệp.", "Có ba mức độ phát triển.");
const CLOSING = doc("Lời tổng kết.");

/** Versions as the release before outlines stored them: one VersionSection row per section. */
const STORED_VERSIONS = [
  [
    { id: "s1", slug: "mo-dau", title: "Mở đầu", revision: "r1", content: INTRO },
    { id: "s2", slug: "ket-luan", title: "Kết luận", revision: "r2", content: CLOSING },
  ],
  [
    { id: "s1", slug: "mo-dau", title: "Mở đầu", revision: "r3", content: INTRO_EDITED },
    { id: "s2", slug: "ket-luan", title: "Kết luận", revision: "r2", content: CLOSING },
  ],
];

describe.each(engines)("the migration to section outlines on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { migrationsBefore: MIGRATION });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("reads versions listed by VersionSection rows as before, and versions published after it by outline, in one history that verifies", async () => {
    const { db } = database;
    const run = (sql: string) => db.$executeRawUnsafe(sql);
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    await run(`INSERT INTO "Document" ("id", "slug", "title") VALUES ('d1', '${SLUG}', 'Cẩm nang')`);
    await run(`INSERT INTO "Section" ("id", "documentId", "slug") VALUES ('s1', 'd1', 'mo-dau'), ('s2', 'd1', 'ket-luan')`);
    const written = new Set<string>();
    let prevHash: string | null = null;
    for (const [index, sections] of STORED_VERSIONS.entries()) {
      const number = index + 1;
      for (const section of sections) {
        if (written.has(section.revision)) continue;
        written.add(section.revision);
        const text = JSON.stringify(section.content);
        await run(`INSERT INTO "SectionRevision" ("id", "sectionId", "hash", "content") VALUES (${quote(section.revision)}, ${quote(section.id)}, ${quote(hashCanonical(section.content))}, ${quote(text)})`);
      }
      const snapshot = { slug: SLUG, title: "Cẩm nang", sections: sections.map(({ id, slug, title, content }) => ({ id, slug, title, content })) };
      const hash = versionHash({ number, prevHash, contentHash: snapshotHash(snapshot) });
      await run(
        `INSERT INTO "Version" ("id", "documentId", "number", "hash", "prevHash", "publishedAt", "effectiveFrom") ` +
          `VALUES ('v${number}', 'd1', ${number}, '${hash}', ${prevHash ? `'${prevHash}'` : "NULL"}, '2026-03-0${number}T10:00:00.000Z', '2026-03-0${number}')`,
      );
      for (const [position, section] of sections.entries()) {
        await run(`INSERT INTO "VersionSection" ("versionId", "sectionId", "revisionId", "position", "title") VALUES ('v${number}', '${section.id}', '${section.revision}', ${position}, ${quote(section.title)})`);
      }
      prevHash = hash;
    }

    expect((await migrate()).applied).toContain(MIGRATION);
    const document = await findDocumentBySlug(db, SLUG);
    if (!document) throw new Error("document missing");
    expect((await loadVersionSections(db, "v2")).map((section) => [section.slug, section.title, section.revisionId])).toEqual([
      ["mo-dau", "Mở đầu", "r3"],
      ["ket-luan", "Kết luận", "r2"],
    ]);
    await backfillLog(db);
    await signPendingCheckpoint({ db });
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 2 });

    // Version 3 changes the closing section and renames it; version 4 changes the opening one back to its first text.
    const v3 = structuredClone(await loadVersionSnapshot(db, document, "v2"));
    v3.sections[1] = { ...v3.sections[1], title: "Lời kết", content: doc("Lời tổng kết của kỳ cuối.") };
    await publishVersion({ db, documentId: document.id, expectedHeadNumber: 2, snapshot: v3, actorId: null });
    const v4 = structuredClone(v3);
    v4.sections[0] = { ...v4.sections[0], content: INTRO };
    await publishVersion({ db, documentId: document.id, expectedHeadNumber: 3, snapshot: v4, actorId: null });

    const placements = await listPlacements(db, document.id);
    expect(placements.map((placement) => placement.sections.map((row) => row.revisionId))).toEqual([
      ["r1", "r2"],
      ["r3", "r2"],
      // Unchanged since the last VersionSection rows: the same revision, so history shows no change there.
      ["r3", expect.stringMatching(/^b:\d+$/)],
      // A text a revision row already has keeps that row.
      ["r1", placements[2].sections[1].revisionId],
    ]);
    expect(blockListOfKey(placements[2].sections[1].revisionId)).toHaveLength(1);
    expect(placements[3].sections.map((row) => row.title)).toEqual(["Mở đầu", "Lời kết"]);
    const [third, fourth] = await db.version.findMany({ where: { number: { in: [3, 4] } }, orderBy: { number: "asc" } });
    expect(third.outlineId).not.toBeNull();
    expect(fourth.outlineId).toBe(third.outlineId);
    expect(await db.versionSection.count({ where: { versionId: { in: [third.id, fourth.id] } } })).toBe(0);
    expect((await loadVersionSnapshot(db, document, fourth.id)).sections.map((section) => section.content)).toEqual([INTRO, doc("Lời tổng kết của kỳ cuối.")]);

    const versions = await db.version.findMany({ where: { documentId: document.id }, orderBy: { number: "asc" } });
    const stored = await Promise.all(versions.map(async (version) => ({ ...version, snapshot: await loadVersionSnapshot(db, document, version.id) })));
    expect(verifyChain(stored)).toMatchObject({ ok: true, versions: 4 });
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 4 });

    // Version 5 removes the closing section: a subscription to it keeps the title it last had.
    await publishVersion({ db, documentId: document.id, expectedHeadNumber: 4, snapshot: { ...v4, sections: [v4.sections[0]] }, actorId: null });
    expect(await lastTitleOfSection(db, document.id, "s2")).toBe("Lời kết");
    expect((await subscriptionTarget(db, { documentId: document.id, sectionId: "s2" })).sectionTitle).toBe("Lời kết");
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 5 });

    for (const statement of [`UPDATE "SectionOutline" SET "entries" = '[]'`, `DELETE FROM "SectionOutline"`]) {
      await expect(db.$executeRawUnsafe(statement), statement).rejects.toThrow(/append-only/);
    }
  });

  it("reports an outline that no longer pairs with a version's revisions as a content mismatch", async () => {
    const { db } = database;
    if (engine === "sqlite") await db.$executeRawUnsafe(`DROP TRIGGER "Version_no_update"`);
    else await db.$executeRawUnsafe(`ALTER TABLE "Version" DISABLE TRIGGER USER`);
    const third = await db.version.findFirstOrThrow({ where: { number: 3 } });
    await db.version.update({ where: { id: third.id }, data: { revisionKeys: (third.revisionKeys ?? "").split(" ")[0] } });
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: false, failedAt: 3, reason: "content_hash_mismatch" });
  });
});
