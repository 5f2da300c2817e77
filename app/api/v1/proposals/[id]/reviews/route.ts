import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { reviewInput, reviewProposal } from "@/lib/services/proposals/review-proposal";

export const dynamic = "force-dynamic";

/**
 * `{"decision": "approve" | "request_changes" | "reject", "comment", "signature"?}`. An approval
 * needs `signature`: base64 of the Ed25519 signature over the proposal's `approvalPayload`
 * (GET /api/v1/proposals/{id}) made with the caller's registered key (POST /api/v1/me/keys).
 */
export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  const input = await readJson(request, reviewInput);
  const { review, status } = await reviewProposal({ actor, proposalId: id, input });
  return json({ review: { id: review.id, decision: review.decision, contentHash: review.contentHash, signature: review.signature, createdAt: review.createdAt.toISOString() }, status }, { status: 201 });
});
