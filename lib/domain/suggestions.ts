/**
 * Suggestion mode: a co-author or a reviewer proposes to replace a stretch of a block's text
 * (an insertion replaces nothing, a deletion puts nothing in its place) instead of writing it.
 *
 * Suggestions are kept outside the section's Yjs document, as rows. A suggestion names its
 * block by id and its stretch by a text quote (the W3C Web Annotation TextQuoteSelector idea:
 * the exact text, a little text before and after, and the offset where it was), so that it is
 * still found after other people edit the block elsewhere; when the quoted text itself changed,
 * it no longer applies and says so. Accepting applies it to the draft through the live
 * document as an edit of the suggestion's author (separation of duties, blame).
 *
 * The "block's text" is the concatenation of the block's text nodes in document order (no
 * separators), the same walk the editor makes over ProseMirror text nodes.
 */
import { blockId, type RichNode, type SectionContent } from "./document";

export const SUGGESTION_LIMITS = {
  /** Longest stretch one suggestion may remove: a paragraph or two; longer rewrites are edits. */
  maxExactChars: 5_000,
  /** Longest text one suggestion may put in: same bound as what it may remove. */
  maxReplacementChars: 5_000,
  /** Context kept either side of the quote: enough to tell repeated words apart. */
  contextChars: 32,
  /** Pending suggestions one person may have on one proposal: far above any real review, bounds a script. */
  maxPendingPerPerson: 200,
} as const;

export const SUGGESTION_STATUSES = ["PENDING", "ACCEPTED", "REJECTED"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export type SuggestionKind = "insert" | "delete" | "replace" | "format";

/** The marks a formatting suggestion may add or remove: the two the editor's toolbar gives drafters. */
export const SUGGESTION_MARKS = ["bold", "italic"] as const;
export type SuggestionMark = (typeof SUGGESTION_MARKS)[number];
export const FORMAT_ACTIONS = ["add", "remove"] as const;
export type FormatAction = (typeof FORMAT_ACTIONS)[number];

/** A formatting suggestion: the quoted words stay, and get (or lose) a mark. */
export interface FormatChange {
  mark: SuggestionMark;
  action: FormatAction;
}

export interface TextQuote {
  offset: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export interface SuggestionTarget {
  blockId: string;
  quote: TextQuote;
  replacement: string;
  /** Set for a formatting suggestion (then `replacement` equals the quoted text). */
  format?: FormatChange | null;
}

export function suggestionKind(exact: string, replacement: string, format?: FormatChange | null): SuggestionKind {
  if (format) return "format";
  if (exact.length === 0) return "insert";
  if (replacement.length === 0) return "delete";
  return "replace";
}

function textLeaves(node: RichNode, into: RichNode[] = []): RichNode[] {
  if (node.type === "text") into.push(node);
  for (const child of node.content ?? []) textLeaves(child, into);
  return into;
}

/** The block's text as suggestions count it. */
export function blockText(node: RichNode): string {
  return textLeaves(node)
    .map((leaf) => leaf.text ?? "")
    .join("");
}

/** The quote for [from, to) of `text`, with its context. */
export function quoteAt(text: string, from: number, to: number, contextChars: number = SUGGESTION_LIMITS.contextChars): TextQuote {
  const start = Math.max(0, Math.min(from, to, text.length));
  const end = Math.min(text.length, Math.max(from, to));
  return {
    offset: start,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - contextChars), start),
    suffix: text.slice(end, end + contextChars),
  };
}

function occurrences(text: string, exact: string): number[] {
  const found: number[] = [];
  if (exact.length === 0) {
    for (let index = 0; index <= text.length; index++) found.push(index);
    return found;
  }
  let index = text.indexOf(exact);
  while (index !== -1) {
    found.push(index);
    index = text.indexOf(exact, index + 1);
  }
  return found;
}

/**
 * Where the quote is in `text` now, or null when it is no longer there. The candidates are
 * the occurrences of the exact text; one with both its prefix and suffix wins over one with
 * either, the nearest to the original offset breaking ties. An occurrence with neither
 * matching counts only when it is the only one (the context was edited, the words were not).
 * An insertion (empty exact text) needs its context: at least the prefix or the suffix.
 */
