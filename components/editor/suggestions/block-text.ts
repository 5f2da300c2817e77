import { ChangeSet } from "@tiptap/pm/changeset";
import type { Node as PmNode } from "@tiptap/pm/model";
import type { Selection, Transaction } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep } from "@tiptap/pm/transform";
import { locateQuote, SUGGESTION_MARKS, type FormatChange, type SuggestionMark, type TextQuote } from "@/lib/domain/suggestions";

/**
 * Where suggestions are in the editor's ProseMirror document. A suggestion names a top-level
 * block by its id and a stretch of the block's text, counted as lib/domain/suggestions.ts
 * counts it: the block's text nodes joined with nothing between them. These functions turn
 * such offsets into document positions and back, and turn what a person just typed (a
 * transaction the editor will not apply) into the stretch it would replace.
 */

export interface TopBlock {
  node: PmNode;
  /** Position just before the block. */
  pos: number;
  id: string;
}

export function topBlockById(doc: PmNode, id: string): TopBlock | null {
  let found: TopBlock | null = null;
  doc.forEach((node, pos) => {
    if (!found && node.attrs.id === id) found = { node, pos, id };
  });
  return found;
}

/** The top-level block holding `pos`, when it has an id. */
export function topBlockAt(doc: PmNode, pos: number): TopBlock | null {
  const $pos = doc.resolve(pos);
  if ($pos.depth < 1) return null;
  const node = $pos.node(1);
  const id = node.attrs.id;
  return typeof id === "string" && id.length > 0 ? { node, pos: $pos.before(1), id } : null;
}

/** The block's text as suggestions count it (lib/domain/suggestions.ts blockText). */
export function topBlockText(block: TopBlock): string {
  let text = "";
  block.node.descendants((node) => {
    if (node.isText) text += node.text ?? "";
  });
  return text;
}

/** Offset in the block's text of the document position `pos` (inside the block). */
export function offsetOfPosition(block: TopBlock, pos: number): number {
  let offset = 0;
  const start = block.pos + 1;
  block.node.descendants((node, relative) => {
    if (!node.isText) return true;
    const from = start + relative;
    const length = node.text?.length ?? 0;
    if (pos >= from + length) offset += length;
    else if (pos > from) offset += pos - from;
    return false;
  });
  return offset;
}

/**
 * Document position of `offset` in the block's text. At a boundary between two text nodes the
 * position is the same either way; past the text, the end of the last text node.
 */
export function positionOfOffset(block: TopBlock, offset: number): number | null {
  let rest = offset;
  let result: number | null = null;
  let last: number | null = null;
  const start = block.pos + 1;
  block.node.descendants((node, relative) => {
    if (result !== null) return false;
    if (!node.isText) return true;
    const from = start + relative;
    const length = node.text?.length ?? 0;
    if (rest <= length) result = from + rest;
    else rest -= length;
    last = from + length;
    return false;
  });
  if (result !== null) return result;
  // An empty block: its content starts right inside it.
  if (offset === 0) return last ?? firstTextPosition(block);
  return null;
}

function firstTextPosition(block: TopBlock): number | null {
  if (block.node.isTextblock) return block.pos + 1;
  let found: number | null = null;
  block.node.descendants((node, relative) => {
    if (found !== null) return false;
    if (node.isTextblock) {
      found = block.pos + 1 + relative + 1;
      return false;
    }
    return true;
  });
  return found;
}

/** Where a stored quote is in the editor's document now, or null when its words are gone. */
export function locateInDocument(doc: PmNode, blockId: string, quote: TextQuote): { from: number; to: number } | null {
  const block = topBlockById(doc, blockId);
  if (!block) return null;
  const range = locateQuote(topBlockText(block), quote);
  if (!range) return null;
  const from = positionOfOffset(block, range.from);
  const to = positionOfOffset(block, range.to);
  return from === null || to === null ? null : { from, to };
}

/** What one local edit would do, in a block's text: replace [from, to) by `text`. */
export interface TextChange {
  blockId: string;
  from: number;
  to: number;
  text: string;
}

