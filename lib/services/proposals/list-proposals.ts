import { getDb } from "../../db/client";
import { can, type Actor } from "../../policies";

/** Most proposals a workspace list shows; older ones are reachable from the history pages. */
export const WORKSPACE_LIST_LIMIT = 50;

/** The workspace's lists: my proposals, my ministry's open proposals, and (for reviewers) those awaiting review. */
export async function listWorkspaceProposals(actor: Actor) {
  const db = await getDb();
  const select = { id: true, title: true, status: true, updatedAt: true, organization: { select: { name: true } }, document: { select: { slug: true, title: true } } } as const;
  const mine = await db.proposal.findMany({
    where: { authors: { some: { userId: actor.id } } },
    orderBy: { updatedAt: "desc" },
    take: WORKSPACE_LIST_LIMIT,
    select,
  });
  const ministry = actor.organizationId
    ? await db.proposal.findMany({
        where: { organizationId: actor.organizationId, status: { in: ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"] }, NOT: { authors: { some: { userId: actor.id } } } },
        orderBy: { updatedAt: "desc" },
        take: WORKSPACE_LIST_LIMIT,
        select,
      })
    : [];
  const awaitingReview = can(actor, "review:queue")
    ? await db.proposal.findMany({
          where: { status: { in: ["IN_REVIEW", "APPROVED"] }, NOT: { authors: { some: { userId: actor.id } } } },
          orderBy: { submittedAt: "asc" },
          take: WORKSPACE_LIST_LIMIT,
          select,
        })
      : [];
  return { mine, ministry, awaitingReview };
}

