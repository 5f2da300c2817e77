"use client";

import { useActionState } from "react";
import type { CreateTokenState } from "@/app/lam-viec/actions";

export function ApiTokenForm({
  action,
  labels,
}: {
  action: (state: CreateTokenState, form: FormData) => Promise<CreateTokenState>;
  labels: { name: string; create: string; created: string };
}) {
  const [state, formAction, pending] = useActionState(action, { secret: null, error: null });
  return (
    <form action={formAction} className="inline-form">
      <label htmlFor="token-name">{labels.name}</label>
      <input id="token-name" name="name" required maxLength={100} />
      <button className="button button--small" type="submit" disabled={pending}>{labels.create}</button>
      {state.error && <p className="notice notice--error" role="alert">{state.error}</p>}
      {state.secret && (
        <p className="notice notice--ok" role="status">
          {labels.created} <code data-testid="new-api-token">{state.secret}</code>
        </p>
      )}
    </form>
  );
}