export function locateQuote(text: string, quote: TextQuote): { from: number; to: number } | null {
  const candidates = occurrences(text, quote.exact).map((start) => {
    const end = start + quote.exact.length;
    const prefixOk = text.slice(Math.max(0, start - quote.prefix.length), start) === quote.prefix;
    const suffixOk = text.slice(end, end + quote.suffix.length) === quote.suffix;
    return { start, end, score: (prefixOk ? 1 : 0) + (suffixOk ? 1 : 0) };
  });
  const best = (minimum: number) =>
    candidates
      .filter((candidate) => candidate.score >= minimum)
      .sort((a, b) => b.score - a.score || Math.abs(a.start - quote.offset) - Math.abs(b.start - quote.offset))[0];
  const chosen = best(1) ?? (quote.exact.length > 0 && candidates.length === 1 ? candidates[0] : undefined);
  if (!chosen) {
    // An insertion into a block that is (still) empty.
    if (quote.exact.length === 0 && text.length === 0 && quote.prefix.length === 0 && quote.suffix.length === 0) return { from: 0, to: 0 };
    return null;
  }
  return { from: chosen.start, to: chosen.end };
}

export function findBlock(content: SectionContent, id: string): { index: number; node: RichNode } | null {
  const blocks = content.content ?? [];
  const index = blocks.findIndex((block) => blockId(block) === id);
  return index === -1 ? null : { index, node: blocks[index] };
}

const sameMarks = (a: RichNode, b: RichNode) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

/** Drops empty text nodes and joins neighbours with the same marks, as ProseMirror keeps text. */
function normalizeInline(children: RichNode[]): RichNode[] {
  const result: RichNode[] = [];
  for (const child of children) {
    if (child.type === "text" && (child.text ?? "").length === 0) continue;
    const last = result.at(-1);
    if (last && last.type === "text" && child.type === "text" && sameMarks(last, child)) {
      result[result.length - 1] = { ...last, text: (last.text ?? "") + (child.text ?? "") };
      continue;
    }
    result.push(child);
  }
  return result;
}

const TEXTBLOCKS = new Set(["paragraph", "heading", "codeBlock", "tableHeader", "tableCell"]);

/**
 * The block with [from, to) of its text replaced by `replacement`. Removed text goes from
 * whichever text nodes held it; the new text joins the text node just before `from` (it takes
 * that node's marks, as typing there would) or, at the very start, the first one; a replacement's
 * new text takes the marks of the first character it replaces.
 */
export function replaceBlockText(block: RichNode, from: number, to: number, replacement: string): RichNode {
  let offset = 0;
  let inserted = replacement.length === 0;
  const rewrite = (node: RichNode): RichNode => {
    if (node.type === "text") {
      const text = node.text ?? "";
      const start = offset;
      const end = offset + text.length;
      offset = end;
      let kept = text.slice(0, Math.max(0, Math.min(text.length, from - start))) + text.slice(Math.max(0, Math.min(text.length, to - start)));
      // A replacement's text goes where the removed text began; an insertion's joins the text before it.
      const holds = from < to ? from >= start && from < end : (from > start && from <= end) || (from === 0 && start === 0);
      if (!inserted && holds) {
        const at = Math.max(0, from - start);
        kept = kept.slice(0, at) + replacement + kept.slice(at);
        inserted = true;
      }
      return { ...node, text: kept };
    }
    if (!node.content) return node;
    const children = node.content.map(rewrite);
    return { ...node, content: normalizeInline(children) };
  };
  let result = rewrite(block);
  if (!inserted) result = insertIntoFirstTextblock(result, replacement);
  return result;
}

function insertIntoFirstTextblock(node: RichNode, text: string): RichNode {
  let done = false;
  const visit = (current: RichNode): RichNode => {
    if (done) return current;
    if (TEXTBLOCKS.has(current.type) && !(current.content ?? []).some((child) => child.type !== "text" && child.type !== "hardBreak")) {
      done = true;
      return { ...current, content: [{ type: "text", text }, ...(current.content ?? [])] };
    }
    if (!current.content) return current;
    return { ...current, content: current.content.map(visit) };
  };
  return visit(node);
}

