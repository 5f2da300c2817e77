import { getDb } from "../../db/client";

/**
 * The consultation report of a published version, when the proposal it came from went through
 * one: the version's page links to it and its downloads. Null otherwise.
 */
export async function versionConsultation(options: { documentSlug: string; number: number }): Promise<{ proposalId: string; comments: number } | null> {
  const db = await getDb();
  const version = await db.version.findFirst({
    where: { number: options.number, document: { slug: options.documentSlug } },
    select: { proposal: { select: { id: true, consultation: { select: { _count: { select: { comments: { where: { status: "PUBLISHED" } } } } } } } } },
  });
  const consultation = version?.proposal?.consultation;
  if (!version?.proposal || !consultation) return null;
  return { proposalId: version.proposal.id, comments: consultation._count.comments };
}
