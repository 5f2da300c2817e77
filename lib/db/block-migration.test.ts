import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectionContent } from "../domain/document";
import { sectionContentHash } from "../domain/tlog";
import { decodeStatement } from "../domain/tlog";
import { hashCanonical } from "../domain/canonical";
import { snapshotHash, versionHash, verifyChain } from "../domain/version-hash";
import { backfillLog } from "../services/log/backfill-log";
import { signPendingCheckpoint } from "../services/log/checkpoints";
import { publishVersion } from "../services/publish-version";
import { verifyDocument } from "../services/verify-document";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { findDocumentBySlug, loadVersionSnapshot } from "./documents";
import { migrate } from "./migrate";
import { revisionTexts, REVISION_TEXT_SELECT } from "./section-text";

const engines = await availableEngines();
const MIGRATION = "20261218000000_content_addressed_blocks";
const SLUG = "cam-nang";

function paragraph(id: string, text: string) {
  return { type: "paragraph", attrs: { id }, content: [{ type: "text", text }] };
}

const LONG = "Chính phủ số là chính phủ hoạt động, vận hành, ban hành chính sách và cung cấp dịch vụ số một cách chủ động theo nhu cầu của người dân. ";
const first: SectionContent = { type: "doc", content: [paragraph("blk-1", LONG.repeat(3)), paragraph("blk-2", "Có ba mức độ phát triển."), { type: "heading", attrs: { level: 2, id: "blk-3" }, content: [{ type: "text", text: "Kết luận" }] }] };
const firstEdited: SectionContent = { ...first, content: [paragraph("blk-1", `${LONG.repeat(3)}(sửa đổi)`), ...first.content.slice(1)] };
const second: SectionContent = { type: "doc", content: [paragraph("blk-9", "Lời tổng kết."), paragraph("blk-2", "Có ba mức độ phát triển.")] };
const secondEdited: SectionContent = { ...second, content: [paragraph("blk-9", "Lời tổng kết của kỳ cuối."), ...second.content.slice(1)] };

/** Versions as an older release stored them: every revision's whole text, one of them with keys in another order. */
const STORED_VERSIONS: { sections: { id: string; slug: string; title: string; revision: string; text: string }[] }[] = [
  { sections: [{ id: "s1", slug: "ky-18", title: "Kỳ 18", revision: "r1", text: JSON.stringify(first) }] },
  {
    sections: [
      { id: "s1", slug: "ky-18", title: "Kỳ 18", revision: "r2", text: JSON.stringify(firstEdited) },
      // Not Tiptap's frame (keys sorted): kept whole, read the same.
      { id: "s2", slug: "loi-tong-ket", title: "Lời tổng kết", revision: "r3", text: JSON.stringify({ content: second.content, type: "doc" }) },
    ],
  },
  {
    sections: [
      { id: "s2", slug: "loi-tong-ket", title: "Lời tổng kết", revision: "r4", text: JSON.stringify(secondEdited) },
      { id: "s1", slug: "ky-18", title: "Kỳ 18", revision: "r2", text: JSON.stringify(firstEdited) },
    ],
  },
];

