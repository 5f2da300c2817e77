import { getRequestActor } from "@/lib/auth/current";
import { collabPublicUrl } from "@/lib/collab/client";
import { apiRoute, json } from "@/lib/http/api";
import { enforceRateLimit, personRateKey } from "@/lib/auth/rate-limit";
import { requireActor } from "@/lib/policies";
import { issueCollabAccess } from "@/lib/services/proposals/issue-collab-access";

export const dynamic = "force-dynamic";

/** Everything a Yjs client needs to join one section's live draft: `{url, document, token, expiresAt, access}`. */
export const GET = apiRoute<{ params: Promise<{ id: string; sectionId: string }> }>(async (request, { params }) => {
  const { id, sectionId } = await params;
  const actor = requireActor(await getRequestActor(request));
  await enforceRateLimit("collabTokenMint", personRateKey(actor));
  const access = await issueCollabAccess({ actor, proposalId: id, sectionId });
  return json({ url: collabPublicUrl(), ...access }, { headers: { "cache-control": "no-store" } });
});
