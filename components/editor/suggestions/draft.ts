import type { TextChange } from "./block-text";

/**
 * The suggestion being typed. In suggest mode the document does not change: each keystroke is
 * a text change the editor refuses, folded here into one pending suggestion (replace
 * [from, to) of the block's text by `text`), shown as a tracked change and sent when the
 * person pauses, presses Enter or leaves the editor. Offsets are in the block's text
 * (lib/domain/suggestions.ts), which stays the same while the draft grows.
 */
export interface SuggestionDraft {
  blockId: string;
  from: number;
  to: number;
  text: string;
}

/** Where the caret stands after the draft: after the typed text, or before a pure deletion. */
export function draftCaret(draft: SuggestionDraft): number {
  return draft.text.length > 0 || draft.from === draft.to ? draft.to : draft.from;
}

export type DraftStep = { draft: SuggestionDraft; finished: SuggestionDraft | null };

/**
 * The draft after one more change. Typing at the caret extends the typed text, Backspace takes
 * back the last typed character or, with nothing typed, removes one more character before the
 * deletion, Delete one more after it. Any other change finishes the current draft (to be sent)
 * and starts a new one.
 */
export function foldChange(current: SuggestionDraft | null, change: TextChange): DraftStep {
  const fresh: DraftStep = { draft: { ...change }, finished: current && !isEmptyDraft(current) ? current : null };
  if (!current || current.blockId !== change.blockId) return fresh;
  const caret = draftCaret(current);
  const removes = change.to - change.from;
  if (removes === 0 && change.from === caret) {
    // Typing at the caret; after a deletion, the typed words replace the deleted ones.
    if (caret === current.to) return { draft: { ...current, text: current.text + change.text }, finished: null };
    if (current.text.length === 0) return { draft: { ...current, text: change.text }, finished: null };
  }
  if (change.text.length === 0 && removes > 0) {
    // Backspace over what was typed.
    if (current.text.length > 0 && change.to === caret && removes <= current.text.length) {
      return { draft: { ...current, text: current.text.slice(0, current.text.length - removes) }, finished: null };
    }
    if (current.text.length === 0) {
      // Backspace before a deletion, Delete after it.
      if (change.to === current.from) return { draft: { ...current, from: change.from }, finished: null };
      if (change.from === current.to) return { draft: { ...current, to: change.to }, finished: null };
      if (change.from === current.from) return { draft: { ...current, to: current.to + removes }, finished: null };
    }
  }
  return fresh;
}

export function isEmptyDraft(draft: SuggestionDraft): boolean {
  return draft.from === draft.to && draft.text.length === 0;
}
