import * as Y from "yjs";
import { clipQuote, MAX_ANCHOR_QUOTE_LENGTH, type LiveAnchor, type TextPoint } from "./anchors";

/**
 * Anchors of a live draft (lib/domain/anchors.ts) as Yjs relative positions. A section's draft
 * is a Y.XmlFragment written by y-tiptap: one Y.XmlElement per top-level block (its `id`
 * attribute is the block id), text in Y.XmlText, nested blocks as nested elements. A point
 * (block id, offset into plainText()) is found in that tree and pinned to a character, so
 * concurrent insertions and deletions around it move it with its words.
 *
 * The start is pinned to the first character of the range (association 0: the character after
 * the position), the end to the last one (association -1: the character before), so text typed
 * right before or right after the range stays outside it, and text typed inside stays inside.
 * Shared by the browser (the editor's highlights) and the server (publication, the diff view).
 */

const HARD_BREAK = "hardBreak";

type Node = Y.XmlElement | Y.XmlText;

function children(element: Y.XmlElement | Y.XmlFragment): Node[] {
  return element.toArray().filter((child): child is Node => child instanceof Y.XmlElement || child instanceof Y.XmlText);
}

/** Whether plainText() separates this element's children by "\n" (it holds blocks, not inline content). */
function isContainer(element: Y.XmlElement): boolean {
  return children(element).some((child) => !(child instanceof Y.XmlText) && !(child instanceof Y.XmlElement && child.nodeName === HARD_BREAK));
}

/** plainText()'s length of a node, without building the string. */
function textLength(node: Node): number {
  if (node instanceof Y.XmlText) return node.length;
  if (node.nodeName === HARD_BREAK) return 1;
  const kids = children(node);
  const sum = kids.reduce((total, child) => total + textLength(child), 0);
  return isContainer(node) ? sum + Math.max(0, kids.length - 1) : sum;
}

function topLevelBlock(fragment: Y.XmlFragment, blockId: string): Y.XmlElement | null {
  for (const child of children(fragment)) {
    if (child instanceof Y.XmlElement && child.getAttribute("id") === blockId) return child;
  }
  return null;
}

/** The Yjs type and index where `offset` of the element's plainText() is. */
function locate(element: Y.XmlElement, offset: number): { type: Y.XmlText | Y.XmlElement; index: number } {
  const kids = children(element);
  let rest = offset;
  if (isContainer(element)) {
    for (const [index, child] of kids.entries()) {
      const length = textLength(child);
      if (rest <= length) return child instanceof Y.XmlElement ? locate(child, rest) : { type: child, index: rest };
      rest -= length + 1;
      if (index === kids.length - 1) break;
    }
    return { type: element, index: kids.length };
  }
  for (const [index, child] of kids.entries()) {
    if (child instanceof Y.XmlText) {
      if (rest < child.length || (rest === child.length && !(kids[index + 1] instanceof Y.XmlText))) return { type: child, index: rest };
      rest -= child.length;
    } else {
      if (rest === 0) return { type: element, index };
      rest -= textLength(child);
    }
  }
  return { type: element, index: kids.length };
}

/** A relative position for a point of the draft, or null when its block is not in the draft. */
export function relativePositionAt(fragment: Y.XmlFragment, point: TextPoint, assoc: 0 | -1): Y.RelativePosition | null {
  const block = topLevelBlock(fragment, point.blockId);
  if (!block) return null;
  const offset = Math.max(0, Math.min(point.offset, textLength(block)));
  const { type, index } = locate(block, offset);
  return Y.createRelativePositionFromTypeIndex(type, index, assoc);
}

/** Offset in the element's plainText() where its child number `index` begins. */
function prefixLength(element: Y.XmlElement, index: number): number {
  const kids = children(element).slice(0, index);
  const sum = kids.reduce((total, child) => total + textLength(child), 0);
  return isContainer(element) && index > 0 ? sum + index : sum;
}

/** Where a relative position is now, or null when its block is gone (deleted, or not in `fragment`). */
export function pointOfRelativePosition(doc: Y.Doc, fragment: Y.XmlFragment, position: Y.RelativePosition): TextPoint | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute) return null;
  let node: Y.AbstractType<any> = absolute.type; // eslint-disable-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their events
  let offset: number;
  if (node instanceof Y.XmlText) offset = absolute.index;
  else if (node instanceof Y.XmlElement) offset = prefixLength(node, absolute.index);
  else return null;
  for (;;) {
    if (node._item?.deleted) return null;
    const parent = node.parent;
    if (parent === null) return null;
    if (parent === fragment) {
      if (!(node instanceof Y.XmlElement)) return null;
      const id = node.getAttribute("id");
      return typeof id === "string" && id.length > 0 ? { blockId: id, offset } : null;
    }
    if (!(parent instanceof Y.XmlElement)) return null;
    const index = children(parent).indexOf(node as Node);
    if (index < 0) return null;
    offset += prefixLength(parent, index);
    node = parent;
  }
}

/** plainText() of a top-level block of the draft (the text a point's offset counts in). */
export function liveBlockText(fragment: Y.XmlFragment, blockId: string): string | null {
  const block = topLevelBlock(fragment, blockId);
  return block ? nodeText(block) : null;
}

