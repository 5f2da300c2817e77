import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type { FormatChange, TextQuote } from "@/lib/domain/suggestions";
import { locateInDocument, positionOfOffset, readFormatChange, readTextChange, topBlockById, type FormatTextChange } from "./block-text";
import { draftCaret, foldChange, isEmptyDraft, type SuggestionDraft } from "./draft";

/**
 * Suggestion mode and tracked changes in the live editor.
 *
 * Tracked changes are ProseMirror decorations, never marks in the document: each pending
 * suggestion (a row outside the shared Yjs document, see lib/domain/suggestions.ts) is located
 * by its block id and text quote in the current document and drawn as struck-through words
 * (what it removes) followed by an inline insertion (what it puts in), in its author's colour,
 * with the author and time as a tooltip. They are recomputed whenever the suggestions or the
 * document change, so an accepted suggestion's decoration goes when its words arrive.
 *
 * In suggest mode the document never changes locally: every local transaction that would change
 * it is refused (filterTransaction), read as a text change with prosemirror-changeset (so that
 * typing, IME composition, paste and deletion all count, whatever produced the transaction), and
 * folded into a draft suggestion (./draft.ts) that is shown as a tracked change and sent when
 * the person pauses, presses Enter or leaves the editor. Changes arriving from others through
 * Yjs (marked by the sync plugin) always apply.
 */

export interface ShownSuggestion {
  id: string;
  blockId: string;
  quote: TextQuote;
  text: string;
  /** A formatting suggestion: drawn as its words with a dotted underline, not as a replacement. */
  format?: FormatChange | null;
  /** Tooltip: who suggested it and when. */
  title: string;
  color: string;
}

export interface SuggestionModeOptions {
  active: () => boolean;
  suggestions: () => readonly ShownSuggestion[];
  /** A finished draft, to be sent as a suggestion. */
  onDraft: (draft: SuggestionDraft) => void;
  /** Bold or italic applied to a selection in suggest mode, to be sent as a formatting suggestion. */
  onFormat: (change: FormatTextChange) => void;
  /** A change refused in suggest mode because a suggestion cannot carry it. */
  onRefused: (reason: "structure" | "formatting") => void;
  draftTitle: string;
  draftColor: string;
}

export const suggestionModeKey = new PluginKey<DecorationSet>("suggestionMode");

/** A pause this long after the last keystroke sends the draft: long enough to finish a word. */
export const DRAFT_IDLE_MS = 1_500;

function changeDecorations(from: number, to: number, text: string, attrs: { id: string; title: string; color: string; draft: boolean }): Decoration[] {
  const decorations: Decoration[] = [];
  const style = `--suggestion-color: ${attrs.color}`;
  const className = attrs.draft ? " suggestion--draft" : "";
  if (to > from) {
    decorations.push(Decoration.inline(from, to, { class: `suggestion-deletion${className}`, style, title: attrs.title, "data-suggestion-id": attrs.id }, { suggestionId: attrs.id }));
  }
  if (text.length > 0) {
    decorations.push(
      Decoration.widget(
        to,
        () => {
          const inserted = document.createElement("ins");
          inserted.className = `suggestion-insertion${className}`;
          inserted.textContent = text;
          inserted.title = attrs.title;
          inserted.dataset.suggestionId = attrs.id;
          inserted.setAttribute("style", style);
          return inserted;
        },
        // A draft's words stand before the caret, as typed words do; others' after the words they replace.
        { side: attrs.draft ? -1 : 1, key: `${attrs.id}:${text}`, ignoreSelection: true, suggestionId: attrs.id },
      ),
    );
  }
  return decorations;
}

