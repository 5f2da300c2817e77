import { runTransaction } from "../../db/transaction";
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { hashCanonical } from "../../domain/canonical";
import { emptySectionContent } from "../../domain/document";
import { isProposalStatus, canEditContent } from "../../domain/proposal-state";
import { uniqueSlug } from "../../domain/slug";
import { ensureBlockIds } from "../../editor/content";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { syncApprovalState } from "./approval-state";

export const MAX_SECTION_TITLE_LENGTH = 200;

export type StructureChange =
  | { kind: "add"; title: string; afterSectionId?: string | null }
  | { kind: "remove"; sectionId: string }
  | { kind: "restore"; sectionId: string }
  | { kind: "move"; sectionId: string; direction: "up" | "down" }
  | { kind: "rename"; sectionId: string; title: string };

function checkTitle(title: string): string {
  const trimmed = title.trim().normalize("NFC");
  if (trimmed.length === 0 || trimmed.length > MAX_SECTION_TITLE_LENGTH) {
    throw new AppError("BAD_REQUEST", "sectionTitleLength", { max: MAX_SECTION_TITLE_LENGTH });
  }
  return trimmed;
}

/** Adds, removes, reorders or renames sections of a draft. Content edits go through the editor. */
export async function changeDraftStructure(options: { actor: Actor; proposalId: string; change: StructureChange }) {
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:edit", proposalResource(proposal));
    if (!isProposalStatus(proposal.status) || !canEditContent(proposal.status)) {
      throw new AppError("INVALID_TRANSITION", "proposalNotEditable");
    }
    const active = proposal.sections.filter((section) => !section.removed).sort((a, b) => a.position - b.position);
    const find = (sectionId: string) => {
      const row = proposal.sections.find((section) => section.sectionId === sectionId);
      if (!row) throw new AppError("NOT_FOUND", "proposalSectionNotFound");
      return row;
    };
    const reorder = async (ordered: { id: string }[]) => {
      for (const [position, row] of ordered.entries()) await tx.proposalSection.update({ where: { id: row.id }, data: { position } });
    };
    const change = options.change;
    switch (change.kind) {
      case "add": {
        const title = checkTitle(change.title);
        const taken = new Set([...proposal.sections.map((section) => section.slug), ...(await tx.section.findMany({ where: { documentId: proposal.documentId }, select: { slug: true } })).map((section) => section.slug)]);
        const content = ensureBlockIds(emptySectionContent());
        const created = await tx.proposalSection.create({
          data: {
            proposalId: proposal.id,
            sectionId: `sec-${randomUUID()}`,
            slug: uniqueSlug(title, taken),
            title,
            position: active.length,
            content: JSON.stringify(content),
            contentHash: hashCanonical(content),
          },
        });
        const index = change.afterSectionId ? active.findIndex((row) => row.sectionId === change.afterSectionId) + 1 : active.length;
        const ordered = [...active];
        ordered.splice(index, 0, created);
        await reorder(ordered);
        break;
      }
      case "remove": {
        const row = find(change.sectionId);
        if (active.length <= 1) throw new AppError("BAD_REQUEST", "lastSection");
        await tx.proposalSection.update({ where: { id: row.id }, data: { removed: true } });
        await reorder(active.filter((candidate) => candidate.id !== row.id));
        break;
      }
      case "restore": {
        const row = find(change.sectionId);
        await tx.proposalSection.update({ where: { id: row.id }, data: { removed: false } });
        await reorder([...active, row]);
        break;
      }
      case "move": {
        const index = active.findIndex((row) => row.sectionId === change.sectionId);
        if (index < 0) throw new AppError("NOT_FOUND", "sectionNotFound");
        const target = change.direction === "up" ? index - 1 : index + 1;
        if (target < 0 || target >= active.length) return;
        const ordered = [...active];
        [ordered[index], ordered[target]] = [ordered[target], ordered[index]];
        await reorder(ordered);
        break;
      }
      case "rename": {
        await tx.proposalSection.update({ where: { id: find(change.sectionId).id }, data: { title: checkTitle(change.title) } });
        break;
      }
    }
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: change.kind === "add" ? "proposal.section_added" : change.kind === "remove" ? "proposal.section_removed" : "proposal.section_moved",
      targetType: "proposal",
      targetId: proposal.id,
      data: { change },
    });
    await syncApprovalState(tx, proposal.id);
  });
}
