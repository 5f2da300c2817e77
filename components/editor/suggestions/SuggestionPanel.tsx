"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { caretColor } from "../caret-color";
import type { SuggestionItem } from "./useSuggestions";

export type SuggestionLabels = Messages["suggestions"];

/** The colour of a suggester's tracked changes: their name's caret colour, the same for every reader. */
export function suggesterColor(author: { name: string }): string {
  return caretColor(author.name);
}

export function suggestionTitle(suggestion: Pick<SuggestionItem, "author" | "createdAt">, locale: Locale): string {
  return `${suggestion.author.name} · ${formatDateTime(new Date(suggestion.createdAt), locale)}`;
}

type Decision = "accept" | "reject";

interface Target {
  suggestionId?: string;
  authorId?: string;
}

/**
 * The side list of tracked changes: each pending suggestion of the section with its author and
 * time, and, for the proposal's authors, accept and reject per change, per person and all at
 * once (the decision routes; accepting changes the draft through the live document, so the
 * words arrive in the editor and the tracked change goes). A suggester may withdraw their own.
 */
export function SuggestionPanel(props: {
  proposalId: string;
  sectionId: string;
  suggestions: readonly SuggestionItem[];
  canDecide: boolean;
  userName: string;
  labels: SuggestionLabels;
  locale: Locale;
  onDecided: () => Promise<void>;
}) {
  const { labels, locale } = props;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const pending = props.suggestions.filter((suggestion) => suggestion.status === "PENDING");
  const here = pending.filter((suggestion) => suggestion.sectionId === props.sectionId);
  const elsewhere = pending.length - here.length;
  const people = [...new Map(pending.flatMap((suggestion) => (suggestion.author.id ? [[suggestion.author.id, suggestion.author] as const] : []))).values()];

  const decide = async (decision: Decision, target: Target) => {
    setBusy(true);
    setMessage(null);
    const base = `/api/v1/proposals/${encodeURIComponent(props.proposalId)}/suggestions`;
    const url = target.suggestionId ? `${base}/${encodeURIComponent(target.suggestionId)}/decision` : `${base}/decision`;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(target.authorId ? { decision, authorId: target.authorId } : { decision }),
      });
      if (!response.ok) {
        const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setMessage({ text: payload?.error?.message ?? labels.failed, error: true });
      } else {
        setMessage({ text: labels.decided, error: false });
      }
    } catch {
      setMessage({ text: labels.failed, error: true });
    } finally {
      await props.onDecided();
      setBusy(false);
      // The policy checklist and the diff below the editor follow the draft.
      router.refresh();
    }
  };

  return (
    <section className="suggestion-panel" aria-label={labels.panel} data-testid="suggestion-panel">
      <h3>{labels.panel}</h3>
      {message && (
        <p className={message.error ? "notice notice--error" : "meta"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {here.length === 0 ? (
        <p className="meta">{labels.none}</p>
      ) : (
        <p className="meta">
          {labels.pendingCount} <strong data-testid="suggestion-count">{here.length}</strong>
        </p>
      )}
      {elsewhere > 0 && (
        <p className="meta">
          {labels.otherSections} {elsewhere}
        </p>
      )}
      <ul className="suggestion-list">
        {here.map((suggestion) => {
          const summary = describe(suggestion, labels);
          const own = !props.canDecide && suggestion.author.name === props.userName;
          return (
            <li key={suggestion.id} className="suggestion-item" data-testid="suggestion" data-suggestion-id={suggestion.id} style={{ ["--suggestion-color" as string]: suggesterColor(suggestion.author) }}>
              {suggestion.format ? (
                <p>
                  <span className="suggestion-item__kind">{labels[suggestion.kind]}</span> {formatWords(suggestion.format, labels)}:{" "}
                  <span className="suggestion-format">{suggestion.exact}</span>
                </p>
              ) : (
                <p>
                  <span className="suggestion-item__kind">{labels[suggestion.kind]}</span>{" "}
                  {suggestion.exact && <del className="suggestion-deletion">{suggestion.exact}</del>}
                  {suggestion.exact && suggestion.text && " → "}
                  {suggestion.text && <ins className="suggestion-insertion">{suggestion.text}</ins>}
                </p>
              )}
              <p className="meta">
                {labels.by} <strong>{suggestion.author.name}</strong> · <time dateTime={suggestion.createdAt}>{formatDateTime(new Date(suggestion.createdAt), locale)}</time>
              </p>
              {suggestion.outdated && <p className="meta">{labels.outdated}</p>}
              {(props.canDecide || own) && (
                <div className="toolbar">
                  {props.canDecide && !suggestion.outdated && (
                    <button type="button" className="button button--small" disabled={busy} aria-label={`${labels.accept}: ${summary}`} onClick={() => void decide("accept", { suggestionId: suggestion.id })}>
                      {labels.accept}
                    </button>
                  )}
                  <button type="button" className="button button--small button--secondary" disabled={busy} aria-label={`${own ? labels.withdraw : labels.reject}: ${summary}`} onClick={() => void decide("reject", { suggestionId: suggestion.id })}>
                    {own ? labels.withdraw : labels.reject}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {props.canDecide && pending.length > 0 && (
        <div className="stack" role="group" aria-label={labels.toolbar}>
          {people.map((person) => (
            <div className="toolbar" key={person.id}>
              <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void decide("accept", { authorId: person.id })}>
                {labels.acceptPerson} {person.name}
              </button>
              <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void decide("reject", { authorId: person.id })}>
                {labels.rejectPerson} {person.name}
              </button>
            </div>
          ))}
          <div className="toolbar">
            <button type="button" className="button button--small" disabled={busy} onClick={() => void decide("accept", {})}>
              {labels.acceptAll}
            </button>
            <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void decide("reject", {})}>
              {labels.rejectAll}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** "thêm in đậm" / "add bold": what a formatting suggestion does. */
function formatWords(format: NonNullable<SuggestionItem["format"]>, labels: SuggestionLabels): string {
  const action = format.action === "add" ? labels.formatAdd : labels.formatRemove;
  const mark = format.mark === "bold" ? labels.markBold : labels.markItalic;
  return `${action} ${mark}`;
}

/** "Thay «a» → «b» (Name)": what a decision button is about, for its accessible name. */
function describe(suggestion: SuggestionItem, labels: SuggestionLabels): string {
  if (suggestion.format) return `${labels.format} ${formatWords(suggestion.format, labels)} «${suggestion.exact}» (${suggestion.author.name})`;
  const words = [suggestion.exact && `«${suggestion.exact}»`, suggestion.text && `«${suggestion.text}»`].filter(Boolean).join(" → ");
  return `${labels[suggestion.kind]} ${words} (${suggestion.author.name})`;
}
