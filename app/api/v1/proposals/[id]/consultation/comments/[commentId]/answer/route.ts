import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { answerConsultationComment, answerInput } from "@/lib/services/consultation/answer-consultation-comment";

export const dynamic = "force-dynamic";

/** `{"disposition": "accepted" | "partly_accepted" | "not_accepted" | "explained", "reason"}` from the authors. */
export const POST = apiRoute<{ params: Promise<{ id: string; commentId: string }> }>(async (request, { params }) => {
  const { id, commentId } = await params;
  const actor = requireActor(await getRequestActor(request));
  const answer = await answerConsultationComment({ actor, proposalId: id, commentId, input: await readJson(request, answerInput) });
  return json({ commentId: answer.commentId, answer: { disposition: answer.disposition, reason: answer.reason } });
});
