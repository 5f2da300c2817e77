"use client";

import { useActionState } from "react";

/** What the create action answers: the new endpoint's secret, shown once, or an error. */
export interface CreateWebhookState {
  secret: string | null;
  error: string | null;
}

export interface WebhookFormLabels {
  url: string;
  description: string;
  events: string;
  secret: string;
  create: string;
  created: string;
}

/** A new endpoint: its URL, what it is, the events it wants, and optionally a secret it already has. */
export function WebhookForm({
  action,
  labels,
  events,
  maxUrlLength,
  maxDescriptionLength,
}: {
  action: (state: CreateWebhookState, form: FormData) => Promise<CreateWebhookState>;
  labels: WebhookFormLabels;
  events: { name: string; label: string }[];
  maxUrlLength: number;
  maxDescriptionLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, { secret: null, error: null });
  return (
    <form action={formAction} className="stack">
      <p>
        <label htmlFor="webhook-url">{labels.url}</label>
        <input id="webhook-url" name="url" type="url" required maxLength={maxUrlLength} placeholder="https://" />
      </p>
      <p>
        <label htmlFor="webhook-description">{labels.description}</label>
        <input id="webhook-description" name="description" maxLength={maxDescriptionLength} />
      </p>
      <fieldset>
        <legend>{labels.events}</legend>
        {events.map((event) => (
          <label className="inline-form" key={event.name}>
            <input type="checkbox" name="events" value={event.name} style={{ width: "auto" }} /> {event.label} (<code>{event.name}</code>)
          </label>
        ))}
      </fieldset>
      <p>
        <label htmlFor="webhook-secret">{labels.secret}</label>
        <input id="webhook-secret" name="secret" autoComplete="off" spellCheck={false} />
      </p>
      <p>
        <button className="button button--small" type="submit" disabled={pending}>{labels.create}</button>
      </p>
      {state.error && <p className="notice notice--error" role="alert">{state.error}</p>}
      {state.secret && (
        <p className="notice notice--ok" role="status">
          {labels.created} <code data-testid="new-webhook-secret">{state.secret}</code>
        </p>
      )}
    </form>
  );
}
