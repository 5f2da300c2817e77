import type { Db } from "../db/client";
import { loadVersionSnapshot } from "../db/documents";
import { revisionTextsByKey } from "../db/section-text";
import { loadPlacements, loadVersionPlacements, PLACEMENT_SELECT } from "../db/version-sections";
import { hashCanonical } from "../domain/canonical";
import { blockListOfKey, encodeRevisionKeys, decodeRevisionKeys } from "../domain/section-placements";
import { encodeBase64, noteSigner, rootFromLeafHashes, signCheckpoint } from "../domain/tlog";
import { snapshotHash, versionHash } from "../domain/version-hash";
import { AppError } from "../errors";
import { loadLogKey } from "../log/log-signer";
import { backfillLog } from "../services/log/backfill-log";
import { loadLogTree } from "../services/log/checkpoints";
import { readConsistencyProof, readLogPolicy, readServedCheckpoint, readTileFile } from "../services/log/read-log";
import { listPublishedReviewerKeys } from "../services/workspace/reviewer-keys";

/**
 * What someone holding the database and the log's key file can do, for the tamper drills of the
 * integration tests (lib/services/log/tamper-drills.test.ts) and of the browser
 * (e2e/verify.spec.ts): drop the append-only triggers, rewrite a past version with its hash
 * chain and log recomputed, and sign any tree with the real key, bypassing the product's signer.
 */

export type DrillEngine = "sqlite" | "postgres";

/** Every table a statement or a key list rests on. */
const APPEND_ONLY_TABLES = ["Version", "VersionSection", "SectionRevision", "SectionOutline", "LogEntry", "LogCheckpoint", "LogCosignature", "ReviewerKey", "ReviewerKeyRevocation"];

export async function dropAppendOnlyTriggers(db: Db, engine: DrillEngine): Promise<void> {
  for (const table of APPEND_ONLY_TABLES) {
    if (engine === "sqlite") {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${table}_no_update"`);
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${table}_no_delete"`);
    } else {
      await db.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    }
  }
}

/** Signs a checkpoint of the first `size` leaves with the key file itself, as a thief of the key would. */
export async function signWithStolenKey(size: number, leafHashes: readonly Uint8Array[]): Promise<string> {
  const key = loadLogKey();
  return signCheckpoint({ origin: key.signer.name, size, rootHash: rootFromLeafHashes(leafHashes.slice(0, size)) }, [
    noteSigner({ name: key.signer.name, publicKey: key.publicKey, sign: key.sign }),
  ]);
}

/**
 * Drill 1: with the triggers dropped, the first section of version `number` gets `text` in place
 * of its first text, every later version's chain hash is recomputed, and the log's leaves from
 * that version on are rebuilt from the rewritten history (its checkpoints and cosignatures
 * deleted). Returns the rewritten tree; `serveForgedCheckpoint` then signs it with the real key.
 */
