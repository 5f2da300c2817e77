import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../db/documents";
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

  it("stores nothing for an unchanged section: the new version points at its existing revision", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const head = await headVersion(db, document.id);
    const current = await loadVersionSnapshot(db, document, head!.id);
    const revisionsBefore = await db.sectionRevision.count();
    await publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: withParagraph(current, "Một câu nữa."), actorId: null });
    expect(await db.sectionRevision.count()).toBe(revisionsBefore + 1);
  });

  it("refuses a publish based on an old head and writes nothing", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const before = await db.version.count();
    const current = await loadVersionSnapshot(db, document, (await headVersion(db, document.id))!.id);
    await expect(publishVersion({ documentId: document.id, expectedHeadNumber: 1, snapshot: current, actorId: null })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.version.count()).toBe(before);
  });
});
