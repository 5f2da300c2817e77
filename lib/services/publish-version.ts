import { runTransaction } from "../db/transaction";
import type { Db, DbOrTx } from "../db/client";
import { getDb } from "../db/client";
import { headVersion } from "../db/documents";
import { isBusyError, isUniqueViolation } from "../db/errors";
import { storeSectionRevision } from "../db/section-text";
import { loadVersionPlacements, storePlacements } from "../db/version-sections";
import { hashCanonical } from "../domain/canonical";
import type { DocumentSnapshot } from "../domain/document";
import { snapshotHash, versionHash } from "../domain/version-hash";
import { AppError } from "../errors";
import { recordAudit } from "../db/audit";
import { queuePublicationEmails } from "./mail/queue-publication-emails";
import { enqueueWebhookEvent } from "./webhooks/enqueue-webhook-event";
import type { StatementApproval } from "../domain/tlog";
import { signAfterPublish } from "./log/checkpoints";
import { appendVersionToLog } from "./log/statements";
import { calendarDateOf, checkEffectiveDate } from "../domain/effective-dates";
import { now as clockNow } from "./clock";
import { SUMMARY_FACTS_KEY, type DiffSummaryFacts } from "../domain/diff";

export interface PublishVersionInput {
  documentId: string;
  /** The head the caller read; publishing fails with CONFLICT if another version landed since. */
  expectedHeadNumber: number | null;
  snapshot: DocumentSnapshot;
  actorId: string | null;
  proposalId?: string | null;
  summary?: string;
  stats?: Record<string, number>;
  /** What the summary says as counts, stored beside the stats so each reader gets it in their language. */
  summaryFacts?: DiffSummaryFacts;
  /**
   * The day the version takes effect (YYYY-MM-DD): today when not given, or a later day (a
   * prospective version); never before the previous version's.
   */
  effectiveFrom?: string | null;
  /** The time "today" is taken from (the clock, lib/services/clock.ts, when not given). */
  now?: Date;
  /** Owners for sections this version adds (section id -> organization id). */
  newSectionOwners?: Record<string, string | null>;
  /** The approvals the policy counted, as the version's statement records them. */
  approvals?: readonly StatementApproval[];
  db?: Db;
  /** Run inside a caller's transaction (the caller then owns commit and rollback). */
  tx?: DbOrTx;
}

export interface PublishedVersion {
  id: string;
  number: number;
  hash: string;
  prevHash: string | null;
  /** The version's leaf in the transparency log. */
  logIndex: number;
  effectiveFrom: string;
}

/**
 * Appends version n+1 of a document, only if the head is still the one the caller read.
 * Unchanged sections keep their revision keys, and a changed section's revision is a list of
 * blocks each stored once (lib/db/section-text.ts), so a one-paragraph change stores one
 * paragraph; the order and titles of the sections are an outline shared with the versions that
 * have the same (lib/db/version-sections.ts). The version's hash covers its canonical content and its
 * predecessor's hash. Its statement is appended to the transparency log in the same
 * transaction; the checkpoint over it is signed once that transaction has committed (by the
 * caller that owns the transaction, see signAfterPublish).
 */
export async function publishVersion(input: PublishVersionInput): Promise<PublishedVersion> {
  if (input.tx) return publishInTransaction(input.tx, input);
  const db = input.db ?? (await getDb());
  let published: PublishedVersion;
  try {
    published = await runTransaction(db, (tx) => publishInTransaction(tx, input));
  } catch (error) {
    throw translatePublishError(error);
  }
  await signAfterPublish(db);
  return published;
}

export function translatePublishError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isUniqueViolation(error)) {
    return new AppError("CONFLICT", "anotherVersionPublished");
  }
  if (isBusyError(error)) {
    return new AppError("UNAVAILABLE", "databaseBusy");
  }
  return error;
}