export async function rewritePastVersion(db: Db, engine: DrillEngine, options: { documentSlug: string; number: number; text: string }) {
  const { revision } = await firstRevisionOf(db, options);
  return replaceRevisionContent(db, engine, { ...options, content: revision.content.replace(/"text":"[^"]+"/, `"text":${JSON.stringify(options.text)}`) });
}

/** The stored content of version `number`'s first section (what rewritePastVersion changes; keep it to undo the drill). */
export async function firstRevisionOf(db: Db, options: { documentSlug: string; number: number }) {
  const document = await db.document.findUniqueOrThrow({ where: { slug: options.documentSlug } });
  const target = await db.version.findFirstOrThrow({ where: { documentId: document.id, number: options.number } });
  const [first] = await loadVersionPlacements(db, target.id);
  // The text as readers see it, whether the revision is a row (kept whole or by block) or a block list.
  const content = (await revisionTextsByKey(db, [first.revisionId])).get(first.revisionId) ?? "";
  return { document, target, revision: { id: first.revisionId, sectionId: first.sectionId, content } };
}

/**
 * Gives the revision `key` of section `sectionId` the text `content` in every version from
 * `fromNumber` on that holds it: a row is rewritten in place (kept whole from now on: the text no
 * longer depends on blocks other revisions share); a block list, which names its text, is
 * replaced by a new row kept whole in those versions' revision keys.
 */
async function forceRevisionText(db: Db, input: { documentId: string; fromNumber: number; sectionId: string; key: string; content: string }): Promise<void> {
  if (blockListOfKey(input.key) === null) {
    await db.sectionRevision.update({ where: { id: input.key }, data: { content: input.content, blocks: null } });
    return;
  }
  const hash = hashCanonical(JSON.parse(input.content));
  const row =
    (await db.sectionRevision.findUnique({ where: { sectionId_hash: { sectionId: input.sectionId, hash } }, select: { id: true } })) ??
    (await db.sectionRevision.create({ data: { sectionId: input.sectionId, hash, content: input.content }, select: { id: true } }));
  const versions = await db.version.findMany({ where: { documentId: input.documentId, number: { gte: input.fromNumber }, outlineId: { not: null } }, select: PLACEMENT_SELECT });
  const placements = await loadPlacements(db, versions);
  for (const version of versions) {
    const keys = decodeRevisionKeys(version.revisionKeys ?? "");
    const rows = placements.get(version.id) ?? [];
    const changed = keys.map((key, position) => (key === input.key && rows[position]?.sectionId === input.sectionId ? row.id : key));
    await db.version.update({ where: { id: version.id }, data: { revisionKeys: encodeRevisionKeys(changed) } });
  }
}

/**
 * Puts `content` into version `number`'s first section and recomputes everything after it, as
 * rewritePastVersion does; given the content as it was, it undoes the drill (the leaves come back
 * byte for byte, so the product's signer accepts the tree again).
 */
export async function replaceRevisionContent(db: Db, engine: DrillEngine, options: { documentSlug: string; number: number; content: string }) {
  await dropAppendOnlyTriggers(db, engine);
  const { document, target, revision } = await firstRevisionOf(db, options);
  await forceRevisionText(db, { documentId: document.id, fromNumber: options.number, sectionId: revision.sectionId, key: revision.id, content: options.content });
  const later = await db.version.findMany({ where: { documentId: document.id, number: { gte: options.number } }, orderBy: { number: "asc" } });
  let prevHash = (await db.version.findFirstOrThrow({ where: { documentId: document.id, number: options.number - 1 } })).hash;
  for (const row of later) {
    const hash = versionHash({ number: row.number, prevHash, contentHash: snapshotHash(await loadVersionSnapshot(db, document, row.id)) });
    await db.version.update({ where: { id: row.id }, data: { hash, prevHash } });
    prevHash = hash;
  }
  const firstRewritten = (await db.logEntry.findUniqueOrThrow({ where: { versionId: target.id } })).index;
  await db.logCosignature.deleteMany({});
  await db.logCheckpoint.deleteMany({});
  await db.logEntry.deleteMany({ where: { index: { gte: firstRewritten } } });
  await backfillLog(db);
  return loadLogTree(db);
}

/** Signs the database's whole tree with the stolen key and stores it as the checkpoint the site serves. Returns the note. */
export async function serveForgedCheckpoint(db: Db): Promise<string> {
  const tree = await loadLogTree(db);
  const forged = await signWithStolenKey(tree.size, tree.leafHashes);
  await db.logCheckpoint.create({ data: { size: tree.size, rootHash: encodeBase64(rootFromLeafHashes(tree.leafHashes)), note: forged } });
  return forged;
}

/** The log's HTTP interface (and the key list), answered by the same services the routes call. */
export const serviceFetch: typeof fetch = async (input) => {
  const url = new URL(String(input));
  try {
    if (url.pathname === "/log/checkpoint") return new Response(await readServedCheckpoint());
    if (url.pathname === "/log/policy") return new Response(readLogPolicy());
    if (url.pathname === "/api/v1/keys") return Response.json({ keys: await listPublishedReviewerKeys() });
    if (url.pathname.startsWith("/log/tile/")) return new Response(Buffer.from((await readTileFile(url.pathname.slice("/log/".length))).body));
    if (url.pathname === "/api/v1/log/proof/consistency") {
      return Response.json(await readConsistencyProof(Number(url.searchParams.get("from")), Number(url.searchParams.get("to"))));
    }
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    throw error;
  }
  return new Response("not found", { status: 404 });
};
