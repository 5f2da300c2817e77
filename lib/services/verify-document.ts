import { LRUCache } from "lru-cache";
import { getDb, type DbOrTx } from "../db/client";
import { findDocumentBySlug } from "../db/documents";
import { readableRevisionTextsByKey } from "../db/section-text";
import { PLACEMENT_SELECT, readPlacements, sectionSlugs } from "../db/version-sections";
import { bytesEqual } from "../domain/tlog/bytes";
import {
  appendToFrontier,
  decodeHex,
  decodeStatement,
  EMPTY_FRONTIER,
  FormatError,
  frontierRoot,
  noteVerifier,
  NoteError,
  openCheckpoint,
  sectionContentHash,
  statementHash,
  statementLeafHash,
  type Statement,
  type TreeFrontier,
} from "../domain/tlog";
import { AppError } from "../errors";
import { loadLogKey } from "../log/log-signer";
import { latestCheckpoint } from "./log/checkpoints";

export type DocumentVerificationFailure =
  | "checkpoint_invalid"
  | "log_root_mismatch"
  | "statement_missing"
  | "statement_not_signed"
  | "statement_not_in_log"
  | "statement_invalid"
  | "number_gap"
  | "chain_broken"
  | "content_hash_mismatch";

export type DocumentVerification =
  | { ok: true; versions: number; /** The head version's statement hash. */ headHash: string | null }
  | { ok: false; versions: number; failedAt: number | null; reason: DocumentVerificationFailure };

/**
 * How long a check may build on what this process verified before: at least this often the
 * whole record is read again, so that rows rewritten behind the log's back after they were
 * verified (which takes dropping the append-only triggers) are found within this time even
 * where only new versions are checked in between.
 */
export const FULL_RECHECK_INTERVAL_MS = 10 * 60_000;
/** Documents whose verified prefix is remembered (a few hundred bytes each). */
const REMEMBERED_DOCUMENTS = 1_000;
/** Revision contents per query while hashing: bounded memory however long the history. */
const REVISIONS_PER_QUERY = 200;

/**
 * What a successful check established, kept to start the next one from: the first `versions`
 * versions verified (the last one's id and statement hash), and the log's right edge up to the
 * checkpoint it was verified against.
 */
interface VerifiedPrefix {
  documentId: string;
  versions: number;
  headVersionId: string;
  headHash: string;
  log: TreeFrontier;
  /** When the last check that read everything started. */
  fullCheckAt: number;
}

const verifiedPrefixes = new LRUCache<string, VerifiedPrefix>({ max: REMEMBERED_DOCUMENTS });

/** Forgets what this process verified, so the next check reads everything. */
export function forgetVerifiedPrefixes(): void {
  verifiedPrefixes.clear();
}

/**
 * Checks a document's history from the transparency log, reading only statements and content
 * (never the version rows' own hashes, which whoever controls the database can recompute): the
 * latest checkpoint verifies with the log key and its root is the tree of the stored leaves;
 * each version's statement is the leaf at its index, canonical, for that document and number,
 * chained to the previous statement, and its section hashes are those of the stored content.
 *
 * With `incremental` (the web app's verify route), a check starts from what this process last
 * verified of the document: the log's root is computed from the remembered right edge and the
 * leaves appended since, and only versions published since are read and hashed, chained to the
 * remembered statement hash (whose version row is read again to see it is still there). It
 * falls back to reading everything when that row changed, when the history is shorter than
 * remembered, and at least every FULL_RECHECK_INTERVAL_MS. The command line, backups and every
 * fresh process read everything.
 */
