/**
 * The approval policy: when may a proposal be published? The answer is a checklist that the
 * review page shows as it is, so a reviewer sees exactly why a proposal is or is not ready.
 *
 * Rules: only each reviewer's latest review counts; an approval counts only for the content
 * the reviewer saw (same content hash, on the same base version: what a reviewer approves is
 * a change from a given text) and only when its Ed25519 signature by the reviewer's registered
 * key verifies (checked by the caller, which holds the keys), and only from someone who did not write the
 * proposal; every ministry that owns a touched section must approve; an outstanding change
 * request or rejection blocks; a proposal that changes nothing is not publishable.
 */

export type ReviewDecision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";

export interface LocalizedLabel {
  vi: string;
  en: string;
}

export interface PolicyTouchedSection {
  sectionId: string;
  title: string;
  ownerOrganizationId: string | null;
  ownerOrganizationName: string | null;
}

export interface PolicyReview {
  id: string;
  reviewerId: string;
  reviewerName: string;
  reviewerOrganizationId: string | null;
  decision: ReviewDecision;
  contentHash: string;
  /** Given on the proposal's current base version (false after a rebase onto another). */
  onCurrentBase: boolean;
  /** Whether the review's signature verifies over its approval payload with the reviewer's key. */
  signature: ReviewSignatureState;
  createdAt: Date;
}

/** valid: verifies now; missing: unsigned (an objection, or a legacy approval); invalid: does not verify. */
export type ReviewSignatureState = "valid" | "missing" | "invalid";

export interface PolicyInput {
  requiredApprovals: number;
  currentContentHash: string;
  /** Authors, co-authors and anyone who edited the draft. */
  contributorIds: string[];
  touchedSections: PolicyTouchedSection[];
  reviews: PolicyReview[];
  /** Suggested changes (lib/domain/suggestions.ts) that no author has accepted or rejected yet. */
  pendingSuggestions?: number;
  /**
   * Comments of the proposal's public consultation still owed a written answer (null: the
   * proposal has no consultation). See lib/domain/consultation.ts `unansweredCount`.
   */
  unansweredConsultationComments?: number | null;
}

export type ReasonNotCounted = "stale" | "self_review" | "superseded" | "not_approval" | "unsigned" | "signature_invalid";

export interface PolicyChecklistItem {
  key: string;
  ok: boolean;
  label: LocalizedLabel;
}

export interface PolicyReviewAssessment {
  id: string;
  /** The content or the base version changed after this review was given. */
  stale: boolean;
  counted: boolean;
  reasonNotCounted: ReasonNotCounted | null;
}

export interface PolicyEvaluation {
  satisfied: boolean;
  approvalsCounted: number;
  approvalsRequired: number;
  items: PolicyChecklistItem[];
  reviews: PolicyReviewAssessment[];
}

export const POLICY_ITEM_KEYS = {
  hasChanges: "has-changes",
  approvals: "approvals",
  noObjections: "no-objections",
  suggestionsDecided: "suggestions-decided",
  consultationAnswered: "consultation-answered",
} as const;

/**
 * A proposal that went through public consultation may not be approved while a comment has no
 * answer: every comment gets a written answer before the text moves on (the law's tiếp thu, giải trình).
 */
export function consultationBlocksApproval(unansweredConsultationComments: number | null | undefined): boolean {
  return (unansweredConsultationComments ?? 0) > 0;
}

/** Separation of duties: nobody approves a text they wrote or edited. */
export function canReviewerApprove(reviewerId: string, contributorIds: readonly string[]): boolean {
  return !contributorIds.includes(reviewerId);
}

export function evaluatePolicy(input: PolicyInput): PolicyEvaluation {
  const latestReviewIds = latestReviewIdPerReviewer(input.reviews);
  const assessments = input.reviews.map((review) => assessReview(review, input, latestReviewIds));
  const countedReviews = input.reviews.filter((_, index) => assessments[index].counted);
  const objections = input.reviews.filter(
    (review, index) =>
      review.decision !== "APPROVE" && latestReviewIds.has(review.id) && !assessments[index].stale,
  );

  const approvalsRequired = Math.max(0, input.requiredApprovals);
  const approvalsCounted = countedReviews.length;
  const items: PolicyChecklistItem[] = [
    {
      key: POLICY_ITEM_KEYS.hasChanges,
      ok: input.touchedSections.length > 0,
      label: { vi: "Có thay đổi so với bản gốc", en: "Has changes" },
    },
    {
      key: POLICY_ITEM_KEYS.approvals,
      ok: approvalsCounted >= approvalsRequired,
      label: {
        vi: `${approvalsCounted}/${approvalsRequired} phê duyệt`,
        en: `${approvalsCounted}/${approvalsRequired} approvals`,
      },
    },
    ...organizationItems(input.touchedSections, countedReviews),
    ...objectionItems(objections),
    ...suggestionItems(input.pendingSuggestions ?? 0),
    ...consultationItems(input.unansweredConsultationComments ?? null),
  ];

  return {
    satisfied: items.every((item) => item.ok),
    approvalsCounted,
    approvalsRequired,
    items,
    reviews: assessments,
  };
}

