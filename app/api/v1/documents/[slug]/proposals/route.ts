import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { authorize, requireActor } from "@/lib/policies";
import { createProposal, proposalFieldsInput } from "@/lib/services/proposals/create-proposal";

export const dynamic = "force-dynamic";

/** Opens a change proposal on the latest published version. */
export const POST = apiRoute<{ params: Promise<{ slug: string }> }>(async (request, { params }) => {
  const { slug } = await params;
  const actor = requireActor(await getRequestActor(request));
  authorize(actor, "proposal:create");
  await enforceRateLimit("proposalCreate", personRateKey(actor));
  const input = await readJson(request, proposalFieldsInput);
  const proposal = await createProposal({ actor, documentSlug: slug, input });
  return json({ id: proposal.id, status: proposal.status, title: proposal.title, url: `/lam-viec/de-xuat/${proposal.id}` }, { status: 201 });
});
