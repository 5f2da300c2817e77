import { getRequestActor } from "@/lib/auth/current";
import { collabDraftWriter } from "@/lib/collab/client";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { decideSuggestions, decisionInput } from "@/lib/services/suggestions/decide-suggestions";

export const dynamic = "force-dynamic";

/** Accepts or rejects every pending suggestion, or one person's (`authorId`). */
export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  return json(await decideSuggestions({ actor, proposalId: id, input: await readJson(request, decisionInput), writer: collabDraftWriter }));
});
