import type { DbOrTx } from "../../db/client";
import { draftContent } from "../../db/stored-columns";
import type { SectionContent } from "../../domain/document";
import { validateSectionContent } from "../../editor/content";
import { AppError } from "../../errors";

/** The stored draft of one section of a proposal (callers flush the live documents first). */
export async function draftSectionContent(db: DbOrTx, proposalId: string, sectionId: string): Promise<SectionContent> {
  const row = await db.proposalSection.findUnique({
    where: { proposalId_sectionId: { proposalId, sectionId } },
    select: { content: true, removed: true },
  });
  if (!row || row.removed) throw new AppError("NOT_FOUND", "proposalSectionNotFound");
  const validation = validateSectionContent(draftContent({ proposalId, sectionId, content: row.content }));
  if (!validation.ok) throw new AppError("INVALID_CONTENT", "invalidContent", { problems: validation.errors }, { problems: validation.errors });
  return validation.content;
}

/** How many suggestions of a proposal still wait for an author's decision. */
export function countPendingSuggestions(db: DbOrTx, proposalId: string): Promise<number> {
  return db.suggestion.count({ where: { proposalId, status: "PENDING" } });
}
