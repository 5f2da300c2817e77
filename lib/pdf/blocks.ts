import type { Mark, RichNode } from "../domain/document";
import { normalizeText } from "../domain/text";

/**
 * Editor content (Tiptap JSON of the handbook's schema, lib/editor/extensions.ts) as the few
 * block shapes the PDF layout knows. Every text is NFC-normalized here, so that combining marks
 * never land on the wrong letter in the embedded font. Nodes this file does not know keep their
 * text: an unknown block becomes its children, unknown inline content becomes plain runs.
 */

export interface TextStyle {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  code: boolean;
  /** An http(s) or mailto URL; anything else is dropped and the text stays. */
  link: string | null;
}

/** A run of text in one style; the text "\n" is a hard break. */
export interface InlineRun {
  text: string;
  style: TextStyle;
}

export interface TableCell {
  header: boolean;
  colspan: number;
  blocks: Block[];
}

export type Block =
  | { kind: "heading"; level: number; runs: InlineRun[] }
  | { kind: "paragraph"; runs: InlineRun[] }
  | { kind: "list"; ordered: boolean; start: number; numbering: ListNumbering; items: Block[][] }
  | { kind: "quote"; blocks: Block[] }
  | { kind: "code"; text: string }
  | { kind: "rule" }
  | { kind: "table"; rows: TableCell[][] };

export type ListNumbering = "1" | "a" | "A" | "i" | "I";

export const PLAIN_STYLE: TextStyle = { bold: false, italic: false, underline: false, strike: false, code: false, link: null };

export const HARD_BREAK = "\n";

/** The only link schemes a reader is sent to; stored content is validated already, this is the printer's own guard. */
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Longest URL turned into a link, as the editor allows (lib/editor/extensions.ts MAX_HREF_CHARS). */
const MAX_LINK_CHARS = 2048;

export function safeLink(href: unknown): string | null {
  if (typeof href !== "string" || href.length === 0 || href.length > MAX_LINK_CHARS) return null;
  try {
    return LINK_PROTOCOLS.has(new URL(href).protocol) ? href : null;
  } catch {
    return null;
  }
}

function styleWith(style: TextStyle, marks: readonly Mark[] | undefined): TextStyle {
  let next = style;
  for (const mark of marks ?? []) {
    switch (mark.type) {
      case "bold":
        next = { ...next, bold: true };
        break;
      case "italic":
        next = { ...next, italic: true };
        break;
      case "underline":
        next = { ...next, underline: true };
        break;
      case "strike":
        next = { ...next, strike: true };
        break;
      case "code":
        next = { ...next, code: true };
        break;
      case "link":
        next = { ...next, link: safeLink(mark.attrs?.href) };
        break;
      default:
        break;
    }
  }
  return next;
}

function inlineRuns(nodes: readonly RichNode[] | undefined, style: TextStyle = PLAIN_STYLE): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "text") {
      const text = normalizeText(node.text ?? "");
      if (text.length > 0) runs.push({ text, style: styleWith(style, node.marks) });
    } else if (node.type === "hardBreak") {
      runs.push({ text: HARD_BREAK, style: styleWith(style, node.marks) });
    } else {
      runs.push(...inlineRuns(node.content, styleWith(style, node.marks)));
    }
  }
  return runs;
}

/** Plain text as runs, a hard break between lines, e.g. a table cell of a consultation report; all of it a link when `link` is safe. */
export function plainRuns(text: string, link?: string): InlineRun[] {
  const style = { ...PLAIN_STYLE, link: safeLink(link) };
  return normalizeText(text)
    .split(/\r?\n/)
    .flatMap((line, index) => (index === 0 ? [{ text: line, style }] : [{ text: HARD_BREAK, style }, { text: line, style }]))
    .filter((run) => run.text.length > 0);
}

function numbering(value: unknown): ListNumbering {
  return value === "a" || value === "A" || value === "i" || value === "I" ? value : "1";
}

function cellOf(node: RichNode): TableCell {
  const colspan = node.attrs?.colspan;
  return {
    header: node.type === "tableHeader",
    colspan: typeof colspan === "number" && Number.isInteger(colspan) && colspan > 0 ? colspan : 1,
    blocks: contentBlocks(node),
  };
}

function blockOf(node: RichNode): Block[] {
  switch (node.type) {
    case "paragraph":
      return [{ kind: "paragraph", runs: inlineRuns(node.content) }];
    case "heading": {
      const level = node.attrs?.level;
      return [{ kind: "heading", level: typeof level === "number" ? level : 3, runs: inlineRuns(node.content) }];
    }
    case "bulletList":
    case "orderedList": {
      const start = node.attrs?.start;
      return [
        {
          kind: "list",
          ordered: node.type === "orderedList",
          start: typeof start === "number" && Number.isInteger(start) ? start : 1,
          numbering: numbering(node.attrs?.type),
          items: (node.content ?? []).map((item) => contentBlocks(item)),
        },
      ];
    }
    case "blockquote":
      return [{ kind: "quote", blocks: contentBlocks(node) }];
    case "codeBlock":
      return [{ kind: "code", text: normalizeText((node.content ?? []).map((child) => child.text ?? "").join("")) }];
    case "horizontalRule":
      return [{ kind: "rule" }];
    case "table":
      return [{ kind: "table", rows: (node.content ?? []).map((row) => (row.content ?? []).map(cellOf)) }];
    case "text":
    case "hardBreak":
      return [{ kind: "paragraph", runs: inlineRuns([node]) }];
    default:
      return contentBlocks(node);
  }
}

/** The blocks of a node with block children: a section's `doc`, a list item, a quote, a table cell. */
export function contentBlocks(node: RichNode): Block[] {
  const children = node.content ?? [];
  // A container holding inline content directly (malformed, or a future node type) reads as one paragraph.
  if (children.length > 0 && children.every((child) => child.type === "text" || child.type === "hardBreak")) {
    return [{ kind: "paragraph", runs: inlineRuns(children) }];
  }
  return children.flatMap(blockOf);
}

/** Characters of text in a block list, for the renderer's size limit. */
export function textLength(blocks: readonly Block[]): number {
  let total = 0;
  for (const block of blocks) {
    switch (block.kind) {
      case "heading":
      case "paragraph":
        for (const run of block.runs) total += run.text.length;
        break;
      case "list":
        for (const item of block.items) total += textLength(item);
        break;
      case "quote":
        total += textLength(block.blocks);
        break;
      case "code":
        total += block.text.length;
        break;
      case "table":
        for (const row of block.rows) for (const cell of row) total += textLength(cell.blocks);
        break;
      case "rule":
        break;
    }
  }
  return total;
}

const ROMAN: [number, string][] = [
  [1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
  [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"],
];

function roman(value: number): string {
  let rest = value;
  let out = "";
  for (const [size, letters] of ROMAN) {
    while (rest >= size) {
      out += letters;
      rest -= size;
    }
  }
  return out;
}

function alphabetic(value: number): string {
  let rest = value;
  let out = "";
  while (rest > 0) {
    rest -= 1;
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}

/** The marker of an ordered list's item as a browser draws it: "3.", "c.", "iv.". Numbers below 1 stay decimal. */
export function listMarker(number: number, kind: ListNumbering): string {
  if (number < 1 || kind === "1") return `${number}.`;
  const text = kind === "a" || kind === "A" ? alphabetic(number) : roman(number);
  return `${kind === "A" || kind === "I" ? text.toUpperCase() : text}.`;
}
