import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../db/documents";
import { loadVersionPlacements } from "../db/version-sections";
import { blockListOfKey } from "../domain/section-placements";
import type { DocumentSnapshot } from "../domain/document";
import { AppError } from "../errors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { publishVersion } from "./publish-version";
import { verifyDocument } from "./verify-document";

const engines = await availableEngines();
const RACERS = 8;

function withParagraph(snapshot: DocumentSnapshot, text: string): DocumentSnapshot {
  const [first, ...rest] = snapshot.sections;
  return {
    ...snapshot,
    sections: [{ ...first, content: { ...first.content, content: [...first.content.content, { type: "paragraph", attrs: { id: `p-${text.length}-${text.charCodeAt(text.length - 1)}` }, content: [{ type: "text", text }] }] } }, ...rest],
  };
}

describe.each(engines)("publishing versions on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("lets exactly one of eight concurrent publishes on the same head win", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const head = await headVersion(db, document.id);
    const current = await loadVersionSnapshot(db, document, head!.id);
    const results = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, index) =>
        publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: withParagraph(current, `Đoạn mới số ${index}`), actorId: null }),
      ),
    );
    const winners = results.filter((result) => result.status === "fulfilled");
    const losers = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(AppError);
      expect((loser.reason as AppError).code).toBe("CONFLICT");
    }
    const numbers = (await db.version.findMany({ where: { documentId: document.id }, orderBy: { number: "asc" } })).map((version) => version.number);
    expect(numbers).toEqual([1, 2, 3]);
    expect(await verifyDocument(document.slug)).toEqual({ ok: true, versions: 3, headHash: expect.any(String) });
  });

  it("stores nothing for an unchanged section: the new version keeps its revision key and shares the outline", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const head = await headVersion(db, document.id);
    const current = await loadVersionSnapshot(db, document, head!.id);
    const before = await loadVersionPlacements(db, head!.id);
    const revisionsBefore = await db.sectionRevision.count();
    const outlinesBefore = await db.sectionOutline.count();
    const published = await publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: withParagraph(current, "Một câu nữa."), actorId: null });
    const after = await loadVersionPlacements(db, published.id);
    expect(after.map((row) => row.sectionId)).toEqual(before.map((row) => row.sectionId));
    expect(after[0].revisionId).not.toBe(before[0].revisionId);
    expect(after.slice(1).map((row) => row.revisionId)).toEqual(before.slice(1).map((row) => row.revisionId));
    // A revision kept by block is named by its block list: no row, and the same titles share one outline.
    expect(await db.sectionRevision.count()).toBe(revisionsBefore);
    expect(await db.sectionOutline.count()).toBe(outlinesBefore);
    expect((await db.version.findUniqueOrThrow({ where: { id: published.id } })).outlineId).toBe(head!.outlineId);
    expect(await db.versionSection.count({ where: { versionId: published.id } })).toBe(0);
  });

  it("stores one block for one changed paragraph, packed against the paragraph it replaces, and reads back every byte", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const head = await headVersion(db, document.id);
    const current = await loadVersionSnapshot(db, document, head!.id);
    const changed = structuredClone(current);
    const paragraph = changed.sections[0].content.content.find((block) => block.type === "paragraph" && block.content?.[0]?.type === "text");
    if (!paragraph?.content) throw new Error("no paragraph in the seed");
    paragraph.content[0].text = `${paragraph.content[0].text ?? ""} (sửa đổi)`;
    const blocksBefore = await db.block.findMany({ select: { id: true } });
    const published = await publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: changed, actorId: null });
    const added = await db.block.findMany({ where: { id: { notIn: blocksBefore.map((block) => block.id) } } });
    expect(added).toHaveLength(1);
    expect(added[0].baseId).not.toBeNull();
    // The edited paragraph costs a few dozen bytes, not its own length.
    expect(added[0].data.byteLength).toBeLessThan(JSON.stringify(paragraph).length / 4);
    const stored = await loadVersionSnapshot(db, document, published.id);
    expect(stored.sections.map((section) => JSON.stringify(section.content))).toEqual(changed.sections.map((section) => JSON.stringify(section.content)));
    expect(await verifyDocument(document.slug)).toMatchObject({ ok: true });
  });

  it("refuses a publish based on an old head and writes nothing", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const before = await db.version.count();
    const current = await loadVersionSnapshot(db, document, (await headVersion(db, document.id))!.id);
    await expect(publishVersion({ documentId: document.id, expectedHeadNumber: 1, snapshot: current, actorId: null })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.version.count()).toBe(before);
  });

  // Last: it leaves the database's history broken on purpose.
  it("reports a block altered behind the product's back as a content mismatch of the first version using it", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const first = await db.version.findFirstOrThrow({ where: { documentId: document.id, number: 1 } });
    const block = blockListOfKey((await loadVersionPlacements(db, first.id))[0].revisionId)![0];
    if (engine === "sqlite") await db.$executeRawUnsafe(`DROP TRIGGER "Block_no_update"`);
    else await db.$executeRawUnsafe(`ALTER TABLE "Block" DISABLE TRIGGER USER`);
    // Bytes that do not even inflate: verification says so rather than failing.
    await db.block.update({ where: { id: block }, data: { data: new Uint8Array([0xff, 0xff, 0xff]) } });
    expect(await verifyDocument(document.slug)).toMatchObject({ ok: false, failedAt: 1, reason: "content_hash_mismatch" });
  });
});
