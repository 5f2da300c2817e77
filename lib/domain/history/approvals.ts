/**
 * Who approved a published version: each reviewer's latest review given before publishing,
 * if it approved exactly the text that was published (the same draft hash). This is the
 * rule the review policy applied when it let the proposal through (lib/domain/review-policy.ts).
 */

export interface ReviewRecord<Reviewer> {
  reviewerId: string;
  decision: string;
  contentHash: string;
  createdAt: Date;
  reviewer: Reviewer;
}

export function publishedApprovals<Reviewer>(
  reviews: readonly ReviewRecord<Reviewer>[],
  publishedContentHash: string,
  publishedAt: Date,
): ReviewRecord<Reviewer>[] {
  const latest = new Map<string, ReviewRecord<Reviewer>>();
  for (const review of reviews) {
    if (review.createdAt.getTime() > publishedAt.getTime()) continue;
    const current = latest.get(review.reviewerId);
    // Equal times go to the later entry, as in the review policy.
    if (current && current.createdAt.getTime() > review.createdAt.getTime()) continue;
    latest.set(review.reviewerId, review);
  }
  return [...latest.values()]
    .filter((review) => review.decision === "APPROVE" && review.contentHash === publishedContentHash)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
