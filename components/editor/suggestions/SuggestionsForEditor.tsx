"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { quoteAt } from "@/lib/domain/suggestions";
import type { Locale } from "@/lib/i18n/locales";
import { caretColor } from "../caret-color";
import { topBlockById, topBlockText, type FormatTextChange } from "./block-text";
import type { SuggestionDraft } from "./draft";
import { SuggestionMode, redrawSuggestions, type ShownSuggestion } from "./suggestion-mode";
import { SuggestionPanel, suggesterColor, suggestionTitle, type SuggestionLabels } from "./SuggestionPanel";
import { useSuggestions, type SuggestionItem } from "./useSuggestions";

export interface SuggestProps {
  /** can(actor, "proposal:suggest"): co-authors and reviewers while the draft is open. */
  canSuggest: boolean;
  /** can(actor, "proposal:edit"): the authors, who accept or reject. */
  canDecide: boolean;
  labels: SuggestionLabels;
  locale: Locale;
}

type Notice = { text: string; error: boolean } | null;

export interface SuggestionModeState {
  /** Whether what the person types becomes suggestions. */
  active: boolean;
  /** Reviewers (who cannot write) always suggest; co-authors choose. */
  forced: boolean;
  toggle: () => void;
  extension: ReturnType<typeof SuggestionMode.configure>;
  suggestions: SuggestionItem[];
  refresh: () => Promise<void>;
  notice: Notice;
  /** The live editor registers itself: sending reads the document the person saw. */
  attach: (editor: Editor | null) => void;
}

/**
 * Suggestion mode for one section's live editor: the suggestions (polled), the mode, the
 * editor extension that draws them and turns typing into drafts (./suggestion-mode.ts), and the
 * sending of a finished draft to POST /api/v1/proposals/{id}/suggestions with its quote taken
 * from the document the person saw.
 */
export function useSuggestionMode(options: { suggest: SuggestProps | null; writable: boolean; proposalId: string; sectionId: string; user: { id: string; name: string } }): SuggestionModeState {
  const { suggest, writable, proposalId, sectionId, user } = options;
  const canSuggest = suggest?.canSuggest ?? false;
  const forced = canSuggest && !writable;
  const [chosen, setChosen] = useState(false);
  const active = forced || (canSuggest && chosen);
  const { suggestions, refresh } = useSuggestions(proposalId);
  const [sending, setSending] = useState<ShownSuggestion[]>([]);
  const [notice, setNotice] = useState<Notice>(null);

  const activeRef = useRef(active);
  activeRef.current = active;
  const shownRef = useRef<ShownSuggestion[]>([]);
  const viewRef = useRef<{ editor: Editor | null }>({ editor: null });
  const labels = suggest?.labels;
  const locale = suggest?.locale ?? "vi";

  const send = useCallback(
    async (draft: SuggestionDraft | FormatTextChange) => {
      const editor = viewRef.current.editor;
      if (!editor || editor.isDestroyed || !labels) return;
      const block = topBlockById(editor.state.doc, draft.blockId);
      if (!block) return;
      const quote = quoteAt(topBlockText(block), draft.from, draft.to);
      const format = "format" in draft ? draft.format : null;
      // A formatting suggestion keeps its words: its text is the quoted text.
      const text = format ? quote.exact : (draft as SuggestionDraft).text;
      const local: ShownSuggestion = { id: `sending-${Date.now()}-${Math.random()}`, blockId: draft.blockId, quote, text, format, title: labels.sending, color: caretColor(user.name) };
      setSending((current) => [...current, local]);
      setNotice({ text: labels.sending, error: false });
      try {
        const response = await fetch(`/api/v1/proposals/${encodeURIComponent(proposalId)}/suggestions`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ sectionId, blockId: draft.blockId, offset: quote.offset, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix, text, ...(format ? { format } : {}) }),
        });
        if (response.ok) setNotice({ text: labels.sent, error: false });
        else {
          const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          setNotice({ text: payload?.error?.message ?? labels.failed, error: true });
        }
      } catch {
        setNotice({ text: labels.failed, error: true });
      } finally {
        await refresh();
        setSending((current) => current.filter((shown) => shown.id !== local.id));
      }
    },
    [labels, proposalId, sectionId, user.name, refresh],
  );
  const sendRef = useRef(send);
  sendRef.current = send;
  const refuse = (reason: "structure" | "formatting") => {
    if (labels) setNotice({ text: labels[reason], error: true });
  };
  const refusedRef = useRef(refuse);
  refusedRef.current = refuse;

  const extension = useMemo(
    () =>
      SuggestionMode.configure({
        active: () => activeRef.current,
        suggestions: () => shownRef.current,
        onDraft: (draft) => void sendRef.current(draft),
        onFormat: (change) => void sendRef.current(change),
        onRefused: (reason) => refusedRef.current(reason),
        draftTitle: labels?.draft ?? "",
        draftColor: caretColor(user.name),
      }),
    // One extension per editor: what changes is read through the refs above.
    [],
  );

  useEffect(() => {
    shownRef.current = [
      ...suggestions
        .filter((suggestion) => suggestion.status === "PENDING" && suggestion.sectionId === sectionId && !suggestion.outdated)
        .map((suggestion) => ({
          id: suggestion.id,
          blockId: suggestion.blockId,
          quote: { offset: suggestion.offset, exact: suggestion.exact, prefix: suggestion.prefix, suffix: suggestion.suffix },
          text: suggestion.text,
          format: suggestion.format,
          title: suggestionTitle(suggestion, locale),
          color: suggesterColor(suggestion.author),
        })),
      ...sending,
    ];
    const editor = viewRef.current.editor;
    if (editor && !editor.isDestroyed) redrawSuggestions(editor.view);
  }, [suggestions, sending, sectionId, locale]);

  const attach = useCallback((editor: Editor | null) => {
    viewRef.current.editor = editor;
    if (editor && !editor.isDestroyed) redrawSuggestions(editor.view);
  }, []);

  return { active, forced, toggle: () => setChosen((current) => !current), extension, suggestions, refresh, notice, attach };
}

