import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { WebhookFailure, WebhookLastResult } from "@/components/admin/WebhookFailure";
import { WebhookForm } from "@/components/admin/WebhookForm";
import { FlashMessage } from "@/components/ui/FlashMessage";
import { getCurrentActor } from "@/lib/auth/current";
import { MAX_WEBHOOK_URL_LENGTH, WEBHOOK_EVENTS } from "@/lib/domain/webhooks";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { listWebhookEndpoints } from "@/lib/services/webhooks/list-webhook-endpoints";
import { MAX_WEBHOOK_DESCRIPTION_LENGTH } from "@/lib/services/webhooks/register-webhook-endpoint";
import { createWebhookAction, deleteWebhookAction, replayWebhookAction, updateWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/dang-nhap?callbackUrl=/quan-tri/webhook");
  const { locale, t } = await getMessages();
  if (!can(actor, "admin:manage")) forbidden();
  const { ok, error } = await searchParams;
  const endpoints = await listWebhookEndpoints({ actor });
  const w = t.webhooks;
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(new Date(iso), locale)}</time> : "—");

  return (
    <>
      <p><Link href="/quan-tri">{t.admin.title}</Link></p>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <FlashMessage ok={ok} error={error} okText={t.admin.saved} />

      <section aria-labelledby="new-webhook" className="card">
        <h2 id="new-webhook">{w.newEndpoint}</h2>
        <WebhookForm
          action={createWebhookAction}
          labels={{ url: w.url, description: w.description, events: w.events, secret: w.secret, create: w.create, created: w.created }}
          events={WEBHOOK_EVENTS.map((name) => ({ name, label: w.eventNames[name] ?? name }))}
          maxUrlLength={MAX_WEBHOOK_URL_LENGTH}
          maxDescriptionLength={MAX_WEBHOOK_DESCRIPTION_LENGTH}
        />
      </section>

      <section aria-labelledby="webhook-endpoints">
        <h2 id="webhook-endpoints">{w.endpoints}</h2>
        {endpoints.length === 0 && <p>{w.none}</p>}
        {endpoints.map((endpoint) => (
          <article key={endpoint.id} className="card" aria-label={endpoint.url} data-testid="webhook-endpoint">
            <h3><code>{endpoint.url}</code></h3>
            {endpoint.description && <p>{endpoint.description}</p>}
            <p>{w.events}: {endpoint.events.map((event) => <code key={event}>{event} </code>)}</p>
            <form action={updateWebhookAction} className="inline-form" aria-label={`${w.save}: ${endpoint.url}`}>
              <input type="hidden" name="endpointId" value={endpoint.id} />
              <label><input type="checkbox" name="active" defaultChecked={endpoint.active} style={{ width: "auto" }} /> {w.active}</label>
              <label><input type="checkbox" name="allowPrivate" defaultChecked={endpoint.allowPrivate} style={{ width: "auto" }} /> {w.allowPrivate}</label>
              <button className="button button--small" type="submit">{w.save}</button>
            </form>
            <p className="muted">{w.allowPrivateNote}</p>
            <form action={deleteWebhookAction}>
              <input type="hidden" name="endpointId" value={endpoint.id} />
              <button className="button button--small" type="submit">{w.remove}</button>
            </form>

            <h4>{w.deliveries}</h4>
            {endpoint.deliveries.length === 0 ? (
              <p>{w.noDeliveries}</p>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th>{w.createdAt}</th>
                    <th>{w.event}</th>
                    <th>{w.status}</th>
                    <th>{w.attempts}</th>
                    <th>{w.lastResult}</th>
                    <th>{w.attemptLog}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {endpoint.deliveries.map((delivery) => (
                    <tr key={delivery.id} data-testid="webhook-delivery">
                      <td>{when(delivery.createdAt)}<br /><code>{delivery.id}</code></td>
                      <td><code>{delivery.event}</code></td>
                      <td>
                        {w.statusNames[delivery.status] ?? delivery.status}
                        {delivery.status === "PENDING" && <> · {w.nextAttempt}: {when(delivery.nextAttemptAt)}</>}
                      </td>
                      <td>{delivery.attempts}</td>
                      <td><WebhookLastResult lastStatus={delivery.lastStatus} lastError={delivery.lastError} locale={locale} /></td>
                      <td>
                        <details>
                          <summary>{delivery.log.length}</summary>
                          <ol>
                            {delivery.log.map((attempt) => (
                              <li key={attempt.startedAt}>
                                {when(attempt.startedAt)} · {attempt.error ? <WebhookFailure stored={attempt.error} locale={locale} /> : attempt.statusCode} · {attempt.durationMs} ms
                                {attempt.responseBody && <pre aria-label={w.responseBody}>{attempt.responseBody}</pre>}
                              </li>
                            ))}
                          </ol>
                        </details>
                      </td>
                      <td>
                        <form action={replayWebhookAction}>
                          <input type="hidden" name="deliveryId" value={delivery.id} />
                          <button className="button button--small" type="submit">{w.replay}</button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
        ))}
      </section>
    </>
  );
}