export type ChangeReading = { ok: true; change: TextChange } | { ok: false; reason: "structure" | "formatting" };

/** A formatting suggestion being made: [from, to) of a block's text gets or loses a mark. */
export interface FormatTextChange {
  blockId: string;
  from: number;
  to: number;
  format: FormatChange;
}

const isSuggestionMark = (name: string): name is SuggestionMark => (SUGGESTION_MARKS as readonly string[]).includes(name);

/**
 * The formatting change a transaction makes, when it only adds or only removes one of the
 * marks suggestions carry (bold, italic) on words of one block; null for anything else.
 */
export function readFormatChange(tr: Transaction): FormatTextChange | null {
  if (tr.steps.length === 0) return null;
  const steps = tr.steps.filter((step) => step instanceof AddMarkStep || step instanceof RemoveMarkStep) as (AddMarkStep | RemoveMarkStep)[];
  if (steps.length !== tr.steps.length) return null;
  const name = steps[0].mark.type.name;
  const action = steps[0] instanceof AddMarkStep ? "add" : "remove";
  if (!isSuggestionMark(name) || steps.some((step) => step.mark.type.name !== name || (step instanceof AddMarkStep ? "add" : "remove") !== action)) return null;
  const from = Math.min(...steps.map((step) => step.from));
  const to = Math.max(...steps.map((step) => step.to));
  const block = topBlockAt(tr.before, from);
  if (!block || topBlockAt(tr.before, to)?.id !== block.id || to <= from) return null;
  return { blockId: block.id, from: offsetOfPosition(block, from), to: offsetOfPosition(block, to), format: { mark: name, action } };
}

/**
 * The text change a transaction makes, read with prosemirror-changeset (which condenses the
 * transaction's steps into replaced ranges of the old and the new document), or why it is not
 * one a suggestion can carry: it spans blocks or changes structure (a new paragraph, a list),
 * or it only changes formatting (the same text with other marks).
 */
export function readTextChange(tr: Transaction, selected: Selection): ChangeReading {
  const changes = ChangeSet.create(tr.before).addSteps(tr.doc, tr.mapping.maps, null).changes;
  if (changes.length === 0) return { ok: false, reason: "formatting" };
  let fromA = Math.min(...changes.map((change) => change.fromA));
  let toA = Math.max(...changes.map((change) => change.toA));
  let fromB = Math.min(...changes.map((change) => change.fromB));
  let toB = Math.max(...changes.map((change) => change.toB));
  // The change set is minimal ("quá trình" → "hành trình" reads as "quá" → "hành"); typing over a
  // selection (the one before the transaction) means replacing all of it, and the caret goes
  // after the typed words, so the selection's unchanged ends are taken back in.
  if (!selected.empty && selected.from <= fromA && toA <= selected.to) {
    fromB -= fromA - selected.from;
    toB += selected.to - toA;
    fromA = selected.from;
    toA = selected.to;
  }
  const $from = tr.before.resolve(fromA);
  const $to = tr.before.resolve(toA);
  const $newFrom = tr.doc.resolve(fromB);
  const $newTo = tr.doc.resolve(toB);
  // One textblock before and after: the edit changes words, not the document's shape.
  if (!$from.parent.isTextblock || !$from.sameParent($to) || !$newFrom.parent.isTextblock || !$newFrom.sameParent($newTo)) return { ok: false, reason: "structure" };
  const block = topBlockAt(tr.before, fromA);
  if (!block) return { ok: false, reason: "structure" };
  const removed = tr.before.textBetween(fromA, toA);
  const inserted = tr.doc.textBetween(fromB, toB);
  if (removed.length !== toA - fromA || inserted.length !== toB - fromB) return { ok: false, reason: "structure" };
  if (removed === inserted) return { ok: false, reason: "formatting" };
  return { ok: true, change: { blockId: block.id, from: offsetOfPosition(block, fromA), to: offsetOfPosition(block, toA), text: inserted } };
}
