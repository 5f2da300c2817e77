import type { DbOrTx } from "../../db/client";
import { draftContentHash, draftSnapshot, loadProposal, proposalContributorIds, type LoadedProposal } from "../../db/proposals";
import { loadVersionSnapshot } from "../../db/documents";
import { hashCanonical } from "../../domain/canonical";
import type { DocumentSnapshot } from "../../domain/document";
import { isProposalStatus, transition } from "../../domain/proposal-state";
import { evaluatePolicy, type PolicyEvaluation, type PolicyTouchedSection } from "../../domain/review-policy";
import { checkReviewSignatures, type ReviewSignatureCheck } from "./approval-signatures";
import { countPendingSuggestions } from "../suggestions/draft-content";
import { unansweredConsultationCount } from "../consultation/unanswered-count";

/**
 * Sections a proposal touches, compared with its base version: added, removed, retitled,
 * moved or with different content. Each needs its owning ministry's approval.
 */
export function touchedSectionIds(base: DocumentSnapshot, draft: DocumentSnapshot): string[] {
  const baseById = new Map(base.sections.map((section, position) => [section.id, { section, position }]));
  const draftIds = new Set(draft.sections.map((section) => section.id));
  const touched: string[] = [];
  draft.sections.forEach((section, position) => {
    const before = baseById.get(section.id);
    if (
      !before ||
      before.position !== position ||
      before.section.title !== section.title ||
      hashCanonical(before.section.content) !== hashCanonical(section.content)
    ) {
      touched.push(section.id);
    }
  });
  for (const section of base.sections) if (!draftIds.has(section.id)) touched.push(section.id);
  return touched;
}

export interface ProposalPolicyState {
  evaluation: PolicyEvaluation;
  contentHash: string;
  contributorIds: string[];
  touchedSectionIds: string[];
  /** Each review's signature check, by review id. */
  signatures: Map<string, ReviewSignatureCheck>;
  /** Consultation comments still owed an answer; null without a consultation. */
  unansweredConsultationComments: number | null;
}

export async function evaluateProposalPolicy(db: DbOrTx, proposal: LoadedProposal): Promise<ProposalPolicyState> {
  const base = await loadVersionSnapshot(db, proposal.document, proposal.baseVersionId);
  const draft = draftSnapshot(proposal);
  const touched = touchedSectionIds(base, draft);
  const sections = await db.section.findMany({ where: { id: { in: touched } }, include: { ownerOrganization: true } });
  const sectionById = new Map(sections.map((section) => [section.id, section]));
  const titleById = new Map([...base.sections, ...draft.sections].map((section) => [section.id, section.title]));
  const touchedSections: PolicyTouchedSection[] = touched.map((sectionId) => {
    const section = sectionById.get(sectionId);
    return {
      sectionId,
      title: titleById.get(sectionId) ?? sectionId,
      ownerOrganizationId: section?.ownerOrganizationId ?? null,
      ownerOrganizationName: section?.ownerOrganization?.name ?? null,
    };
  });
  const reviews = await db.review.findMany({
    where: { proposalId: proposal.id },
    orderBy: { createdAt: "asc" },
    include: { reviewer: { select: { id: true, name: true, organizationId: true } } },
  });
  const contributorIds = await proposalContributorIds(db, proposal);
  const contentHash = draftContentHash(proposal);
  const signatures = await checkReviewSignatures(db, proposal, reviews);
  const unansweredConsultationComments = await unansweredConsultationCount(db, proposal.id);
  const evaluation = evaluatePolicy({
    unansweredConsultationComments,
    requiredApprovals: proposal.document.requiredApprovals,
    currentContentHash: contentHash,
    contributorIds,
    touchedSections,
    pendingSuggestions: await countPendingSuggestions(db, proposal.id),
    reviews: reviews.map((review) => ({
      id: review.id,
      reviewerId: review.reviewerId,
      reviewerName: review.reviewer.name,
      reviewerOrganizationId: review.reviewer.organizationId,
      decision: review.decision,
      contentHash: review.contentHash,
      // Reviews from before reviews recorded their base have none: they are unsigned legacy
      // reviews, which count for nothing but may still object.
      onCurrentBase: review.baseVersionId === null || review.baseVersionId === proposal.baseVersionId,
      signature: signatures.get(review.id)?.state ?? "missing",
      createdAt: review.createdAt,
    })),
  });
  return { evaluation, contentHash, contributorIds, touchedSectionIds: touched, signatures, unansweredConsultationComments };
}

/**
 * Moves a proposal between IN_REVIEW and APPROVED as the policy starts or stops holding
 * (after a review, an edit that made approvals stale, or a merge). Returns the new status.
 */
export async function syncApprovalState(db: DbOrTx, proposalId: string): Promise<string> {
  const proposal = await loadProposal(db, proposalId);
  if (!isProposalStatus(proposal.status)) return proposal.status;
  if (proposal.status !== "IN_REVIEW" && proposal.status !== "APPROVED") return proposal.status;
  const { evaluation } = await evaluateProposalPolicy(db, proposal);
  const event = evaluation.satisfied ? "policy_satisfied" : "policy_unsatisfied";
  const next = transition(proposal.status, event);
  if (!next.ok || next.status === proposal.status) return proposal.status;
  await db.proposal.update({ where: { id: proposal.id }, data: { status: next.status } });
  return next.status;
}
