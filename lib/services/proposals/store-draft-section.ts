import { getDb, type Db, type DbOrTx } from "../../db/client";
import { runTransaction } from "../../db/transaction";
import { hashCanonical } from "../../domain/canonical";
import type { SectionContent } from "../../domain/document";
import { canEditContent, isProposalStatus } from "../../domain/proposal-state";
import { syncApprovalState } from "./approval-state";

export type StoreDraftResult =
  | { stored: true; contentHash: string; changed: boolean }
  | { stored: false; reason: "not_found" | "not_editable" }
  /** The stored state is no longer the one the caller started from (another instance stored first). */
  | { stored: false; reason: "state_moved" };

/**
 * Saves a section draft's live state (the Yjs update and its JSON) and who edited it.
 * Called by the collaboration server's persistence and by offline writers. A proposal that
 * left the editable states keeps its last draft: late updates are not stored.
 */
export async function storeDraftSection(input: {
  proposalId: string;
  sectionId: string;
  content: SectionContent;
  /**
   * The live state to store; null when the stored state already holds everything (another
   * collaboration instance stored it): then only who edited is recorded.
   */
  yState: Uint8Array | null;
  editorIds: string[];
  /**
   * The stored Yjs state this store replaces, as the caller read it (null: none yet). Given, the
   * store happens only if the row still holds exactly that state; several collaboration
   * instances may hold one document, and a store must never replace updates it has not seen.
   */
  expectedYState?: Uint8Array | null;
  db?: Db;
}): Promise<StoreDraftResult> {
  // One transaction: a retried store never counts an editor's updates twice or half-saves a draft.
  return runTransaction(input.db ?? (await getDb()), (tx) => storeInTransaction(tx, input));
}

async function storeInTransaction(
  db: DbOrTx,
  input: { proposalId: string; sectionId: string; content: SectionContent; yState: Uint8Array | null; editorIds: string[]; expectedYState?: Uint8Array | null },
): Promise<StoreDraftResult> {
  const proposal = await db.proposal.findUnique({ where: { id: input.proposalId }, select: { status: true } });
  if (!proposal) return { stored: false, reason: "not_found" };
  if (!isProposalStatus(proposal.status) || !canEditContent(proposal.status)) return { stored: false, reason: "not_editable" };
  const existing = await db.proposalSection.findUnique({
    where: { proposalId_sectionId: { proposalId: input.proposalId, sectionId: input.sectionId } },
  });
  if (!existing) return { stored: false, reason: "not_found" };

  const contentHash = input.yState === null ? existing.contentHash : hashCanonical(input.content);
  const changed = contentHash !== existing.contentHash;
  if (input.yState !== null) {
    const written = await writeState(db, existing.id, { content: input.content, contentHash, yState: input.yState, expectedYState: input.expectedYState });
    if (!written) return { stored: false, reason: "state_moved" };
  }
  const now = new Date();
  for (const userId of new Set(input.editorIds)) {
    await db.proposalEdit.upsert({
      where: { proposalId_sectionId_userId: { proposalId: input.proposalId, sectionId: input.sectionId, userId } },
      create: { proposalId: input.proposalId, sectionId: input.sectionId, userId, updates: 1, firstAt: now, lastAt: now },
      update: { updates: { increment: 1 }, lastAt: now },
    });
  }
  if (changed) await syncApprovalState(db, input.proposalId);
  return { stored: true, contentHash, changed };
}

/** Writes the draft's content and state; with an expected state, only if the row still holds it. */
async function writeState(
  db: DbOrTx,
  id: string,
  input: { content: SectionContent; contentHash: string; yState: Uint8Array; expectedYState?: Uint8Array | null },
): Promise<boolean> {
  const data = { content: JSON.stringify(input.content), contentHash: input.contentHash, yState: Buffer.from(input.yState) };
  if (input.expectedYState === undefined) {
    await db.proposalSection.update({ where: { id }, data });
    return true;
  }
  // Compare-and-set in one statement: PostgreSQL re-checks the condition after waiting for a
  // concurrent writer's row lock, SQLite holds its write lock, so of two racing stores from
  // the same state exactly one is written.
  const expected = input.expectedYState === null ? null : { equals: Buffer.from(input.expectedYState) };
  const { count } = await db.proposalSection.updateMany({ where: { id, yState: expected }, data });
  return count === 1;
}
