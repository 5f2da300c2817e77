import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { revokeReviewerKey } from "@/lib/services/workspace/reviewer-keys";

export const dynamic = "force-dynamic";

/**
 * Revokes one of the caller's keys (audited as `reviewer_key.revoked`): approvals signed with it
 * afterwards do not count. The key stays published at GET /api/v1/keys, marked REVOKED, so that
 * what it signed before stays checkable. 404 for a key that is not the caller's or not in use.
 */
export const DELETE = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  return json({ key: await revokeReviewerKey({ actor, keyId: id }) });
});
