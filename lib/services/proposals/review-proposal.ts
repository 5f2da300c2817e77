import { runTransaction } from "../../db/transaction";
import { z } from "zod";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { approvalGateForSuggestions } from "../../domain/suggestions";
import { countPendingSuggestions } from "../suggestions/draft-content";
import { canReviewerApprove, consultationBlocksApproval } from "../../domain/review-policy";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { notify } from "../notifications/notify";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";
import { evaluateProposalPolicy, syncApprovalState } from "./approval-state";
import { applyTransition } from "./proposal-transition";
import { currentApprovalPayload } from "./approval-signatures";
import { activeReviewerKey } from "../workspace/reviewer-keys";
import { decodeBase64, decodePublicKey, verifyEd25519 } from "../../domain/tlog";
import { inputIssues } from "../../domain/input-issues";

export const MAX_REVIEW_COMMENT_LENGTH = 10_000;
/** Base64 of a 64-byte signature is 88 characters; anything much longer is not one. */
const MAX_SIGNATURE_TEXT_LENGTH = 200;

export const reviewInput = z.object({
  decision: z.enum(["approve", "request_changes", "reject"]),
  comment: z.string().trim().max(MAX_REVIEW_COMMENT_LENGTH).optional().default(""),
  /** The draft hash the reviewer read; when given and stale, the review is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Ed25519 signature (base64) over the proposal's approvalPayload; required to approve. */
  signature: z.string().max(MAX_SIGNATURE_TEXT_LENGTH).optional(),
});

const DECISIONS = { approve: "APPROVE", request_changes: "REQUEST_CHANGES", reject: "REJECT" } as const;

/**
 * Records a reviewer's decision, bound to the hash of the draft and to the base version at this
 * moment: an edit or a rebase made afterwards makes an approval stale. Nobody who wrote or
 * edited the proposal may approve it. An approval must carry the reviewer's Ed25519 signature
 * over the proposal's current approval payload, made with the key registered to them (the
 * server never holds it); it is checked here and again whenever the policy is evaluated.
 */
export async function reviewProposal(options: { actor: Actor; proposalId: string; input: z.input<typeof reviewInput> }) {
  const parsed = reviewInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidReview", { issues: inputIssues(parsed.error) });
  const input = parsed.data;
  if (input.decision !== "approve" && input.comment.length === 0) {
    throw new AppError("BAD_REQUEST", "reviewCommentRequired");
  }
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:review", proposalResource(proposal));
    const { contentHash, contributorIds, unansweredConsultationComments } = await evaluateProposalPolicy(tx, proposal);
    if (input.decision === "approve" && !canReviewerApprove(options.actor.id, contributorIds)) {
      throw new AppError("FORBIDDEN", "selfApproval");
    }
    if (input.decision === "approve") {
      const gate = approvalGateForSuggestions(await countPendingSuggestions(tx, proposal.id));
      if (!gate.ok) throw new AppError("UNPROCESSABLE", "suggestionsPending", { count: gate.pending }, { pendingSuggestions: gate.pending });
    }
    if (input.decision === "approve" && consultationBlocksApproval(unansweredConsultationComments)) {
      const count = unansweredConsultationComments ?? 0;
      throw new AppError("UNPROCESSABLE", "consultationUnanswered", { count }, { unansweredComments: count });
    }
    if (input.contentHash && input.contentHash !== contentHash) {
      throw new AppError("CONFLICT", "reviewContentChanged", undefined, { contentHash });
    }
    let keyId: string | null = null;
    let signature: string | null = null;
    if (input.decision === "approve") {
      if (!input.signature) throw new AppError("BAD_REQUEST", "approvalSignatureRequired");
      const key = await activeReviewerKey(tx, options.actor.id);
      if (!key) throw new AppError("BAD_REQUEST", "reviewerKeyMissing");
      const payload = await currentApprovalPayload(tx, proposal);
      let verified = false;
      try {
        verified = verifyEd25519(decodePublicKey(key.publicKey), payload, decodeBase64(input.signature.trim()));
      } catch {
        verified = false;
      }
      if (!verified) throw new AppError("BAD_REQUEST", "approvalSignatureInvalid");
      keyId = key.id;
      signature = input.signature.trim();
    }
    const review = await tx.review.create({
      data: {
        proposalId: proposal.id,
        reviewerId: options.actor.id,
        decision: DECISIONS[input.decision],
        comment: input.comment,
        contentHash,
        baseVersionId: proposal.baseVersionId,
        signature,
        keyId,
      },
    });
    if (input.decision === "request_changes") await applyTransition(tx, proposal, "request_changes");
    if (input.decision === "reject") await applyTransition(tx, proposal, "reject");
    const status = input.decision === "approve" ? await syncApprovalState(tx, proposal.id) : (await tx.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status;
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "proposal.reviewed",
      targetType: "proposal",
      targetId: proposal.id,
      data: { reviewId: review.id, decision: review.decision, contentHash, signed: signature !== null },
    });
    await enqueueWebhookEvent(tx, "proposal.reviewed", {
      proposal: { id: proposal.id, title: proposal.title, status, documentSlug: proposal.document.slug },
      review: { id: review.id, decision: input.decision, contentHash, signed: signature !== null, reviewer: { id: options.actor.id, name: options.actor.name } },
    });
    await notify(tx, {
      userIds: proposal.authors.map((author) => author.userId),
      event: { kind: "decision", params: { reviewerName: options.actor.name, decision: input.decision, proposalTitle: proposal.title } },
      proposalId: proposal.id,
      exceptUserId: options.actor.id,
    });
    return { review, status };
  });
}
