import { getRequestActor } from "@/lib/auth/current";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { collabDraftWriter } from "@/lib/collab/client";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { createSuggestion, suggestionInput } from "@/lib/services/suggestions/create-suggestion";
import { listSuggestions, suggestionListJson } from "@/lib/services/suggestions/list-suggestions";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  // People by name only; the authors also get suggesters' ids, to decide per person.
  return json(suggestionListJson(await listSuggestions({ actor: await getRequestActor(request), proposalId: id })));
});

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  await enforceRateLimit("suggestion", personRateKey(actor));
  const suggestion = await createSuggestion({ actor, proposalId: id, input: await readJson(request, suggestionInput), writer: collabDraftWriter });
  return json({ id: suggestion.id, status: suggestion.status, createdAt: suggestion.createdAt.toISOString() }, { status: 201 });
});