/**
 * The block with the mark added to (or removed from) every text node in [from, to) of its text;
 * text nodes are split at the ends, and neighbours with the same marks joined again.
 */
export function formatBlockText(block: RichNode, from: number, to: number, format: FormatChange): RichNode {
  let offset = 0;
  const restyle = (marks: RichNode["marks"]) => {
    const others = (marks ?? []).filter((mark) => mark.type !== format.mark);
    const next = format.action === "add" ? [...others, { type: format.mark }] : others;
    return next.length > 0 ? next : undefined;
  };
  const rewrite = (node: RichNode): RichNode[] => {
    if (node.type === "text") {
      const text = node.text ?? "";
      const start = offset;
      offset += text.length;
      const cutFrom = Math.max(0, Math.min(text.length, from - start));
      const cutTo = Math.max(0, Math.min(text.length, to - start));
      if (cutFrom >= cutTo) return [node];
      const middle: RichNode = { ...node, text: text.slice(cutFrom, cutTo) };
      const marks = restyle(node.marks);
      if (marks) middle.marks = marks;
      else delete middle.marks;
      return [{ ...node, text: text.slice(0, cutFrom) }, middle, { ...node, text: text.slice(cutTo) }];
    }
    if (!node.content) return [node];
    return [{ ...node, content: normalizeInline(node.content.flatMap(rewrite)) }];
  };
  return rewrite(block)[0];
}

export type ApplyResult = { ok: true; content: SectionContent; range: { from: number; to: number } } | { ok: false; reason: "block_missing" | "text_changed" };

/** The section with the suggestion applied, or why it no longer applies. */
export function applySuggestion(content: SectionContent, target: SuggestionTarget): ApplyResult {
  const found = findBlock(content, target.blockId);
  if (!found) return { ok: false, reason: "block_missing" };
  const range = locateQuote(blockText(found.node), target.quote);
  if (!range) return { ok: false, reason: "text_changed" };
  const blocks = [...(content.content ?? [])];
  blocks[found.index] = target.format ? formatBlockText(found.node, range.from, range.to, target.format) : replaceBlockText(found.node, range.from, range.to, target.replacement);
  return { ok: true, content: { ...content, content: blocks }, range };
}

export type SuggestionProblem = "empty" | "unchanged" | "format_changes_text" | "exact_too_long" | "replacement_too_long" | "bad_offset" | "control_characters";

/** Whether a suggestion as sent can be stored; the caller checks it against the draft too. */
export function checkSuggestion(input: { quote: TextQuote; replacement: string; format?: FormatChange | null }): SuggestionProblem | null {
  const { quote, replacement } = input;
  if (input.format) {
    // Formatting keeps the words: some words, and the same ones.
    if (quote.exact.length === 0) return "empty";
    if (replacement !== quote.exact) return "format_changes_text";
  } else {
    if (quote.exact.length === 0 && replacement.length === 0) return "empty";
    if (quote.exact === replacement) return "unchanged";
  }
  if (quote.exact.length > SUGGESTION_LIMITS.maxExactChars) return "exact_too_long";
  if (replacement.length > SUGGESTION_LIMITS.maxReplacementChars) return "replacement_too_long";
  if (!Number.isInteger(quote.offset) || quote.offset < 0) return "bad_offset";
  // Text only: a line break or another control character would be structure, which a suggestion does not make.
  if (/[\u0000-\u001f\u007f]/.test(replacement)) return "control_characters";
  return null;
}

/** Approval waits until every suggestion is accepted or rejected. */
export function approvalGateForSuggestions(pending: number): { ok: true } | { ok: false; pending: number } {
  return pending > 0 ? { ok: false, pending } : { ok: true };
}

/**
 * The order in which several suggestions are accepted at once: by block, then from the end of
 * the block backwards, so that applying one never moves the text another one quotes.
 */
export function acceptanceOrder<T extends { blockId: string; quote: TextQuote; createdAt: Date }>(suggestions: readonly T[]): T[] {
  return [...suggestions].sort((a, b) => (a.blockId < b.blockId ? -1 : a.blockId > b.blockId ? 1 : b.quote.offset - a.quote.offset || a.createdAt.getTime() - b.createdAt.getTime()));
}
