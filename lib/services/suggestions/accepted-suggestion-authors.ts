import type { DbOrTx } from "../../db/client";

/** Key of one block of one proposal's section: where an accepted suggestion landed. */
export const suggestionBlockKey = (proposalId: string, sectionId: string, blockId: string) => `${proposalId}\u0000${sectionId}\u0000${blockId}`;

/**
 * Who wrote the accepted suggestions of these proposals, per block (blame names them beside
 * the proposal that published the block). Names only, in the order their suggestions were made.
 */
export async function acceptedSuggestionAuthors(db: DbOrTx, proposalIds: readonly string[]): Promise<Map<string, string[]>> {
  const byBlock = new Map<string, string[]>();
  if (proposalIds.length === 0) return byBlock;
  const rows = await db.suggestion.findMany({
    where: { proposalId: { in: [...proposalIds] }, status: "ACCEPTED" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { proposalId: true, sectionId: true, blockId: true, author: { select: { name: true } } },
  });
  for (const row of rows) {
    const key = suggestionBlockKey(row.proposalId, row.sectionId, row.blockId);
    const names = byBlock.get(key) ?? [];
    if (!names.includes(row.author.name)) names.push(row.author.name);
    byBlock.set(key, names);
  }
  return byBlock;
}
