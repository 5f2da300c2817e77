import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { parseStoredAnchor, type TextPoint } from "../../domain/anchors";
import { can, type Actor } from "../../policies";

export interface VersionRemark {
  id: string;
  sectionId: string;
  start: TextPoint;
  end: TextPoint;
  author: string;
  body: string;
}

/**
 * The comments of the proposal that made version `number`, each at the words of that version it
 * points at (block id and offsets, set when the proposal was published). Empty for a version
 * no proposal made, and for a reader the permission module does not let read the proposal.
 */
export async function versionRemarks(options: { slug: string; number: number; actor: Actor | null }): Promise<VersionRemark[]> {
  const db = await getDb();
  const version = await db.version.findFirst({ where: { document: { slug: options.slug }, number: options.number }, select: { proposalId: true } });
  if (!version?.proposalId) return [];
  const proposal = await loadProposal(db, version.proposalId);
  if (!can(options.actor, "proposal:read", proposalResource(proposal))) return [];
  const comments = await db.comment.findMany({
    where: { proposalId: proposal.id, anchor: { not: null }, parentId: null },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } } },
  });
  return comments.flatMap((comment) => {
    const anchor = parseStoredAnchor(comment.anchor);
    if (!anchor?.text || anchor.text.version !== options.number) return [];
    return [{ id: comment.id, sectionId: anchor.sectionId, start: anchor.text.start, end: anchor.text.end, author: comment.author.name, body: comment.body }];
  });
}
