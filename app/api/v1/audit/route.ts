import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json } from "@/lib/http/api";
import { csvDocument } from "@/lib/http/csv";
import { listAuditEvents, MAX_AUDIT_EXPORT_ROWS } from "@/lib/services/list-audit-events";

export const dynamic = "force-dynamic";

/** The audit log as JSON (default) or CSV (`?format=csv`), filtered like the admin page. */
export const GET = apiRoute(async (request: Request) => {
  const actor = await getRequestActor(request);
  const params = new URL(request.url).searchParams;
  const events = await listAuditEvents({
    actor,
    filter: { action: params.get("action") ?? undefined, actorEmail: params.get("actor") ?? undefined, targetId: params.get("target") ?? undefined },
    limit: MAX_AUDIT_EXPORT_ROWS,
  });
  if (params.get("format") !== "csv") return json({ events });
  const body = csvDocument(
    ["id", "at", "action", "actor", "targetType", "targetId", "data"],
    events.map((event) => [event.id, event.at, event.action, event.actor?.email ?? "", event.targetType, event.targetId, event.data]),
  );
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="nhat-ky-he-thong.csv"' },
  });
});
