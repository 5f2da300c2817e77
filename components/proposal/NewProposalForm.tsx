"use client";

import { useActionState } from "react";

/** What the create action answers: an error to show, or nothing (it redirects to the new proposal). */
export interface NewProposalState {
  error: string | null;
}

export function NewProposalForm({
  action,
  documentSlug,
  sectionId,
  labels,
}: {
  action: (state: NewProposalState, form: FormData) => Promise<NewProposalState>;
  documentSlug: string;
  sectionId: string;
  labels: { title: string; rationale: string; rationaleHint: string; legalBasis: string; legalBasisHint: string; submit: string };
}) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form action={formAction} className="stack" style={{ maxWidth: "40rem" }}>
      {state.error && <p className="notice notice--error" role="alert">{state.error}</p>}
      <input type="hidden" name="document" value={documentSlug} />
      <input type="hidden" name="section" value={sectionId} />
      <div>
        <label htmlFor="proposal-title">{labels.title}</label>
        <input id="proposal-title" name="title" required minLength={3} maxLength={200} />
      </div>
      <div>
        <label htmlFor="proposal-rationale">{labels.rationale} <span className="field-hint">{labels.rationaleHint}</span></label>
        <textarea id="proposal-rationale" name="rationale" required maxLength={10000} />
      </div>
      <div>
        <label htmlFor="proposal-legal">{labels.legalBasis} <span className="field-hint">{labels.legalBasisHint}</span></label>
        <input id="proposal-legal" name="legalBasis" maxLength={2000} />
      </div>
      <button className="button" type="submit" disabled={pending}>{labels.submit}</button>
    </form>
  );
}
