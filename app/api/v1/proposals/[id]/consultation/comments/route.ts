import { getRequestActor } from "@/lib/auth/current";
import { requestClientAddress } from "@/lib/auth/request-address";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { addConsultationComment, consultationCommentInput } from "@/lib/services/consultation/add-consultation-comment";

export const dynamic = "force-dynamic";

/** `{"body", "anchor"?}` from anyone signed in while the consultation is open; 403 before and after the window. */
export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  const comment = await addConsultationComment({
    actor,
    proposalId: id,
    input: await readJson(request, consultationCommentInput),
    clientAddress: requestClientAddress(request.headers),
  });
  return json({ id: comment.id, status: comment.status.toLowerCase(), createdAt: comment.createdAt.toISOString() }, { status: 201 });
});
