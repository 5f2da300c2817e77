import { getDb, type Db, type DbOrTx } from "../../db/client";
import { runTransaction } from "../../db/transaction";
import { hashCanonical } from "../../domain/canonical";
import type { SectionContent } from "../../domain/document";
import { canEditContent, isProposalStatus } from "../../domain/proposal-state";
import { syncApprovalState } from "./approval-state";

export type StoreDraftResult = { stored: true; contentHash: string; changed: boolean } | { stored: false; reason: "not_found" | "not_editable" };

/**
 * Saves a section draft's live state (the Yjs update and its JSON) and who edited it.
 * Called by the collaboration server's persistence and by offline writers. A proposal that
 * left the editable states keeps its last draft: late updates are not stored.
 */
export async function storeDraftSection(input: {
  proposalId: string;
  sectionId: string;
  content: SectionContent;
  yState: Uint8Array;
  editorIds: string[];
  db?: Db;
}): Promise<StoreDraftResult> {
  // One transaction: a retried store never counts an editor's updates twice or half-saves a draft.
  return runTransaction(input.db ?? (await getDb()), (tx) => storeInTransaction(tx, input));
}

async function storeInTransaction(
  db: DbOrTx,
  input: { proposalId: string; sectionId: string; content: SectionContent; yState: Uint8Array; editorIds: string[] },
): Promise<StoreDraftResult> {
  const proposal = await db.proposal.findUnique({ where: { id: input.proposalId }, select: { status: true } });
  if (!proposal) return { stored: false, reason: "not_found" };
  if (!isProposalStatus(proposal.status) || !canEditContent(proposal.status)) return { stored: false, reason: "not_editable" };
  const existing = await db.proposalSection.findUnique({
    where: { proposalId_sectionId: { proposalId: input.proposalId, sectionId: input.sectionId } },
  });
  if (!existing) return { stored: false, reason: "not_found" };

  const contentHash = hashCanonical(input.content);
  const changed = contentHash !== existing.contentHash;
  await db.proposalSection.update({
    where: { id: existing.id },
    data: { content: JSON.stringify(input.content), contentHash, yState: Buffer.from(input.yState) },
  });
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