export async function verifyDocument(slug: string, options: { incremental?: boolean; now?: number } = {}): Promise<DocumentVerification> {
  const now = options.now ?? Date.now();
  const db = await getDb();
  const document = await findDocumentBySlug(db, slug);
  if (!document) throw new AppError("NOT_FOUND", "documentSlugNotFound", { slug });
  const count = await db.version.count({ where: { documentId: document.id } });
  const fail = (reason: DocumentVerificationFailure, failedAt: number | null): DocumentVerification => {
    verifiedPrefixes.delete(slug);
    return { ok: false, versions: count, failedAt, reason };
  };
  if (count === 0) return { ok: true, versions: 0, headHash: null };

  const stored = await latestCheckpoint(db);
  if (!stored) return fail("statement_not_signed", 1);
  let signedSize: number;
  let signedRoot: Uint8Array;
  try {
    const opened = openCheckpoint(stored.note, [noteVerifier(loadLogKey().verifier)]);
    signedSize = opened.checkpoint.size;
    signedRoot = opened.checkpoint.rootHash;
  } catch (error) {
    if (error instanceof NoteError || error instanceof FormatError) return fail("checkpoint_invalid", null);
    throw error;
  }

  const prefix = options.incremental ? await usablePrefix(db, slug, document.id, { count, signedSize, now }) : null;
  const logStart = prefix?.log ?? EMPTY_FRONTIER;
  const newLeaves = await loadLeafHashes(db, logStart.size, signedSize);
  if (newLeaves === null) return fail("log_root_mismatch", null);
  const log = appendToFrontier(logStart, newLeaves);
  if (!bytesEqual(frontierRoot(log), signedRoot)) return fail("log_root_mismatch", null);

  const verifiedBefore = prefix?.versions ?? 0;
  const versions = await db.version.findMany({
    where: { documentId: document.id, number: { gt: verifiedBefore } },
    orderBy: { number: "asc" },
    select: {
      ...PLACEMENT_SELECT,
      number: true,
      logEntry: { select: { index: true, statement: true } },
    },
  });
  // A version whose outline is gone or does not pair with its keys is a content mismatch below.
  const { placements, damaged } = await readPlacements(db, versions);
  const placed = [...placements.values()].flat();
  const slugs = await sectionSlugs(db, placed);
  // A version published since, logged below the remembered edge, cannot be checked from it.
  if (prefix && versions.some((version) => version.logEntry !== null && version.logEntry.index < logStart.size)) {
    return verifyDocument(slug, { now });
  }
  const contentHashes = await revisionContentHashes(db, placed.map((row) => row.revisionId));

  let previousHash: string | null = prefix?.headHash ?? null;
  for (const [position, version] of versions.entries()) {
    if (version.number !== verifiedBefore + position + 1) return fail("number_gap", version.number);
    const entry = version.logEntry;
    if (!entry) return fail("statement_missing", version.number);
    if (entry.index >= signedSize) return fail("statement_not_signed", version.number);
    const bytes = new Uint8Array(entry.statement);
    if (!bytesEqual(statementLeafHash(bytes), newLeaves[entry.index - logStart.size])) return fail("statement_not_in_log", version.number);
    let statement: Statement;
    try {
      statement = decodeStatement(bytes);
    } catch (error) {
      if (error instanceof FormatError) return fail("statement_invalid", version.number);
      throw error;
    }
    if (statement.document !== slug || statement.version !== version.number) return fail("statement_invalid", version.number);
    if (statement.previousStatementHash !== previousHash) return fail("chain_broken", version.number);
    const sections = placements.get(version.id) ?? [];
    const matches =
      !damaged.has(version.id) &&
      statement.sections.length === sections.length &&
      statement.sections.every((committed, index) => {
        const row = sections[index];
        return (
          committed.id === row.sectionId &&
          committed.slug === slugs.get(row.sectionId) &&
          committed.title === row.title &&
          committed.position === row.position &&
          // null: a revision whose blocks were removed or altered so that they no longer unpack.
          committed.contentHash === (contentHashes.get(row.revisionId) ?? null)
        );
      });
    if (!matches) return fail("content_hash_mismatch", version.number);
    previousHash = statementHash(bytes);
  }
  // Versions counted but not read (numbers below the remembered ones gone or added): read everything.
  if (prefix && verifiedBefore + versions.length !== count) return verifyDocument(slug, { now });

  const head = versions.at(-1);
  verifiedPrefixes.set(slug, {
    documentId: document.id,
    versions: count,
    headVersionId: head?.id ?? (prefix as VerifiedPrefix).headVersionId,
    headHash: previousHash as string,
    log,
    fullCheckAt: prefix?.fullCheckAt ?? now,
  });
  return { ok: true, versions: count, headHash: previousHash };
}

/** The remembered prefix when a check may start from it: same document, recent, its last version unchanged. */
async function usablePrefix(db: DbOrTx, slug: string, documentId: string, at: { count: number; signedSize: number; now: number }): Promise<VerifiedPrefix | null> {
  const prefix = verifiedPrefixes.get(slug);
  if (!prefix || prefix.documentId !== documentId || prefix.versions > at.count || prefix.log.size > at.signedSize) return null;
  if (at.now - prefix.fullCheckAt >= FULL_RECHECK_INTERVAL_MS) return null;
  const head = await db.version.findFirst({ where: { documentId, number: prefix.versions }, select: { id: true, logEntry: { select: { statement: true } } } });
  if (!head?.logEntry || head.id !== prefix.headVersionId || statementHash(new Uint8Array(head.logEntry.statement)) !== prefix.headHash) return null;
  return prefix;
}

/** The log's leaf hashes at indices from..to-1, or null when one is missing. */
async function loadLeafHashes(db: DbOrTx, from: number, to: number): Promise<Uint8Array[] | null> {
  if (to <= from) return to === from ? [] : null;
  const rows = await db.logEntry.findMany({ where: { index: { gte: from, lt: to } }, orderBy: { index: "asc" }, select: { index: true, leafHash: true } });
  if (rows.length !== to - from || rows.some((row, position) => row.index !== from + position)) return null;
  return rows.map((row) => decodeHex(row.leafHash));
}

/**
 * sectionContentHash of each revision named, each read and hashed once however many versions
 * share it; null for a revision whose blocks were removed or altered so that they no longer
 * unpack (a content mismatch).
 */
async function revisionContentHashes(db: DbOrTx, revisionIds: readonly string[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(revisionIds)];
  const hashes = new Map<string, string | null>();
  for (let start = 0; start < ids.length; start += REVISIONS_PER_QUERY) {
    const texts = await readableRevisionTextsByKey(db, ids.slice(start, start + REVISIONS_PER_QUERY));
    for (const [id, text] of texts) hashes.set(id, text === null ? null : sectionContentHash(text));
  }
  return hashes;
}
