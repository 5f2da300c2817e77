import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import {
  decodeBase64,
  decodeStatement,
  noteVerifier,
  openCheckpoint,
  rootFromLeafHashes,
  sectionContentHash,
  statementHash,
  statementLeafHash,
  verifyApprovalSignature,
} from "../../domain/tlog";
import { loadLogKey, logKeyFile, SIGNED_STATE_SUFFIX } from "../../log/log-signer";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { publishVersion } from "../publish-version";
import { revisionTextsByKey } from "../../db/section-text";
import { listPlacements } from "../../db/history";
import { loadVersionPlacements } from "../../db/version-sections";
import { blockListOfKey } from "../../domain/section-placements";
import { packBlock } from "../../domain/content-blocks";
import { FULL_RECHECK_INTERVAL_MS, forgetVerifiedPrefixes, verifyDocument } from "../verify-document";
import { backfillLog } from "./backfill-log";
import { latestCheckpoint, loadLogTree, signPendingCheckpoint } from "./checkpoints";

const engines = await availableEngines();

async function dropLogTriggers(database: TestDatabase): Promise<void> {
  const { db, engine } = database;
  const tables = ["LogEntry", "LogCheckpoint", "LogCosignature"];
  for (const table of tables) {
    if (engine === "sqlite") {
      await db.$executeRawUnsafe(`DROP TRIGGER "${table}_no_update"`);
      await db.$executeRawUnsafe(`DROP TRIGGER "${table}_no_delete"`);
    } else {
      await db.$executeRawUnsafe(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
      await db.$executeRawUnsafe(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
    }
  }
}

describe.each(engines)("the transparency log on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("gives every seeded version a canonical statement chained to the previous one, with the counted approvals signed by the reviewers' keys", async () => {
    const { db } = database;
    const entries = await db.logEntry.findMany({ orderBy: { index: "asc" }, include: { version: true } });
    const placements = new Map(await Promise.all(entries.map(async (entry) => [entry.versionId, await loadVersionPlacements(db, entry.versionId)] as const)));
    const texts = await revisionTextsByKey(db, [...placements.values()].flat().map((row) => row.revisionId));
    expect(entries.map((entry) => entry.version.number)).toEqual([1, 2]);
    let previous: string | null = null;
    for (const entry of entries) {
      const bytes = new Uint8Array(entry.statement);
      const statement = decodeStatement(bytes);
      expect(statement.version).toBe(entry.version.number);
      expect(statement.previousStatementHash).toBe(previous);
      expect(statementHash(bytes)).toBe(entry.statementHash);
      expect(statement.sections.map((section) => section.contentHash)).toEqual(placements.get(entry.versionId)!.map((row) => sectionContentHash(texts.get(row.revisionId) ?? "")));
      expect(statement.publishedAt).toBe(entry.version.publishedAt.toISOString());
      expect(statement.effectiveDate).toBe(entry.version.effectiveFrom);
      previous = entry.statementHash;
    }
    const second = decodeStatement(new Uint8Array(entries[1].statement));
    expect(second.proposalId).toBe(entries[1].version.proposalId);
    expect(second.approvals.length).toBeGreaterThanOrEqual(2);
    expect(second.approvals.every((approval) => approval.signing === "ed25519" && approval.decision === "approve")).toBe(true);
    // Each signature verifies over its payload with a key published for that reviewer.
    const keys = await db.reviewerKey.findMany();
    for (const approval of second.approvals) {
      if (approval.signing !== "ed25519") continue;
      expect(verifyApprovalSignature(second, approval)).toBe(true);
      expect(keys.find((key) => key.publicKey === approval.publicKey)?.userId).toBe(approval.reviewer.id);
    }
    expect(second.approvals.every((approval) => approval.baseStatementHash === entries[0].statementHash)).toBe(true);
  });

  it("signs a checkpoint over the whole log with the key in the key file, and remembers what it signed outside the database", async () => {
    const { db } = database;
    const checkpoint = await latestCheckpoint(db);
    const tree = await loadLogTree(db);
    expect(checkpoint?.size).toBe(tree.size);
    const key = loadLogKey();
    const opened = openCheckpoint(checkpoint!.note, [noteVerifier(key.verifier)]);
    expect(opened.checkpoint.origin).toBe("test.camnang.gov.vn/log");
    expect(opened.checkpoint.rootHash).toEqual(rootFromLeafHashes(tree.leafHashes));
    expect(fs.statSync(logKeyFile()).mode & 0o777).toBe(0o600);
    const state = JSON.parse(fs.readFileSync(`${logKeyFile()}${SIGNED_STATE_SUFFIX}`, "utf8")) as { size: number; rootHash: string };
    expect(state.size).toBe(tree.size);
    expect(decodeBase64(state.rootHash)).toEqual(opened.checkpoint.rootHash);
  });

  it("appends the next leaf in the publishing transaction and signs the grown tree after it commits", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const head = await headVersion(db, document.id);
    const snapshot = await loadVersionSnapshot(db, document, head!.id);
    const renamed = { ...snapshot, sections: snapshot.sections.map((section, index) => (index === 0 ? { ...section, title: `${section.title} (sửa)` } : section)) };
    const before = await loadLogTree(db);
    const published = await publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: renamed, actorId: null });
    expect(published.logIndex).toBe(before.size);
    const entry = await db.logEntry.findUniqueOrThrow({ where: { index: published.logIndex } });
    const statement = decodeStatement(new Uint8Array(entry.statement));
    expect(statement.publisher).toEqual({ id: "system", name: "Cẩm nang mở" });
    expect(statement.sections[0].title).toBe(renamed.sections[0].title);
    expect(entry.leafHash).toBe(Buffer.from(statementLeafHash(new Uint8Array(entry.statement))).toString("hex"));
    expect((await latestCheckpoint(db))?.size).toBe(before.size + 1);
  });

  it("refuses to change or remove a leaf, a checkpoint or a cosignature", async () => {
    const { db } = database;
    const statements = [
      `UPDATE "LogEntry" SET "statementHash" = 'x'`,
      `DELETE FROM "LogEntry"`,
      `UPDATE "LogCheckpoint" SET "note" = 'x'`,
      `DELETE FROM "LogCheckpoint"`,
    ];
    for (const statement of statements) await expect(db.$executeRawUnsafe(statement), statement).rejects.toThrow(/append-only/);
    if (engine === "postgres") await expect(db.$executeRawUnsafe(`TRUNCATE "LogEntry" CASCADE`)).rejects.toThrow(/append-only/);
  });

  it("gives versions from before the log the very statements publishing writes, in order, once", async () => {
    const { db } = database;
    const original = await db.logEntry.findMany({ orderBy: { index: "asc" } });
    // An install from before the log: no leaves, no checkpoints, no signed state.
    await dropLogTriggers(database);
    await db.logCosignature.deleteMany({});
    await db.logCheckpoint.deleteMany({});
    await db.logEntry.deleteMany({});
    fs.rmSync(`${logKeyFile()}${SIGNED_STATE_SUFFIX}`);

    expect(await backfillLog(db)).toEqual({ appended: original.length });
    const rebuilt = await db.logEntry.findMany({ orderBy: { index: "asc" } });
    expect(rebuilt.map((entry) => [entry.index, entry.versionId, entry.statementHash])).toEqual(original.map((entry) => [entry.index, entry.versionId, entry.statementHash]));
    expect(await backfillLog(db)).toEqual({ appended: 0 });
    expect((await signPendingCheckpoint({ db }))?.size).toBe(original.length);
  });

  it("checks from what it verified last only the versions published since, with the answer a full check gives", async () => {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    forgetVerifiedPrefixes();
    const started = Date.now();
    const before = await verifyDocument(document.slug, { incremental: true, now: started });
    expect(before).toMatchObject({ ok: true, versions: 3 });
    const head = await headVersion(db, document.id);
    const snapshot = await loadVersionSnapshot(db, document, head!.id);
    const renamed = { ...snapshot, sections: snapshot.sections.map((section, index) => (index === 1 ? { ...section, title: `${section.title} (lần nữa)` } : section)) };
    await publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: renamed, actorId: null });
    const after = await verifyDocument(document.slug, { incremental: true, now: started + 1 });
    expect(after).toMatchObject({ ok: true, versions: 4 });
    expect(after).toEqual(await verifyDocument(document.slug));
  });

  it("verifies the document from statements and content, and catches content rewritten behind the log's back", async () => {
    const { db } = database;
    const slug = (await db.document.findFirstOrThrow()).slug;
    const verifiedAt = Date.now();
    expect(await verifyDocument(slug, { incremental: true, now: verifiedAt })).toMatchObject({ ok: true, versions: 4 });
    if (engine === "sqlite") await db.$executeRawUnsafe(`DROP TRIGGER "Block_no_update"`);
    else await db.$executeRawUnsafe(`ALTER TABLE "Block" DISABLE TRIGGER USER`);
    const document = await db.document.findFirstOrThrow();
    const version = await db.version.findFirstOrThrow({ where: { documentId: document.id, number: 2 } });
    const [section] = await loadVersionPlacements(db, version.id);
    const blockId = blockListOfKey(section.revisionId)![0];
    const block = await db.block.findUniqueOrThrow({ where: { id: blockId } });
    const text = (await revisionTextsByKey(db, [section.revisionId])).get(section.revisionId) ?? "";
    const blockText = JSON.stringify((JSON.parse(text) as { content: unknown[] }).content[0]);
    await db.block.update({ where: { id: block.id }, data: { data: packBlock(blockText.replace(/"text":"/, '"text":"(sửa lén) '), null), baseId: null } });
    // The first version holding that block is the first whose statement no longer matches.
    const placements = await listPlacements(db, document.id);
    const first = placements.find((placement) => placement.sections.some((row) => blockListOfKey(row.revisionId)?.includes(blockId)))!;
    const caught = { ok: false, failedAt: first.number, reason: "content_hash_mismatch" };
    // A check building on an earlier one reads only what came since, so it does not see the old
    // version rewritten; the full pass it makes FULL_RECHECK_INTERVAL_MS after the last one does.
    expect(await verifyDocument(slug, { incremental: true, now: verifiedAt + 1 })).toMatchObject({ ok: true, versions: 4 });
    expect(await verifyDocument(slug, { incremental: true, now: verifiedAt + FULL_RECHECK_INTERVAL_MS })).toMatchObject(caught);
    expect(await verifyDocument(slug)).toMatchObject(caught);
    expect(await verifyDocument(slug, { incremental: true, now: verifiedAt + 2 })).toMatchObject(caught);
  });
});