describe.each(engines)("the migration to content-addressed blocks on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { migrationsBefore: MIGRATION });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("keeps existing revisions by block with their texts byte for byte, so the chain and the log verify, and stays append-only", async () => {
    const { db } = database;
    const run = (sql: string) => db.$executeRawUnsafe(sql);
    const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
    await run(`INSERT INTO "Document" ("id", "slug", "title") VALUES ('d1', '${SLUG}', 'Cẩm nang')`);
    await run(`INSERT INTO "Section" ("id", "documentId", "slug") VALUES ('s1', 'd1', 'ky-18'), ('s2', 'd1', 'loi-tong-ket')`);
    const written = new Set<string>();
    let prevHash: string | null = null;
    for (const [index, version] of STORED_VERSIONS.entries()) {
      const number = index + 1;
      for (const section of version.sections) {
        if (written.has(section.revision)) continue;
        written.add(section.revision);
        await run(
          `INSERT INTO "SectionRevision" ("id", "sectionId", "hash", "content", "createdAt") VALUES (${quote(section.revision)}, ${quote(section.id)}, ` +
            `${quote(hashCanonical(JSON.parse(section.text)))}, ${quote(section.text)}, '2026-03-0${number}T10:00:00.000Z')`,
        );
      }
      const snapshot = { slug: SLUG, title: "Cẩm nang", sections: version.sections.map((section) => ({ id: section.id, slug: section.slug, title: section.title, content: JSON.parse(section.text) as SectionContent })) };
      const hash = versionHash({ number, prevHash, contentHash: snapshotHash(snapshot) });
      await run(
        `INSERT INTO "Version" ("id", "documentId", "number", "hash", "prevHash", "publishedAt", "effectiveFrom") ` +
          `VALUES ('v${number}', 'd1', ${number}, '${hash}', ${prevHash ? `'${prevHash}'` : "NULL"}, '2026-03-0${number}T10:00:00.000Z', '2026-03-0${number}')`,
      );
      for (const [position, section] of version.sections.entries()) {
        await run(`INSERT INTO "VersionSection" ("versionId", "sectionId", "revisionId", "position", "title") VALUES ('v${number}', '${section.id}', '${section.revision}', ${position}, ${quote(section.title)})`);
      }
      prevHash = hash;
    }

    const report = await migrate();
    expect(report.applied).toContain(MIGRATION);

    const revisions = await db.sectionRevision.findMany({ select: { ...REVISION_TEXT_SELECT, sectionId: true }, orderBy: { id: "asc" } });
    expect(revisions.map((revision) => [revision.id, revision.blocks === null])).toEqual([["r1", false], ["r2", false], ["r3", true], ["r4", false]]);
    expect(revisions.filter((revision) => revision.blocks !== null).every((revision) => revision.content === "")).toBe(true);
    const texts = await revisionTexts(db, revisions);
    const original = new Map(STORED_VERSIONS.flatMap((version) => version.sections.map((section) => [section.revision, section.text] as const)));
    for (const [id, text] of original) expect(texts.get(id)).toBe(text);
    // Distinct blocks stored once: blk-1 and its edit (packed against it), blk-2, blk-3, the edited blk-9; r3 stayed whole.
    const blocks = await db.block.findMany({ orderBy: { id: "asc" } });
    expect(blocks).toHaveLength(5);
    expect(blocks.filter((block) => block.baseId !== null)).toHaveLength(1);

    const document = await findDocumentBySlug(db, SLUG);
    if (!document) throw new Error("document missing");
    const versions = await db.version.findMany({ where: { documentId: document.id }, orderBy: { number: "asc" } });
    const stored = await Promise.all(versions.map(async (version) => ({ ...version, snapshot: await loadVersionSnapshot(db, document, version.id) })));
    expect(verifyChain(stored)).toMatchObject({ ok: true, versions: 3 });

    // The log written from the converted rows commits to the very bytes the older release stored.
    await backfillLog(db);
    await signPendingCheckpoint({ db });
    const entries = await db.logEntry.findMany({ orderBy: { index: "asc" } });
    expect(entries.map((entry) => decodeStatement(new Uint8Array(entry.statement)).sections.map((section) => section.contentHash))).toEqual(
      STORED_VERSIONS.map((version) => version.sections.map((section) => sectionContentHash(section.text))),
    );
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 3 });

    // Publishing goes on after the converted rows: the new paragraph is the only new block.
    const head = stored[2].snapshot;
    const changed = structuredClone(head);
    const target = changed.sections[1].content.content[1];
    target.content = [{ type: "text", text: "Có bốn mức độ phát triển." }];
    await publishVersion({ db, documentId: document.id, expectedHeadNumber: 3, snapshot: changed, actorId: null, summary: "Sửa một đoạn" });
    expect(await db.block.count()).toBe(6);
    expect(await verifyDocument(SLUG)).toMatchObject({ ok: true, versions: 4 });

    for (const statement of [`UPDATE "Block" SET "baseId" = NULL`, `DELETE FROM "Block"`, `UPDATE "SectionRevision" SET "content" = '{}'`, `DELETE FROM "SectionRevision"`]) {
      await expect(db.$executeRawUnsafe(statement), statement).rejects.toThrow(/append-only/);
    }
  });
});
