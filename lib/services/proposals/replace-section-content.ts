import { z } from "zod";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { canEditContent, isProposalStatus } from "../../domain/proposal-state";
import { ensureBlockIds, validateSectionContent } from "../../editor/content";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import type { DraftSectionWriter } from "./draft-writer";

/**
 * `PUT /api/v1/proposals/{id}/sections/{sectionId}`'s body. The content is any JSON here: it is
 * checked against the editor schema below, which names what is wrong with it.
 */
export const replaceSectionInput = z.object({ content: z.unknown() });

/**
 * Replaces one section of a draft with new Tiptap JSON (API clients, imports). The content is
 * checked against the editor schema on the server, whoever sent it, and goes through the live
 * document so that people editing it see the change at once.
 */
export async function replaceSectionContent(options: {
  actor: Actor;
  proposalId: string;
  sectionId: string;
  content: unknown;
  writer: DraftSectionWriter;
}) {
  const validation = validateSectionContent(options.content);
  if (!validation.ok) {
    throw new AppError("INVALID_CONTENT", "invalidContent", { problems: validation.errors }, { problems: validation.errors });
  }
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  authorize(options.actor, "proposal:edit", proposalResource(proposal));
  if (!isProposalStatus(proposal.status) || !canEditContent(proposal.status)) {
    throw new AppError("INVALID_TRANSITION", "proposalNotEditable");
  }
  const row = proposal.sections.find((section) => section.sectionId === options.sectionId && !section.removed);
  if (!row) throw new AppError("NOT_FOUND", "proposalSectionNotFound");
  const content = ensureBlockIds(validation.content);
  await options.writer.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content, actorId: options.actor.id });
  await recordProposalChange(db, { actorId: options.actor.id, action: "proposal.content_replaced", targetType: "proposal", targetId: proposal.id, data: { sectionId: row.sectionId } });
  return { content };
}