function buildDecorations(state: EditorState, options: SuggestionModeOptions, draft: SuggestionDraft | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const suggestion of options.suggestions()) {
    const range = locateInDocument(state.doc, suggestion.blockId, suggestion.quote);
    if (!range) continue;
    if (suggestion.format) {
      if (range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { class: "suggestion-format", style: `--suggestion-color: ${suggestion.color}`, title: suggestion.title, "data-suggestion-id": suggestion.id }, { suggestionId: suggestion.id }));
      continue;
    }
    decorations.push(...changeDecorations(range.from, range.to, suggestion.text, { id: suggestion.id, title: suggestion.title, color: suggestion.color, draft: false }));
  }
  if (draft && !isEmptyDraft(draft)) {
    const block = topBlockById(state.doc, draft.blockId);
    const from = block ? positionOfOffset(block, draft.from) : null;
    const to = block ? positionOfOffset(block, draft.to) : null;
    if (from !== null && to !== null) decorations.push(...changeDecorations(from, to, draft.text, { id: "draft", title: options.draftTitle, color: options.draftColor, draft: true }));
  }
  return DecorationSet.create(state.doc, decorations);
}

export const SuggestionMode = Extension.create<SuggestionModeOptions>({
  name: "suggestionMode",
  addOptions() {
    return { active: () => false, suggestions: () => [], onDraft: () => {}, onFormat: () => {}, onRefused: () => {}, draftTitle: "", draftColor: "#1d4ed8" };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    let view: EditorView | null = null;
    let draft: SuggestionDraft | null = null;
    let idle: ReturnType<typeof setTimeout> | undefined;

    const redraw = () => {
      if (view && !view.isDestroyed) view.dispatch(view.state.tr.setMeta(suggestionModeKey, true));
    };
    const finish = () => {
      clearTimeout(idle);
      const done = draft;
      draft = null;
      redraw();
      if (done && !isEmptyDraft(done)) options.onDraft(done);
    };
    const discard = () => {
      clearTimeout(idle);
      draft = null;
      redraw();
    };
    const placeCaret = (current: SuggestionDraft) => {
      if (!view || view.isDestroyed) return;
      const block = topBlockById(view.state.doc, current.blockId);
      const at = block ? positionOfOffset(block, draftCaret(current)) : null;
      const tr = view.state.tr.setMeta(suggestionModeKey, true);
      if (at !== null) tr.setSelection(TextSelection.create(view.state.doc, at));
      view.dispatch(tr);
    };

    return [
      new Plugin<DecorationSet>({
        key: suggestionModeKey,
        state: {
          init: (_, state) => buildDecorations(state, options, draft),
          apply: (tr, old, _oldState, newState) => (tr.docChanged || tr.getMeta(suggestionModeKey) ? buildDecorations(newState, options, draft) : old),
        },
        view: (editorView) => {
          view = editorView;
          return {
            destroy: () => {
              clearTimeout(idle);
              view = null;
            },
          };
        },
        filterTransaction: (tr, state) => {
          if (!options.active() || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined) return true;
          const formatting = readFormatChange(tr);
          if (formatting) {
            setTimeout(() => {
              finish();
              options.onFormat(formatting);
            }, 0);
            return false;
          }
          const reading = readTextChange(tr, state.selection);
          // Dispatching from inside filterTransaction is not allowed: the draft moves right after.
          setTimeout(() => {
            if (!reading.ok) {
              options.onRefused(reading.reason);
              return;
            }
            const step = foldChange(draft, reading.change);
            draft = step.draft;
            if (step.finished) options.onDraft(step.finished);
            placeCaret(step.draft);
            clearTimeout(idle);
            idle = setTimeout(finish, DRAFT_IDLE_MS);
          }, 0);
          return false;
        },
        props: {
          decorations: (state) => suggestionModeKey.getState(state),
          handleKeyDown: (_view, event) => {
            if (!options.active()) return false;
            if (event.key === "Enter") {
              finish();
              return true;
            }
            if (event.key === "Escape" && draft) {
              discard();
              return true;
            }
            return false;
          },
          handleDOMEvents: {
            blur: () => {
              if (draft) finish();
              return false;
            },
          },
        },
      }),
    ];
  },
});

/** Asks the editor to draw the suggestions again (after the list changed). */
export function redrawSuggestions(view: EditorView): void {
  view.dispatch(view.state.tr.setMeta(suggestionModeKey, true));
}
