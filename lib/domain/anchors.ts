import { blockId, plainText, type RichNode, type SectionContent } from "./document";

/**
 * Anchors: a remark (a review comment, a consultation comment) pointing at a range of words of
 * one section, rather than at a whole block or a whole proposal.
 *
 * Two forms, one meaning:
 * - on a published text the range is a `TextAnchor`: the id of the top-level block each end is
 *   in and a character offset into that block's `plainText()` (NFC, nested blocks separated by
 *   "\n", exactly the text the diff's words spell), with the words it covered (`quote`);
 * - on a live draft (lib/domain/anchors-yjs.ts) each end is a Yjs relative position, which
 *   stays on the same characters while people edit concurrently; it is turned into a
 *   TextAnchor when the draft is published.
 *
 * `StoredAnchor` is the JSON a row keeps (Comment.anchor): the live form, the published form
 * or both, with the section and the quote.
 */

/** One end of a range: a top-level block and a character offset into its plainText(). */
export interface TextPoint {
  blockId: string;
  offset: number;
}

/** A range of a published (or any JSON) text. */
export interface TextAnchor {
  sectionId: string;
  start: TextPoint;
  end: TextPoint;
  /** The words the range covered when it was made; used to find them again if offsets drift. */
  quote: string;
}

/** A range of a live draft: both ends are Yjs relative positions (Y.encodeRelativePosition, base64). */
export interface LiveAnchor {
  sectionId: string;
  start: string;
  end: string;
  quote: string;
}

export interface StoredAnchor {
  v: 1;
  sectionId: string;
  quote: string;
  /** While the draft is live: the relative positions. */
  live: { start: string; end: string } | null;
  /** Once published: the range in the version's text (`version` is its number). */
  text: { start: TextPoint; end: TextPoint; version: number } | null;
}

/**
 * The longest quote an anchor keeps: a remark points at a few words or a sentence, and a quote
 * is repeated in every row and page that shows the remark. Longer selections keep their first
 * characters (the ends still mark the whole range).
 */
export const MAX_ANCHOR_QUOTE_LENGTH = 1_000;

/** A Yjs relative position of a text range's end is a few dozen bytes; this bounds what a client may send. */
export const MAX_RELATIVE_POSITION_BASE64_LENGTH = 512;

export function clipQuote(quote: string): string {
  const normalized = quote.normalize("NFC");
  return normalized.length > MAX_ANCHOR_QUOTE_LENGTH ? normalized.slice(0, MAX_ANCHOR_QUOTE_LENGTH) : normalized;
}

/** The stored JSON, or null when there is none or it is not an anchor (never throws). */
export function parseStoredAnchor(json: string | null | undefined): StoredAnchor | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.v !== 1 || typeof value.sectionId !== "string" || typeof value.quote !== "string") return null;
  const live = isRecord(value.live) && typeof value.live.start === "string" && typeof value.live.end === "string" ? { start: value.live.start, end: value.live.end } : null;
  const text =
    isRecord(value.text) && isTextPoint(value.text.start) && isTextPoint(value.text.end) && typeof value.text.version === "number"
      ? { start: value.text.start, end: value.text.end, version: value.text.version }
      : null;
  return { v: 1, sectionId: value.sectionId, quote: value.quote, live, text };
}

export function serializeStoredAnchor(anchor: StoredAnchor): string {
  return JSON.stringify(anchor);
}

export function isTextPoint(value: unknown): value is TextPoint {
  return isRecord(value) && typeof value.blockId === "string" && value.blockId.length > 0 && Number.isInteger(value.offset) && (value.offset as number) >= 0;
}

/** The NFC plain text of each top-level block with an id, in order. */
export function blockTexts(content: SectionContent): { blockId: string; text: string }[] {
  const result: { blockId: string; text: string }[] = [];
  for (const node of content.content ?? []) {
    const id = blockId(node);
    if (id) result.push({ blockId: id, text: blockText(node) });
  }
  return result;
}

export function blockText(node: RichNode): string {
  return plainText(node).normalize("NFC");
}

/** One block's share of a range: [start, end) in that block's text. */
export interface RangeSegment {
  blockId: string;
  start: number;
  end: number;
}

/**
 * The pieces of the range from `start` to `end` in each block it crosses, in reading order;
 * null when an end's block is missing, the ends are out of order, or the range is empty.
 */
export function rangeSegments(content: SectionContent, start: TextPoint, end: TextPoint): RangeSegment[] | null {
  const blocks = blockTexts(content);
  const first = blocks.findIndex((block) => block.blockId === start.blockId);
  const last = blocks.findIndex((block) => block.blockId === end.blockId);
  if (first < 0 || last < 0 || last < first) return null;
  const segments: RangeSegment[] = [];
  for (let index = first; index <= last; index++) {
    const { blockId: id, text } = blocks[index];
    const from = index === first ? Math.min(start.offset, text.length) : 0;
    const to = index === last ? Math.min(end.offset, text.length) : text.length;
    if (to > from) segments.push({ blockId: id, start: from, end: to });
    else if (index === first && index === last) return null;
  }
  return segments.length > 0 ? segments : null;
}

/** The words between two points (blocks joined by "\n"), or null as rangeSegments() says. */
export function textBetween(content: SectionContent, start: TextPoint, end: TextPoint): string | null {
  const segments = rangeSegments(content, start, end);
  if (!segments) return null;
  const texts = new Map(blockTexts(content).map((block) => [block.blockId, block.text]));
  return segments.map((segment) => (texts.get(segment.blockId) ?? "").slice(segment.start, segment.end)).join("\n");
}

export interface ResolvedRange {
  start: TextPoint;
  end: TextPoint;
  /** The words the range covers now. */
  quote: string;
  /** false when the offsets no longer held the quote and it was found again in its block. */
  exact: boolean;
}

/**
 * Where a TextAnchor's words are in `content`: at its offsets when they still hold its quote;
 * otherwise the occurrence of the quote in the start block nearest the old offset (a text merged
 * at publication may have shifted them); null when the words are gone.
 */
export function resolveTextAnchor(content: SectionContent, anchor: Pick<TextAnchor, "start" | "end" | "quote">): ResolvedRange | null {
  const quote = anchor.quote.normalize("NFC");
  const atOffsets = textBetween(content, anchor.start, anchor.end);
  if (atOffsets !== null && (quote.length === 0 || atOffsets === quote || (quote.length === MAX_ANCHOR_QUOTE_LENGTH && atOffsets.startsWith(quote)))) {
    return { start: anchor.start, end: anchor.end, quote: atOffsets, exact: true };
  }
  if (quote.length === 0 || quote.includes("\n")) return null;
  const block = blockTexts(content).find((candidate) => candidate.blockId === anchor.start.blockId);
  if (!block) return null;
  let best = -1;
  for (let found = block.text.indexOf(quote); found >= 0; found = block.text.indexOf(quote, found + 1)) {
    if (best < 0 || Math.abs(found - anchor.start.offset) < Math.abs(best - anchor.start.offset)) best = found;
  }
  if (best < 0) return null;
  return {
    start: { blockId: block.blockId, offset: best },
    end: { blockId: block.blockId, offset: best + quote.length },
    quote,
    exact: false,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
