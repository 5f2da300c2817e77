import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { listAuditEvents } from "@/lib/services/list-audit-events";

export const metadata: Metadata = { title: "Nhật ký hệ thống" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string; actor?: string; target?: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/dang-nhap?callbackUrl=/quan-tri/nhat-ky");
  const { locale, t } = await getMessages();
  if (!can(actor, "audit:read")) forbidden();
  const filter = await searchParams;
  const events = await listAuditEvents({ actor, filter });
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]));
  return (
    <>
      <h1>{t.admin.audit}</h1>
      <form className="inline-form" method="get" role="search">
        <label htmlFor="f-action">{t.admin.auditAction}</label>
        <input id="f-action" name="action" defaultValue={filter.action ?? ""} placeholder="proposal." />
        <label htmlFor="f-actor">{t.admin.auditActorEmail}</label>
        <input id="f-actor" name="actor" type="email" defaultValue={filter.actor ?? ""} />
        <button className="button button--small" type="submit">{t.admin.auditFilter}</button>
        <a href={`/api/v1/audit?format=csv&${query.toString()}`}>{t.admin.auditExportCsv}</a>
        <a href={`/api/v1/audit?${query.toString()}`}>JSON</a>
      </form>
      <table className="data">
        <thead>
          <tr>
            <th>{t.admin.auditTime}</th>
            <th>{t.admin.auditAction}</th>
            <th>{t.admin.auditActor}</th>
            <th>{t.admin.auditTarget}</th>
            <th>{t.admin.auditDetails}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td><time dateTime={event.at}>{formatDateTime(new Date(event.at), locale)}</time></td>
              <td><code>{event.action}</code></td>
              <td>{event.actor ? `${event.actor.name} (${event.actor.email})` : "—"}</td>
              <td>{event.targetType} <code>{event.targetId}</code></td>
              <td><code>{JSON.stringify(event.data)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