/** A reviewer's later review replaces the earlier ones; equal times go to the later entry. */
function latestReviewIdPerReviewer(reviews: readonly PolicyReview[]): Set<string> {
  const latestByReviewer = new Map<string, PolicyReview>();
  for (const review of reviews) {
    const current = latestByReviewer.get(review.reviewerId);
    if (current && current.createdAt.getTime() > review.createdAt.getTime()) continue;
    latestByReviewer.set(review.reviewerId, review);
  }
  return new Set([...latestByReviewer.values()].map((review) => review.id));
}

function assessReview(review: PolicyReview, input: PolicyInput, latestReviewIds: Set<string>): PolicyReviewAssessment {
  const stale = review.contentHash !== input.currentContentHash || !review.onCurrentBase;
  const notCounted = (reasonNotCounted: ReasonNotCounted): PolicyReviewAssessment => ({
    id: review.id,
    stale,
    counted: false,
    reasonNotCounted,
  });
  if (!latestReviewIds.has(review.id)) return notCounted("superseded");
  if (review.decision !== "APPROVE") return notCounted("not_approval");
  // Checked before staleness: approving again after the next edit would not help a contributor.
  if (!canReviewerApprove(review.reviewerId, input.contributorIds)) return notCounted("self_review");
  if (stale) return notCounted("stale");
  // An approval without a valid signature does not count, whatever the database says.
  if (review.signature === "missing") return notCounted("unsigned");
  if (review.signature === "invalid") return notCounted("signature_invalid");
  return { id: review.id, stale, counted: true, reasonNotCounted: null };
}

function organizationItems(
  touchedSections: readonly PolicyTouchedSection[],
  countedReviews: readonly PolicyReview[],
): PolicyChecklistItem[] {
  const organizationNames = new Map<string, string>();
  for (const section of touchedSections) {
    if (section.ownerOrganizationId === null || organizationNames.has(section.ownerOrganizationId)) continue;
    organizationNames.set(section.ownerOrganizationId, section.ownerOrganizationName ?? section.ownerOrganizationId);
  }
  return [...organizationNames].map(([organizationId, name]) => ({
    key: `organization:${organizationId}`,
    ok: countedReviews.some((review) => review.reviewerOrganizationId === organizationId),
    label: { vi: `Phê duyệt của ${name}`, en: `Approval from ${name}` },
  }));
}

function objectionItems(objections: readonly PolicyReview[]): PolicyChecklistItem[] {
  if (objections.length === 0) {
    return [
      {
        key: POLICY_ITEM_KEYS.noObjections,
        ok: true,
        label: { vi: "Không có yêu cầu chỉnh sửa hay từ chối", en: "No outstanding change requests or rejections" },
      },
    ];
  }
  return objections.map((review) => ({
    key: `objection:${review.id}`,
    ok: false,
    label:
      review.decision === "REJECT"
        ? { vi: `${review.reviewerName} đã từ chối`, en: `${review.reviewerName} rejected the proposal` }
        : { vi: `${review.reviewerName} yêu cầu chỉnh sửa`, en: `${review.reviewerName} requested changes` },
  }));
}

/** Every suggested change is accepted or rejected before the proposal can pass. */
function suggestionItems(pending: number): PolicyChecklistItem[] {
  if (pending === 0) return [];
  return [
    {
      key: POLICY_ITEM_KEYS.suggestionsDecided,
      ok: false,
      label: { vi: `Còn ${pending} đề xuất sửa chưa được xử lý`, en: `${pending} suggested change(s) still to accept or reject` },
    },
  ];
}

function consultationItems(unanswered: number | null): PolicyChecklistItem[] {
  if (unanswered === null) return [];
  return [
    {
      key: POLICY_ITEM_KEYS.consultationAnswered,
      ok: unanswered === 0,
      label:
        unanswered === 0
          ? { vi: "Mọi ý kiến góp ý đã được trả lời", en: "Every consultation comment has been answered" }
          : { vi: `${unanswered} ý kiến góp ý chưa được trả lời`, en: `${unanswered} consultation comment${unanswered === 1 ? "" : "s"} not yet answered` },
    },
  ];
}
