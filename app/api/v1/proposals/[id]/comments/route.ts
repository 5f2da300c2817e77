import { collabDraftWriter } from "@/lib/collab/client";
import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { requireActor } from "@/lib/policies";
import { addComment, commentInput } from "@/lib/services/proposals/add-comment";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  await enforceRateLimit("comment", personRateKey(actor));
  const comment = await addComment({ actor, proposalId: id, input: await readJson(request, commentInput), writer: collabDraftWriter });
  return json({ id: comment.id, createdAt: comment.createdAt.toISOString() }, { status: 201 });
});