async function publishInTransaction(tx: DbOrTx, input: PublishVersionInput): Promise<PublishedVersion> {
  const head = await headVersion(tx, input.documentId);
  const headNumber = head?.number ?? null;
  if (headNumber !== input.expectedHeadNumber) {
    throw new AppError(
      "CONFLICT",
      "headMoved", { head: headNumber, expected: input.expectedHeadNumber },
      { headNumber, expectedHeadNumber: input.expectedHeadNumber },
    );
  }
  assertUniqueSections(input.snapshot);
  // One reading of the clock for both dates, so a version published today takes effect today.
  const publishedAt = input.now ?? clockNow();
  const effectiveFrom = resolveEffectiveDate(input.effectiveFrom, calendarDateOf(publishedAt), head?.effectiveFrom ?? null);

  const number = (headNumber ?? 0) + 1;
  const prevHash = head?.hash ?? null;
  const hash = versionHash({ number, prevHash, contentHash: snapshotHash(input.snapshot) });

  // What each section was in the head: a changed paragraph is packed against its previous text.
  const previousRevisions = new Map(head ? (await loadVersionPlacements(tx, head.id)).map((row) => [row.sectionId, row.revisionId]) : []);
  const placed: { sectionId: string; title: string; revisionId: string }[] = [];
  for (const section of input.snapshot.sections) {
    const existing = await tx.section.findUnique({ where: { id: section.id } });
    if (!existing) {
      await tx.section.create({
        data: {
          id: section.id,
          documentId: input.documentId,
          slug: section.slug,
          ownerOrganizationId: input.newSectionOwners?.[section.id] ?? null,
        },
      });
    } else if (existing.documentId !== input.documentId) {
      throw new AppError("BAD_REQUEST", "sectionInOtherDocument", { id: section.id });
    }
    const revision = await storeSectionRevision(tx, {
      sectionId: section.id,
      contentHash: hashCanonical(section.content),
      text: JSON.stringify(section.content),
      previousRevisionId: previousRevisions.get(section.id) ?? null,
    });
    placed.push({ sectionId: section.id, title: section.title, revisionId: revision.id });
  }

  const version = await tx.version.create({
    data: {
      documentId: input.documentId,
      number,
      hash,
      prevHash,
      summary: input.summary ?? "",
      stats: JSON.stringify({ ...input.stats, ...(input.summaryFacts ? { [SUMMARY_FACTS_KEY]: input.summaryFacts } : {}) }),
      publishedById: input.actorId,
      proposalId: input.proposalId ?? null,
      effectiveFrom,
      publishedAt,
      ...(await storePlacements(tx, placed)),
    },
  });

  const entry = await appendVersionToLog(tx, version.id, input.approvals ?? []);

  await recordAudit(tx, {
    actorId: input.actorId,
    action: "version.published",
    targetType: "version",
    targetId: version.id,
    data: { documentId: input.documentId, number, hash, proposalId: input.proposalId ?? null, effectiveFrom, logIndex: entry.index, statementHash: entry.statementHash },
  });
  await queuePublicationEmails(tx, { versionId: version.id });
  const document = await tx.document.findUniqueOrThrow({ where: { id: input.documentId }, select: { slug: true, title: true } });
  await enqueueWebhookEvent(tx, "version.published", {
    document: { slug: document.slug, title: document.title },
    version: { number, hash, prevHash, effectiveFrom, publishedAt: publishedAt.toISOString(), logIndex: entry.index },
    proposalId: input.proposalId ?? null,
  }, { now: publishedAt });

  return { id: version.id, number, hash, prevHash, logIndex: entry.index, effectiveFrom };
}

function resolveEffectiveDate(requested: string | null | undefined, today: string, previousEffectiveFrom: string | null): string {
  const check = checkEffectiveDate({ requested, today, previousEffectiveFrom });
  if (check.ok) return check.date;
  if (check.reason === "invalid") throw new AppError("BAD_REQUEST", "effectiveDateInvalid");
  throw new AppError("BAD_REQUEST", "effectiveDateTooEarly", { earliest: check.earliest }, { earliest: check.earliest });
}

function assertUniqueSections(snapshot: DocumentSnapshot): void {
  const ids = new Set<string>();
  const slugs = new Set<string>();
  for (const section of snapshot.sections) {
    if (ids.has(section.id) || slugs.has(section.slug)) {
      throw new AppError("BAD_REQUEST", "duplicateSection", { slug: section.slug });
    }
    ids.add(section.id);
    slugs.add(section.slug);
  }
}
