import { getRequestActor } from "@/lib/auth/current";
import { collabDraftWriter } from "@/lib/collab/client";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { decideSuggestions, decisionInput } from "@/lib/services/suggestions/decide-suggestions";

export const dynamic = "force-dynamic";

/** Accepts or rejects one suggestion (its author may reject, that is withdraw, their own). */
export const POST = apiRoute<{ params: Promise<{ id: string; suggestionId: string }> }>(async (request, { params }) => {
  const { id, suggestionId } = await params;
  const actor = requireActor(await getRequestActor(request));
  const input = await readJson(request, decisionInput.pick({ decision: true }));
  return json(await decideSuggestions({ actor, proposalId: id, suggestionId, input, writer: collabDraftWriter }));
});
