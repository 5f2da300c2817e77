import { getRequestActor } from "@/lib/auth/current";
import { collabDraftWriter } from "@/lib/collab/client";
import { apiRoute, json, readOptionalJson } from "@/lib/http/api";
import { requestLocale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { requireActor } from "@/lib/policies";
import { publishInput, publishProposal } from "@/lib/services/proposals/publish-proposal";

export const dynamic = "force-dynamic";

/**
 * Body (optional): `{"effectiveFrom": "YYYY-MM-DD"}`, today when left out. 201
 * `{"version": {"number", "hash", "effectiveFrom"}}`; 400 for an effective date in the past or
 * before the previous version's; 409 with the conflicts; 403 with the unmet policy items.
 */
export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const actor = requireActor(await getRequestActor(request));
  const { effectiveFrom } = await readOptionalJson(request, publishInput);
  const outcome = await publishProposal({ actor, proposalId: id, writer: collabDraftWriter, effectiveFrom });
  if (outcome.kind === "published") {
    const { number, hash, effectiveFrom: effective } = outcome.version;
    return json({ version: { number, hash, effectiveFrom: effective }, merged: outcome.merged }, { status: 201 });
  }
  const t = messages(requestLocale(request.headers)).errors;
  return json(
    {
      error: {
        code: "MERGE_CONFLICT",
        message:
          outcome.conflicts.length > 0 ? t.publishConflicts() : t.publishNeedsReapproval(),
        details: { conflicts: outcome.conflicts },
      },
      conflicts: outcome.conflicts,
    },
    { status: 409 },
  );
});