function nodeText(node: Node): string {
  if (node instanceof Y.XmlText) return plainString(node);
  if (node.nodeName === HARD_BREAK) return "\n";
  return children(node).map(nodeText).join(isContainer(node) ? "\n" : "");
}

/** The characters of a Y.XmlText without its formatting (toString() would render marks as XML). */
function plainString(text: Y.XmlText): string {
  return text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
    .join("");
}

export function encodeRelativePosition(position: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(position);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The relative position a base64 string holds, or null for anything else (never throws). */
export function decodeRelativePosition(base64: string): Y.RelativePosition | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** The words between two points of the draft, or null when the range is not a forward range of it. */
export function liveTextBetween(fragment: Y.XmlFragment, start: TextPoint, end: TextPoint): string | null {
  const ids = children(fragment).flatMap((child) => (child instanceof Y.XmlElement && typeof child.getAttribute("id") === "string" ? [child.getAttribute("id") as string] : []));
  const first = ids.indexOf(start.blockId);
  const last = ids.indexOf(end.blockId);
  if (first < 0 || last < first) return null;
  const pieces: string[] = [];
  for (let index = first; index <= last; index++) {
    const text = liveBlockText(fragment, ids[index]) ?? "";
    const from = index === first ? start.offset : 0;
    const to = index === last ? end.offset : text.length;
    if (index === first && index === last && to <= from) return null;
    pieces.push(text.slice(from, to));
  }
  return pieces.join("\n");
}

/** A live anchor over [start, end) of the draft, or null when the range is empty or its blocks are not there. */
export function createLiveAnchor(fragment: Y.XmlFragment, sectionId: string, start: TextPoint, end: TextPoint): LiveAnchor | null {
  const quote = liveTextBetween(fragment, start, end);
  if (quote === null || quote.length === 0) return null;
  const startPosition = relativePositionAt(fragment, start, 0);
  const endPosition = relativePositionAt(fragment, end, -1);
  if (!startPosition || !endPosition) return null;
  return { sectionId, start: encodeRelativePosition(startPosition), end: encodeRelativePosition(endPosition), quote: clipQuote(quote) };
}

/** A letter, a combining mark (Vietnamese tones may be stored apart) or a digit: a character inside a word. */
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && WORD_CHARACTER.test(char);
}

/**
 * Where the quote sits in the resolved text when the range only grew at its edges, as
 * [characters grown before, characters grown after], or null when it did not.
 *
 * Why: the editor's binding (y-tiptap's updateYText, from y-prosemirror) turns each keystroke
 * into a Yjs insertion with a prefix/suffix diff that does not know where the caret is. Typing
 * "các " right before "chiến lược" is recorded as "ác c" inserted after the original "c", so
 * the relative position pinned to that "c" now precedes the whole new word. The quote still
 * says which words the remark is about: text that appeared outside it, as whole words (a word
 * boundary between the grown text and the quote) and within the end blocks (no "\n"), is taken
 * out again. Anything else (an edit inside the range, a word glued to the quote) keeps the range.
 */
export function edgeGrowth(resolved: string, quote: string): [number, number] | null {
  if (quote.length === 0 || quote.length >= MAX_ANCHOR_QUOTE_LENGTH || resolved.length <= quote.length) return null;
  for (let at = resolved.indexOf(quote); at >= 0; at = resolved.indexOf(quote, at + 1)) {
    const before = resolved.slice(0, at);
    const after = resolved.slice(at + quote.length);
    if (before.includes("\n") || after.includes("\n")) continue;
    const startsOnBoundary = before.length === 0 || !isWordCharacter(before.at(-1)) || !isWordCharacter(quote[0]);
    const endsOnBoundary = after.length === 0 || !isWordCharacter(after[0]) || !isWordCharacter(quote.at(-1));
    if (startsOnBoundary && endsOnBoundary) return [before.length, after.length];
  }
  return null;
}

/**
 * Where a live anchor's words are now; null when they are all gone or the positions are not of
 * this draft. With the anchor's quote, a range that grew only at its edges by whole words is
 * narrowed back to the quote (edgeGrowth says why).
 */
export function resolveLiveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: Pick<LiveAnchor, "start" | "end"> & { quote?: string },
): { start: TextPoint; end: TextPoint; quote: string } | null {
  const startPosition = decodeRelativePosition(anchor.start);
  const endPosition = decodeRelativePosition(anchor.end);
  if (!startPosition || !endPosition) return null;
  const start = pointOfRelativePosition(doc, fragment, startPosition);
  const end = pointOfRelativePosition(doc, fragment, endPosition);
  if (!start || !end) return null;
  const quote = liveTextBetween(fragment, start, end);
  if (quote === null || quote.length === 0) return null;
  const growth = anchor.quote === undefined || quote === anchor.quote ? null : edgeGrowth(quote, anchor.quote);
  if (growth) {
    const [grownBefore, grownAfter] = growth;
    return { start: { ...start, offset: start.offset + grownBefore }, end: { ...end, offset: end.offset - grownAfter }, quote: anchor.quote as string };
  }
  return { start, end, quote };
}
