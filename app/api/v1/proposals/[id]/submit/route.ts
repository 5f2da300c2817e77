import { getRequestActor } from "@/lib/auth/current";
import { collabDraftWriter } from "@/lib/collab/client";
import { apiRoute, json } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { submitProposal } from "@/lib/services/proposals/submit-proposal";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  return json(await submitProposal({ actor, proposalId: id, writer: collabDraftWriter }));
});
