"use client";

import { useActionState } from "react";

/** What the create action answers: the new secret, shown once, or an error. */
export interface CreateTokenState {
  secret: string | null;
  error: string | null;
}

export interface ApiTokenFormLabels {
  name: string;
  create: string;
  created: string;
  scope: string;
  scopeRead: string;
  scopeWrite: string;
  days: string;
}

/**
 * A new token's name, lifetime and access. Read-only is preselected: writing is a choice the
 * person makes for the tool that needs it.
 */
export function ApiTokenForm({
  action,
  labels,
  defaultDays,
  maxDays,
}: {
  action: (state: CreateTokenState, form: FormData) => Promise<CreateTokenState>;
  labels: ApiTokenFormLabels;
  defaultDays: number;
  maxDays: number;
}) {
  const [state, formAction, pending] = useActionState(action, { secret: null, error: null });
  return (
    <form action={formAction} className="stack">
      <div className="inline-form">
        <label htmlFor="token-name">{labels.name}</label>
        <input id="token-name" name="name" required maxLength={100} />
        <label htmlFor="token-days">{labels.days}</label>
        <input id="token-days" name="days" type="number" min={1} max={maxDays} step={1} defaultValue={defaultDays} required style={{ width: "6em" }} />
      </div>
      <fieldset>
        <legend>{labels.scope}</legend>
        <label className="inline-form">
          <input type="radio" name="scope" value="read" defaultChecked style={{ width: "auto" }} /> {labels.scopeRead}
        </label>
        <label className="inline-form">
          <input type="radio" name="scope" value="write" style={{ width: "auto" }} /> {labels.scopeWrite}
        </label>
      </fieldset>
      <p>
        <button className="button button--small" type="submit" disabled={pending}>{labels.create}</button>
      </p>
      {state.error && <p className="notice notice--error" role="alert">{state.error}</p>}
      {state.secret && (
        <p className="notice notice--ok" role="status">
          {labels.created} <code data-testid="new-api-token">{state.secret}</code>
        </p>
      )}
    </form>
  );
}
