import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json } from "@/lib/http/api";
import { getProposalView, proposalJson } from "@/lib/services/proposals/proposal-view";

export const dynamic = "force-dynamic";

/**
 * The proposal with its sections' current content, reviews (with a stale flag), the policy
 * checklist and the diff against its base; people by name and ministry only.
 */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  return json(proposalJson(await getProposalView({ actor: await getRequestActor(request), proposalId: id })));
});