/** The mode switch (co-authors) or notice (reviewers), the last message, and the side list. */
export function SuggestionsForEditor(props: { editor: Editor; mode: SuggestionModeState; suggest: SuggestProps; proposalId: string; sectionId: string; userName: string }) {
  const { editor, mode, suggest } = props;
  const { labels } = suggest;
  const { attach } = mode;
  useEffect(() => {
    attach(editor);
    return () => attach(null);
  }, [editor, attach]);

  const hasAny = mode.suggestions.some((suggestion) => suggestion.status === "PENDING");
  if (!suggest.canSuggest && !hasAny) return null;
  return (
    <div className="suggestion-mode" data-testid="suggest-mode" data-active={String(mode.active)}>
      {suggest.canSuggest &&
        (mode.forced ? (
          <p className="meta">{labels.modeForced}</p>
        ) : (
          <div className="toolbar">
            <button type="button" className="button button--small button--secondary" aria-pressed={mode.active} onMouseDown={(event) => event.preventDefault()} onClick={mode.toggle}>
              {labels.mode}
            </button>
            {mode.active && <span className="meta">{labels.modeOn}</span>}
          </div>
        ))}
      {mode.active && (
        // Bold and italic on selected words become formatting suggestions (the editor refuses the change itself).
        <div className="toolbar" role="toolbar" aria-label={labels.formatTools}>
          <button type="button" className="handbook-editor__tool" aria-label={labels.suggestBold} title={labels.suggestBold} onMouseDown={(event) => event.preventDefault()} onClick={() => editor.chain().focus().toggleBold().run()}>
            <strong aria-hidden="true">B</strong>
          </button>
          <button type="button" className="handbook-editor__tool" aria-label={labels.suggestItalic} title={labels.suggestItalic} onMouseDown={(event) => event.preventDefault()} onClick={() => editor.chain().focus().toggleItalic().run()}>
            <em aria-hidden="true">I</em>
          </button>
        </div>
      )}
      {mode.notice && (
        <p className={mode.notice.error ? "notice notice--error" : "meta"} role={mode.notice.error ? "alert" : "status"} data-testid="suggestion-notice">
          {mode.notice.text}
        </p>
      )}
      <SuggestionPanel
        proposalId={props.proposalId}
        sectionId={props.sectionId}
        suggestions={mode.suggestions}
        canDecide={suggest.canDecide}
        userName={props.userName}
        labels={labels}
        locale={suggest.locale}
        onDecided={mode.refresh}
      />
    </div>
  );
}
