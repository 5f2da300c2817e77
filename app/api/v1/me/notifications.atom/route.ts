import { getRequestActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http/api";
import { requireActor } from "@/lib/policies";
import { listNotifications } from "@/lib/services/proposals/list-proposals";

export const dynamic = "force-dynamic";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A person's notifications as an Atom feed (session cookie or `Authorization: Bearer` API token). */
export const GET = apiRoute(async (request: Request) => {
  const actor = requireActor(await getRequestActor(request));
  const origin = new URL(request.url).origin;
  const notifications = await listNotifications(actor.id);
  const updated = (notifications[0]?.createdAt ?? new Date()).toISOString();
  const entries = notifications
    .map((notification) => {
      const link = notification.proposalId ? `${origin}/lam-viec/de-xuat/${notification.proposalId}` : `${origin}/lam-viec`;
      return `  <entry>
    <id>urn:camnang:notification:${escapeXml(notification.id)}</id>
    <title>${escapeXml(notification.message)}</title>
    <updated>${notification.createdAt.toISOString()}</updated>
    <link href="${escapeXml(link)}"/>
    <category term="${escapeXml(notification.kind)}"/>
  </entry>`;
    })
    .join("\n");
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:camnang:notifications:${escapeXml(actor.id)}</id>
  <title>Thông báo của ${escapeXml(actor.name)} — Cẩm nang mở</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escapeXml(`${origin}/api/v1/me/notifications.atom`)}"/>
${entries}
</feed>
`;
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
});
