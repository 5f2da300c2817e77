import { runTransaction } from "../../db/transaction";
import { getDb, type Db } from "../../db/client";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import { loadVersionPlacements } from "../../db/version-sections";
import { draftSectionRow, draftSnapshot, loadProposal } from "../../db/proposals";
import { openConflicts } from "../../db/stored-columns";
import { canonicalJson } from "../../domain/canonical";
import { mergeDocuments, type MergeConflict } from "../../domain/merge";
import { recordProposalChange } from "../live/announce";
import { notify } from "../notifications/notify";
import { syncApprovalState } from "./approval-state";
import type { DraftSectionWriter } from "./draft-writer";
import { applyTransition } from "./proposal-transition";

/**
 * Moves a proposal onto the current head: three-way merges its draft with what was published
 * since its base, writes the merged text into the live draft, and records the head as the new
 * base. Open conflicts keep the proposal's words and go to the authors (Yêu cầu chỉnh sửa);
 * a clean merge goes back to review, since the merged text is not what reviewers approved.
 */
export async function rebaseProposal(options: {
  proposalId: string;
  writer: DraftSectionWriter;
  actorId: string;
  db?: Db;
}): Promise<{ conflicts: MergeConflict[]; baseVersionNumber: number }> {
  const db = options.db ?? (await getDb());
  const proposal = await loadProposal(db, options.proposalId);
  const head = await headVersion(db, proposal.documentId);
  if (!head || head.id === proposal.baseVersionId) {
    return { conflicts: openConflicts(proposal), baseVersionNumber: proposal.baseVersion.number };
  }
  const base = await loadVersionSnapshot(db, proposal.document, proposal.baseVersionId);
  const headSnapshot = await loadVersionSnapshot(db, proposal.document, head.id);
  const draft = draftSnapshot(proposal);
  const result = mergeDocuments(base, headSnapshot, draft);

  // Content first (through the live documents), then the structure and the new base: if the
  // second step fails, the next merge finds the same changes on both sides and agrees with itself.
  const draftById = new Map(draft.sections.map((section) => [section.id, section]));
  const rowBySection = new Map(proposal.sections.map((row) => [row.sectionId, row]));
  for (const section of result.merged.sections) {
    const before = draftById.get(section.id);
    const row = rowBySection.get(section.id);
    if (row && before && canonicalJson(before.content) !== canonicalJson(section.content)) {
      // The merge is the system's work: whoever triggered it (a reviewer pressing publish) did not write it.
      await options.writer.replaceSection({ proposalId: proposal.id, sectionId: section.id, content: section.content, actorId: options.actorId, countsAsEdit: false });
    }
  }

  const mergedIds = new Set(result.merged.sections.map((section) => section.id));
  const headRevisions = await loadVersionPlacements(db, head.id);
  const headRevisionBySection = new Map(headRevisions.map((row) => [row.sectionId, row.revisionId]));
  await runTransaction(db, async (tx) => {
    for (const [position, section] of result.merged.sections.entries()) {
      const row = rowBySection.get(section.id);
      if (row) {
        await tx.proposalSection.update({
          where: { id: row.id },
          data: { position, title: section.title, slug: section.slug, removed: false, baseRevisionId: headRevisionBySection.get(section.id) ?? row.baseRevisionId },
        });
      } else {
        await tx.proposalSection.create({
          data: draftSectionRow({ proposalId: proposal.id, section, position, baseRevisionId: headRevisionBySection.get(section.id) ?? null }),
        });
      }
    }
    for (const row of proposal.sections) {
      if (!mergedIds.has(row.sectionId) && !row.removed) {
        await tx.proposalSection.update({ where: { id: row.id }, data: { removed: true, position: result.merged.sections.length + row.position } });
      }
    }
    await tx.proposal.update({ where: { id: proposal.id }, data: { baseVersionId: head.id, conflicts: JSON.stringify(result.conflicts) } });
    await recordProposalChange(tx, {
      actorId: options.actorId,
      action: "proposal.merged",
      targetType: "proposal",
      targetId: proposal.id,
      data: { fromBase: proposal.baseVersion.number, toBase: head.number, conflicts: result.conflicts.length },
    });
    const current = await tx.proposal.findUniqueOrThrow({ where: { id: proposal.id } });
    if (result.conflicts.length > 0) {
      if (current.status === "IN_REVIEW" || current.status === "APPROVED") await applyTransition(tx, current, "request_changes");
      await notify(tx, {
        userIds: proposal.authors.map((author) => author.userId),
        event: { kind: "merge_conflict", params: { proposalTitle: proposal.title, conflictCount: result.conflicts.length, versionNumber: head.number } },
        proposalId: proposal.id,
      });
    } else {
      await syncApprovalState(tx, proposal.id);
    }
  });
  return { conflicts: result.conflicts, baseVersionNumber: head.number };
}
