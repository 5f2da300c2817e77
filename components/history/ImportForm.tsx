"use client";

import { useActionState } from "react";
import type { Messages } from "@/lib/i18n/messages";

export interface ImportFormState {
  /** Counts submissions, so the fields re-mount with what was sent after an error. */
  attempt: number;
  error: string | null;
  errors: string[];
  values: { documentSlug: string; title: string; rationale: string; markdown: string };
}

/** The chapter import form: paste Markdown or upload a .md file; errors keep the text. */
export function ImportForm({
  action,
  documents,
  labels,
}: {
  action: (state: ImportFormState, form: FormData) => Promise<ImportFormState>;
  documents: { slug: string; title: string }[];
  labels: Messages["history"]["importForm"];
}) {
  const initial: ImportFormState = {
    attempt: 0,
    error: null,
    errors: [],
    values: { documentSlug: documents[0]?.slug ?? "", title: "", rationale: "", markdown: "" },
  };
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} className="import-form" key={state.attempt}>
      {state.error && (
        <div className="notice notice--error" role="alert">
          <p>{state.error}</p>
          {state.errors.length > 0 && (
            <ul className="import-errors">
              {state.errors.map((error) => <li key={error}>{error}</li>)}
            </ul>
          )}
        </div>
      )}
      <div>
        <label htmlFor="import-document">{labels.document}</label>
        <select id="import-document" name="document" defaultValue={state.values.documentSlug}>
          {documents.map((document) => <option key={document.slug} value={document.slug}>{document.title}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="import-title">{labels.proposalTitle}</label>
        <input id="import-title" name="title" maxLength={200} defaultValue={state.values.title} aria-describedby="import-title-hint" />
        <p className="field-hint" id="import-title-hint">{labels.proposalTitleHint}</p>
      </div>
      <div>
        <label htmlFor="import-rationale">{labels.rationale}</label>
        <textarea id="import-rationale" name="rationale" rows={3} maxLength={10_000} defaultValue={state.values.rationale} aria-describedby="import-rationale-hint" />
        <p className="field-hint" id="import-rationale-hint">{labels.rationaleHint}</p>
      </div>
      <div>
        <label htmlFor="import-markdown">{labels.markdown}</label>
        <textarea id="import-markdown" name="markdown" defaultValue={state.values.markdown} spellCheck={false} aria-describedby="import-markdown-hint" />
        <p className="field-hint" id="import-markdown-hint">{labels.markdownHint}</p>
      </div>
      <div>
        <label htmlFor="import-file">{labels.file}</label>
        <input id="import-file" name="file" type="file" accept=".md,.markdown,text/markdown,text/plain,.docx" aria-describedby="import-file-hint" />
        <p className="field-hint" id="import-file-hint">{labels.fileHint}</p>
      </div>
      <p>
        <button type="submit" className="button" disabled={pending}>{pending ? labels.pending : labels.submit}</button>
      </p>
    </form>
  );
}
