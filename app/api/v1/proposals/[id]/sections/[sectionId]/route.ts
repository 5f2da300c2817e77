import { getRequestActor } from "@/lib/auth/current";
import { collabDraftWriter } from "@/lib/collab/client";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { replaceSectionContent, replaceSectionInput } from "@/lib/services/proposals/replace-section-content";

export const dynamic = "force-dynamic";

/** Replaces a section's draft through the collaboration server: open editors see it at once. */
export const PUT = apiRoute<{ params: Promise<{ id: string; sectionId: string }> }>(async (request, { params }) => {
  const { id, sectionId } = await params;
  const actor = requireActor(await getRequestActor(request));
  const { content } = await readJson(request, replaceSectionInput);
  const result = await replaceSectionContent({ actor, proposalId: id, sectionId, content, writer: collabDraftWriter });
  return json({ proposalId: id, sectionId, content: result.content });
});
