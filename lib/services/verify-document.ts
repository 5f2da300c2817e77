import { getDb } from "../db/client";
import { findDocumentBySlug } from "../db/documents";
import { REVISION_TEXT_SELECT, readableRevisionTexts } from "../db/section-text";
import { bytesEqual } from "../domain/tlog/bytes";
import {
  decodeStatement,
  FormatError,
  noteVerifier,
  NoteError,
  openCheckpoint,
  rootFromLeafHashes,
  sectionContentHash,
  statementHash,
  statementLeafHash,
  type Statement,
} from "../domain/tlog";
import { AppError } from "../errors";
import { loadLogKey } from "../log/log-signer";
import { latestCheckpoint, loadLogTree } from "./log/checkpoints";

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
 * Checks a document's history from the transparency log, reading only statements and content
 * (never the version rows' own hashes, which whoever controls the database can recompute): the
 * latest checkpoint verifies with the log key and its root is the tree of the stored leaves;
 * each version's statement is the leaf at its index, canonical, for that document and number,
 * chained to the previous statement, and its section hashes are those of the stored content.
 */
export async function verifyDocument(slug: string): Promise<DocumentVerification> {
  const db = await getDb();
  const document = await findDocumentBySlug(db, slug);
  if (!document) throw new AppError("NOT_FOUND", "documentSlugNotFound", { slug });
  const versions = await db.version.findMany({
    where: { documentId: document.id },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      logEntry: { select: { index: true, statement: true } },
      sections: { orderBy: { position: "asc" }, select: { sectionId: true, title: true, position: true, section: { select: { slug: true } }, revision: { select: REVISION_TEXT_SELECT } } },
    },
  });
  // A revision whose blocks were removed or altered so that they no longer unpack reads as null: a content mismatch.
  const texts = await readableRevisionTexts(db, versions.flatMap((version) => version.sections.map((row) => row.revision)));
  const count = versions.length;
  const fail = (reason: DocumentVerificationFailure, failedAt: number | null): DocumentVerification => ({ ok: false, versions: count, failedAt, reason });
  if (count === 0) return { ok: true, versions: 0, headHash: null };

  const stored = await latestCheckpoint(db);
  if (!stored) return fail("statement_not_signed", versions[0].number);
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
  const tree = await loadLogTree(db, signedSize);
  if (tree.size !== signedSize || !bytesEqual(rootFromLeafHashes(tree.leafHashes), signedRoot)) return fail("log_root_mismatch", null);

  let previousHash: string | null = null;
  for (const [position, version] of versions.entries()) {
    if (version.number !== position + 1) return fail("number_gap", version.number);
    const entry = version.logEntry;
    if (!entry) return fail("statement_missing", version.number);
    if (entry.index >= signedSize) return fail("statement_not_signed", version.number);
    const bytes = new Uint8Array(entry.statement);
    if (!bytesEqual(statementLeafHash(bytes), tree.leafHashes[entry.index])) return fail("statement_not_in_log", version.number);
    let statement: Statement;
    try {
      statement = decodeStatement(bytes);
    } catch (error) {
      if (error instanceof FormatError) return fail("statement_invalid", version.number);
      throw error;
    }
    if (statement.document !== slug || statement.version !== version.number) return fail("statement_invalid", version.number);
    if (statement.previousStatementHash !== previousHash) return fail("chain_broken", version.number);
    const matches =
      statement.sections.length === version.sections.length &&
      statement.sections.every((committed, index) => {
        const row = version.sections[index];
        const text = texts.get(row.revision.id) ?? null;
        return (
          text !== null &&
          committed.id === row.sectionId &&
          committed.slug === row.section.slug &&
          committed.title === row.title &&
          committed.position === row.position &&
          committed.contentHash === sectionContentHash(text)
        );
      });
    if (!matches) return fail("content_hash_mismatch", version.number);
    previousHash = statementHash(bytes);
  }
  return { ok: true, versions: count, headHash: previousHash };
}
