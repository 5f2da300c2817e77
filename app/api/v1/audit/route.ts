import { getRequestActor } from "@/lib/auth/current";
import { apiRoute, json } from "@/lib/http/api";
import { listAuditEvents, MAX_AUDIT_EXPORT_ROWS } from "@/lib/services/list-audit-events";

export const dynamic = "force-dynamic";

function csvCell(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? "");
  return `"${text.replace(/"/g, '""')}"`;
}

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
  const header = ["id", "at", "action", "actor", "targetType", "targetId", "data"].join(",");
  const lines = events.map((event) =>
    [event.id, event.at, event.action, event.actor?.email ?? "", event.targetType, event.targetId, event.data].map(csvCell).join(","),
  );
  return new Response([header, ...lines].join("\n") + "\n", {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="nhat-ky-he-thong.csv"' },
  });
});
