import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { consultationJson, getConsultationView } from "@/lib/services/consultation/consultation-view";
import { openConsultation, openConsultationInput } from "@/lib/services/consultation/open-consultation";

export const dynamic = "force-dynamic";

/** `{"opensAt", "closesAt"}` (ISO 8601 with a zone): the authors or an admin open the proposal for public comment. */
export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  const consultation = await openConsultation({ actor, proposalId: id, input: await readJson(request, openConsultationInput) });
  const view = await getConsultationView({ actor, proposalId: consultation.proposalId });
  return json(consultationJson(view), { status: 201 });
});

/** Public once opened: `{"status", "opensAt", "closesAt", "comments": [...]}` with the published comments and their answers. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const view = await getConsultationView({ actor: await getRequestActor(request), proposalId: id });
  return json(consultationJson(view), { headers: { "cache-control": "no-store" } });
});
