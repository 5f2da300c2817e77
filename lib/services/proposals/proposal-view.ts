import { getDb, type DbOrTx } from "../../db/client";
import { loadVersionSnapshot } from "../../db/documents";
import { auditData } from "../../db/audit";
import { draftSnapshot, loadProposal, proposalResource } from "../../db/proposals";
import { draftContent, openConflicts } from "../../db/stored-columns";
import { diffDocuments } from "../../domain/diff";
import type { DocumentDiff } from "../../domain/diff/types";
import { sectionToMarkdown } from "../../editor/markdown";
import { authorize, type Actor } from "../../policies";
import { evaluateProposalPolicy } from "./approval-state";
import { baseStatementHash, currentApprovalPayload, type ReviewSignatureCheck } from "./approval-signatures";
import { encodeBase64 } from "../../domain/tlog";
import { resolveCommentRanges } from "./comment-anchors";

/**
 * How a review is signed, as shown and as the API reports it: `signed` (verifies with the
 * reviewer's key), `invalid` (carries a signature or key that does not verify: a forged or
 * altered review), `unsigned-legacy` (an approval from before reviewers signed) or `unsigned`
 * (objections, which are not signed, or an approval row without a signature).
 */
export type ReviewSigning = "signed" | "invalid" | "unsigned-legacy" | "unsigned";

function reviewSigning(review: { decision: string; baseVersionId: string | null; signature: string | null }, check: ReviewSignatureCheck | undefined): ReviewSigning {
  if (check?.state === "valid") return "signed";
  if (check?.state === "invalid") return "invalid";
  return review.decision === "APPROVE" && review.baseVersionId === null ? "unsigned-legacy" : "unsigned";
}

