import { hashCanonical } from "../domain/canonical";
import type { DocumentSnapshot, SnapshotSection } from "../domain/document";
import { snapshotHash } from "../domain/version-hash";
import { AppError } from "../errors";
import type { ProposalResource } from "../policies";
import type { DbOrTx } from "./client";
import { draftContent } from "./stored-columns";

/** Queries that read proposals and their drafts. */

export async function loadProposal(db: DbOrTx, proposalId: string) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    include: {
      document: true,
      baseVersion: true,
      organization: true,
      createdBy: { select: { id: true, name: true, email: true } },
      authors: { include: { user: { select: { id: true, name: true, email: true, organizationId: true, organization: { select: { name: true } } } } } },
      sections: { orderBy: { position: "asc" } },
    },
  });
  if (!proposal) throw new AppError("NOT_FOUND", "proposalNotFound");
  return proposal;
}

export type LoadedProposal = Awaited<ReturnType<typeof loadProposal>>;

export function proposalResource(proposal: {
  status: string;
  createdById: string;
  organizationId: string;
  allowOtherOrgs: boolean;
  authors: { userId: string }[];
}): ProposalResource {
  return {
    kind: "proposal",
    status: proposal.status,
    createdById: proposal.createdById,
    organizationId: proposal.organizationId,
    allowOtherOrgs: proposal.allowOtherOrgs,
    authorIds: proposal.authors.map((author) => author.userId),
  };
}

/** The draft as a document: its sections that are not removed, in their draft order. */
export function draftSnapshot(proposal: Pick<LoadedProposal, "document" | "sections">): DocumentSnapshot {
  return {
    slug: proposal.document.slug,
    title: proposal.document.title,
    sections: proposal.sections
      .filter((section) => !section.removed)
      .sort((a, b) => a.position - b.position)
      .map((section) => ({
        id: section.sectionId,
        slug: section.slug,
        title: section.title,
        content: draftContent(section),
      })),
  };
}

/** What reviewers approve: the hash of the whole draft (content, titles and order). */
export function draftContentHash(proposal: Pick<LoadedProposal, "document" | "sections">): string {
  return snapshotHash(draftSnapshot(proposal));
}

/** Authors, co-authors and everyone the collaboration server saw editing: none of them may approve. */
export async function proposalContributorIds(db: DbOrTx, proposal: { id: string; authors: { userId: string }[] }): Promise<string[]> {
  const edits = await db.proposalEdit.findMany({ where: { proposalId: proposal.id }, select: { userId: true } });
  return [...new Set([...proposal.authors.map((author) => author.userId), ...edits.map((edit) => edit.userId)])];
}

/** The row that stores one section of a draft, its content addressed like published revisions. */
export function draftSectionRow(input: {
  proposalId: string;
  section: SnapshotSection;
  position: number;
  baseRevisionId: string | null;
  removed?: boolean;
}) {
  return {
    proposalId: input.proposalId,
    sectionId: input.section.id,
    slug: input.section.slug,
    title: input.section.title,
    position: input.position,
    removed: input.removed ?? false,
    baseRevisionId: input.baseRevisionId,
    content: JSON.stringify(input.section.content),
    contentHash: hashCanonical(input.section.content),
  };
}
