import { runTransaction } from "../../db/transaction";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { draftContent, openConflicts } from "../../db/stored-columns";
import { blockId, type RichNode } from "../../domain/document";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import type { DraftSectionWriter } from "./draft-writer";

export type ConflictResolution = "keep_head" | "keep_proposal" | "edited";

function isNode(value: unknown): value is RichNode {
  return typeof value === "object" && value !== null && typeof (value as RichNode).type === "string";
}

/**
 * The authors settle one merge conflict: keep the published (head) text of the block, keep
 * their own (already in the draft), or say they edited it by hand in the editor.
 */
export async function resolveMergeConflict(options: {
  actor: Actor;
  proposalId: string;
  conflictId: string;
  resolution: ConflictResolution;
  writer: DraftSectionWriter;
}) {
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  authorize(options.actor, "proposal:resolve", proposalResource(proposal));
  const conflicts = openConflicts(proposal);
  const conflict = conflicts.find((candidate) => candidate.id === options.conflictId);
  if (!conflict) throw new AppError("NOT_FOUND", "conflictNotFound");

  if (options.resolution === "keep_head") {
    const row = proposal.sections.find((section) => section.sectionId === conflict.sectionId);
    const targetId = conflict.blockId;
    if (!row || !targetId || targetId.includes("~")) {
      throw new AppError("BAD_REQUEST", "conflictNeedsEditor");
    }
    const content = draftContent(row);
    const replacement = isNode(conflict.head) ? conflict.head : null;
    const blocks = content.content.flatMap((block) => (blockId(block) === targetId ? (replacement ? [replacement] : []) : [block]));
    await options.writer.replaceSection({
      proposalId: proposal.id,
      sectionId: conflict.sectionId,
      content: { ...content, content: blocks.length > 0 ? blocks : [{ type: "paragraph" }] },
      actorId: options.actor.id,
    });
  }
  const remaining = conflicts.filter((candidate) => candidate.id !== conflict.id);
  await runTransaction(db, async (tx) => {
    await tx.proposal.update({ where: { id: proposal.id }, data: { conflicts: JSON.stringify(remaining) } });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "proposal.conflict_resolved",
      targetType: "proposal",
      targetId: proposal.id,
      data: { conflictId: conflict.id, resolution: options.resolution },
    });
  });
  return { remaining: remaining.length };
}