/** Everything the proposal page and `GET /api/v1/proposals/{id}` show. */
export async function getProposalView(options: { actor: Actor | null; proposalId: string; db?: DbOrTx }) {
  const db = options.db ?? (await getDb());
  const proposal = await loadProposal(db, options.proposalId);
  const resource = proposalResource(proposal);
  authorize(options.actor, "proposal:read", resource);
  const base = await loadVersionSnapshot(db, proposal.document, proposal.baseVersionId);
  const draft = draftSnapshot(proposal);
  const diff: DocumentDiff = diffDocuments(base, draft);
  const policy = await evaluateProposalPolicy(db, proposal);
  const reviews = await db.review.findMany({
    where: { proposalId: proposal.id },
    orderBy: { createdAt: "asc" },
    include: { reviewer: { select: { id: true, name: true, organization: { select: { name: true } } } } },
  });
  const assessment = new Map(policy.evaluation.reviews.map((review) => [review.id, review]));
  const comments = await db.comment.findMany({
    where: { proposalId: proposal.id },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { id: true, name: true } } },
  });
  const timeline = await db.auditEvent.findMany({ where: { targetType: "proposal", targetId: proposal.id }, orderBy: { id: "asc" } });
  const timelineActors = await db.user.findMany({
    where: { id: { in: [...new Set(timeline.map((event) => event.actorId).filter((id): id is string => !!id))] } },
    select: { id: true, name: true },
  });
  const actorName = new Map(timelineActors.map((user) => [user.id, user.name]));
  const edits = await db.proposalEdit.findMany({ where: { proposalId: proposal.id }, include: { user: { select: { name: true } } } });
  const published = await db.version.findUnique({ where: { proposalId: proposal.id }, select: { number: true, hash: true } });
  const ranges = resolveCommentRanges(proposal, comments);

  return {
    id: proposal.id,
    title: proposal.title,
    rationale: proposal.rationale,
    legalBasis: proposal.legalBasis,
    status: proposal.status,
    kind: proposal.kind,
    createdAt: proposal.createdAt.toISOString(),
    updatedAt: proposal.updatedAt.toISOString(),
    document: { slug: proposal.document.slug, title: proposal.document.title, consultationMinDays: proposal.document.consultationMinDays },
    baseVersion: { number: proposal.baseVersion.number, hash: proposal.baseVersion.hash, statementHash: await baseStatementHash(db, proposal.baseVersionId) },
    /** Base64 of the exact bytes a reviewer signs to approve the current content on the current base. */
    approvalPayload: encodeBase64(await currentApprovalPayload(db, proposal)),
    publishedVersion: published,
    organization: { id: proposal.organization.id, name: proposal.organization.name },
    allowOtherOrgs: proposal.allowOtherOrgs,
    authors: proposal.authors.map((author) => ({
      id: author.user.id,
      name: author.user.name,
      email: author.user.email,
      organization: author.user.organization?.name ?? null,
      role: author.role,
    })),
    editors: edits.map((edit) => ({ userId: edit.userId, name: edit.user.name, sectionId: edit.sectionId, updates: edit.updates, lastAt: edit.lastAt.toISOString() })),
    contentHash: policy.contentHash,
    sections: proposal.sections
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((section) => {
        const content = draftContent(section);
        return {
          id: section.sectionId,
          slug: section.slug,
          title: section.title,
          position: section.position,
          removed: section.removed,
          isNew: section.baseRevisionId === null,
          contentHash: section.contentHash,
          content,
          markdown: sectionToMarkdown(content),
        };
      }),
    policy: {
      satisfied: policy.evaluation.satisfied,
      approvalsCounted: policy.evaluation.approvalsCounted,
      approvalsRequired: policy.evaluation.approvalsRequired,
      checklist: policy.evaluation.items,
    },
    reviews: reviews.map((review) => {
      const judged = assessment.get(review.id);
      return {
        id: review.id,
        reviewer: { id: review.reviewer.id, name: review.reviewer.name, organization: review.reviewer.organization?.name ?? null },
        decision: review.decision,
        comment: review.comment,
        contentHash: review.contentHash,
        createdAt: review.createdAt.toISOString(),
        stale: judged?.stale ?? review.contentHash !== policy.contentHash,
        counted: judged?.counted ?? false,
        reasonNotCounted: judged?.reasonNotCounted ?? null,
        signing: reviewSigning(review, policy.signatures.get(review.id)),
        signature: review.signature,
        keyFingerprint: policy.signatures.get(review.id)?.keyFingerprint ?? null,
      };
    }),
    comments: comments.map((comment) => ({
      id: comment.id,
      author: comment.author,
      body: comment.body,
      sectionId: comment.sectionId,
      blockId: comment.blockId,
      parentId: comment.parentId,
      createdAt: comment.createdAt.toISOString(),
      /** For a comment on a range of words: the words it was made on, and its live positions (base64 Yjs relative positions) while the draft is live. */
      anchor: ranges.has(comment.id)
        ? { sectionId: ranges.get(comment.id)!.anchor.sectionId, quote: ranges.get(comment.id)!.anchor.quote, live: ranges.get(comment.id)!.anchor.live }
        : null,
      /** Where those words are now (block id and offsets into its text), null when they are gone or for other comments. */
      range: ranges.get(comment.id)?.range ?? null,
    })),
    conflicts: openConflicts(proposal),
    timeline: timeline.map((event) => ({
      id: event.id,
      action: event.action,
      actor: event.actorId ? actorName.get(event.actorId) ?? null : null,
      at: event.createdAt.toISOString(),
      data: auditData(event),
    })),
    diff,
    resource,
  };
}

export type ProposalView = Awaited<ReturnType<typeof getProposalView>>;

/** Fields of an audit event's data that name a person by id; the public record names people by name only. */
const PERSONAL_DATA_FIELDS = new Set(["userId", "email", "actorId", "reviewerId", "authorId"]);

function withoutPersonalFields(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !PERSONAL_DATA_FIELDS.has(key)));
}

/**
 * `GET /api/v1/proposals/{id}` for every client, anonymous ones included once a proposal is
 * published: people appear by name and ministry, as in version JSON, never by email address or
 * user id. Ids of proposals, sections, reviews and comments stay (programs need them, and they
 * name no one).
 */
export function proposalJson(view: ProposalView) {
  const { resource: _resource, authors, editors, reviews, comments, timeline, ...rest } = view;
  return {
    ...rest,
    authors: authors.map((author) => ({ name: author.name, organization: author.organization, role: author.role })),
    editors: editors.map((edit) => ({ name: edit.name, sectionId: edit.sectionId, updates: edit.updates, lastAt: edit.lastAt })),
    reviews: reviews.map(({ reviewer, ...review }) => ({ ...review, reviewer: { name: reviewer.name, organization: reviewer.organization } })),
    comments: comments.map(({ author, ...comment }) => ({ ...comment, author: { name: author.name } })),
    timeline: timeline.map((event) => ({ ...event, data: withoutPersonalFields(event.data) })),
  };
}
