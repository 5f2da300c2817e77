import type { DbOrTx } from "../../db/client";
import { databaseEngine } from "../../db/client";
import { revisionTextsByKey } from "../../db/section-text";
import { loadPlacements, sectionSlugs } from "../../db/version-sections";
import {
  contentHashOfSections,
  encodeHex,
  encodeStatement,
  legacyApproval,
  sectionContentHash,
  statementHash,
  statementLeafHash,
  StatementError,
  type Statement,
  type StatementApproval,
  type StatementPerson,
  type StatementSection,
} from "../../domain/tlog";
import { AppError } from "../../errors";

/**
 * The statement of a published version (lib/domain/tlog/statement.ts) and its append to the
 * log, in the transaction that publishes the version. The statement commits to what a reader
 * needs to check the version without trusting our database: the exact bytes of every section's
 * content, the previous statement, the proposal, the approvals counted, the publisher and time.
 */

/** Who publishes when no person does (the first version written at installation). */
export const SYSTEM_PUBLISHER: StatementPerson = { id: "system", name: "Cẩm nang mở" };

/** Any number that is the same in every process: the lock that orders appends on PostgreSQL. */
const LOG_APPEND_LOCK_KEY = 6962;

export interface CountedReview {
  reviewerId: string;
  reviewerName: string;
  /** The content hash the reviewer approved (the proposal's draft hash at the time). */
  contentHash: string;
}

/** Counted approvals from before reviewers signed: recorded as `unsigned-legacy`. */
export async function legacyApprovals(tx: DbOrTx, proposal: { id: string; baseVersionId: string }, reviews: readonly CountedReview[]): Promise<StatementApproval[]> {
  const base = await tx.logEntry.findUnique({ where: { versionId: proposal.baseVersionId }, select: { statementHash: true } });
  return reviews.map((review) =>
    legacyApproval({
      fields: { proposalId: proposal.id, baseStatementHash: base?.statementHash ?? null, approvedContentHash: review.contentHash, decision: "approve" },
      reviewer: { id: review.reviewerId, name: review.reviewerName.normalize("NFC") },
    }),
  );
}

/** Builds a version's statement from its stored rows (inside the publishing transaction, or when migrating old versions). */
export async function buildVersionStatement(tx: DbOrTx, versionId: string, approvals: readonly StatementApproval[]): Promise<Statement> {
  const version = await tx.version.findUniqueOrThrow({
    where: { id: versionId },
    include: {
      document: { select: { slug: true } },
      publishedBy: { select: { id: true, name: true } },
    },
  });
  const placements = (await loadPlacements(tx, [version])).get(version.id) ?? [];
  const [texts, slugs] = await Promise.all([revisionTextsByKey(tx, placements.map((row) => row.revisionId)), sectionSlugs(tx, placements)]);
  const sections: StatementSection[] = placements.map((row) => ({
    id: row.sectionId,
    slug: slugs.get(row.sectionId) ?? "",
    title: row.title,
    position: row.position,
    contentHash: sectionContentHash(texts.get(row.revisionId) ?? ""),
  }));
  const previous =
    version.number > 1
      ? await tx.version.findUnique({
          where: { documentId_number: { documentId: version.documentId, number: version.number - 1 } },
          select: { logEntry: { select: { statementHash: true } } },
        })
      : null;
  if (version.number > 1 && !previous?.logEntry) throw new Error(`version ${version.number - 1} of ${version.document.slug} has no statement yet`);
  return {
    document: version.document.slug,
    version: version.number,
    sections,
    contentHash: contentHashOfSections(sections),
    previousStatementHash: previous?.logEntry?.statementHash ?? null,
    proposalId: version.proposalId,
    approvals: [...approvals],
    publisher: version.publishedBy ? { id: version.publishedBy.id, name: version.publishedBy.name.normalize("NFC") } : SYSTEM_PUBLISHER,
    publishedAt: version.publishedAt.toISOString(),
    effectiveDate: version.effectiveFrom || null,
  };
}

export interface AppendedEntry {
  index: number;
  statement: Uint8Array;
  statementHash: string;
}

/**
 * Appends the version's statement as the log's next leaf. Run inside the transaction that
 * publishes the version: the leaf and the version commit together or not at all. On
 * PostgreSQL a transaction-scoped advisory lock orders concurrent appends; SQLite writers are
 * serialized already. A lost race on the index is a unique violation, which publishing retries.
 */
export async function appendVersionToLog(tx: DbOrTx, versionId: string, approvals: readonly StatementApproval[]): Promise<AppendedEntry> {
  if (databaseEngine() === "postgres") await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK_KEY})::text AS locked`);
  let statement: Uint8Array;
  try {
    statement = encodeStatement(await buildVersionStatement(tx, versionId, approvals));
  } catch (error) {
    if (error instanceof StatementError) throw new AppError("BAD_REQUEST", "logStatementInvalid", { reason: error.message });
    throw error;
  }
  const last = await tx.logEntry.findFirst({ orderBy: { index: "desc" }, select: { index: true } });
  const index = last ? last.index + 1 : 0;
  const hash = statementHash(statement);
  await tx.logEntry.create({
    data: { index, versionId, statement: Buffer.from(statement), statementHash: hash, leafHash: encodeHex(statementLeafHash(statement)) },
  });
  return { index, statement, statementHash: hash };
}
