/**
 * Markdown <-> section content in the editor's schema. Reading goes through markdown-it
 * (CommonMark with GFM tables and strikethrough) and prosemirror-markdown's parser, the
 * stack Outline uses; what is ours is the mapping onto the handbook's schema (Tiptap's node
 * names, tables, `<u>` for underline, `<br>` for a line break in a table cell). Writing is a
 * small writer of our own over the ProseMirror tree (see "Writing" for why), with the
 * escaping that makes every stored section read back as itself. Splitting a chapter into
 * sections and titling them lives in lib/domain/chapter.ts.
 */
import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";
import type { Mark as PMMark, Node as PMNode } from "@tiptap/pm/model";
import { MarkdownParser } from "prosemirror-markdown";
import { chapterDocument, MAX_SECTION_HEADING_LEVEL, splitChapter, withContentHeadings, type MarkdownSection } from "@/lib/domain/chapter";
import type { DocumentSnapshot, SectionContent } from "@/lib/domain/document";
import { chapterSnapshot, stripFrontMatter } from "@/lib/domain/history/markdown-snapshot";
import { repairSectionContent } from "./content";
import { handbookSchema } from "./extensions";

/** `<u>`, `</u>` and `<br>` (with optional spaces and slash) fit in this many characters. */
const MAX_TAG_CHARS = 16;
const HANDBOOK_TAG = /^<(?:(\/?)u|br[ \t]*\/?)>/i;

/** Marks whose Markdown delimiters keep spaces outside them (emphasis cannot open or close next to a space). */
const SPACE_EXPELLING_MARKS = new Set(["bold", "italic", "strike", "underline", "link"]);
/** Marks the markdown-it tokens open and close around inline content. */
const PAIRED_MARK_TOKENS = new Set(["strong", "em", "s", "u"]);

/**
 * CommonMark with GFM tables and strikethrough: markdown-it's default preset, without raw
 * HTML, bare-URL links or typographic replacements. It follows nesting 100 levels deep and
 * cuts deeper input there; the validator refuses anything beyond MAX_NESTING_DEPTH (64)
 * anyway, so an import never silently keeps half of a hostile document.
 */
const markdown = new MarkdownIt("default", { html: false, linkify: false, typographer: false });
// The href is kept exactly as written: isAllowedHref (at validation and rendering) decides what may be linked,
// and refuses with a message that names the link instead of leaving it as plain text.
markdown.validateLink = () => true;
markdown.normalizeLink = (url) => url;
markdown.normalizeLinkText = (url) => url;
markdown.inline.ruler.before("autolink", "handbook_tags", handbookTag);
markdown.core.ruler.push("handbook_schema", fitTokensToSchema);

/** `<u>`, `</u>` and `<br>`: the only HTML the handbook reads, everything else stays text. */
function handbookTag(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c) return false;
  const match = HANDBOOK_TAG.exec(state.src.slice(state.pos, state.pos + MAX_TAG_CHARS));
  if (!match) return false;
  if (!silent) {
    const isUnderline = /u/i.test(match[0]);
    const token = isUnderline ? state.push(match[1] ? "u_close" : "u_open", "u", 0) : state.push("hardbreak", "br", 0);
    token.markup = match[0];
  }
  state.pos += match[0].length;
  return true;
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
}

function plainInline(tokens: readonly Token[]): string {
  return tokens.map((token) => (token.type === "text" || token.type === "code_inline" ? token.content : token.type === "image" ? plainInline(token.children ?? []) : token.type === "softbreak" || token.type === "hardbreak" ? " " : "")).join("");
}

/**
 * Token fixes the schema needs: table cells hold paragraphs; images (no image node) keep
 * their alternative text; an unmatched `<u>` or `</u>` is text; and because the code mark
 * excludes every other mark, a code span inside a link is plain link text, and elsewhere the
 * marks around it are closed before it and reopened after it.
 */
function fitTokensToSchema(state: StateCore): void {
  const env: ChapterEnv = state.env;
  env.firstLine = firstLine(state.tokens);
  const blocks: Token[] = [];
  for (const token of state.tokens) {
    if (token.type === "inline" && token.children) token.children = fitInline(state, token.children);
    const previous = blocks.at(-1);
    const inCell = previous?.type === "th_open" || previous?.type === "td_open";
    if (inCell && token.type === "inline") blocks.push(new state.Token("paragraph_open", "p", 1), token, new state.Token("paragraph_close", "p", -1));
    else blocks.push(token);
  }
  state.tokens = blocks;
}

function fitInline(state: StateCore, children: readonly Token[]): Token[] {
  const unmatched = new Set<Token>();
  const openUnderlines: Token[] = [];
  for (const token of children) {
    if (token.type === "u_open") openUnderlines.push(token);
    else if (token.type === "u_close" && !openUnderlines.pop()) unmatched.add(token);
  }
  for (const token of openUnderlines) unmatched.add(token);

  const result: Token[] = [];
  const open: Token[] = [];
  let linkDepth = 0;
  for (const token of children) {
    const name = token.type.replace(/_(?:open|close)$/, "");
    if (unmatched.has(token) || token.type === "image") {
      result.push(textToken(state, token.type === "image" ? plainInline(token.children ?? []) : token.markup));
      continue;
    }
    if (token.type === "link_open") linkDepth += 1;
    if (token.type === "link_close") linkDepth -= 1;
    if (PAIRED_MARK_TOKENS.has(name) && token.type.endsWith("_open")) open.push(token);
    if (PAIRED_MARK_TOKENS.has(name) && token.type.endsWith("_close")) {
      const index = open.findLastIndex((candidate) => candidate.type === `${name}_open`);
      if (index >= 0) open.splice(index, 1);
    }
    if (token.type !== "code_inline") result.push(token);
    else if (linkDepth > 0) result.push(textToken(state, token.content));
    else {
      for (const mark of [...open].reverse()) result.push(new state.Token(mark.type.replace(/_open$/, "_close"), mark.tag, 0));
      result.push(token);
      for (const mark of open) result.push(new state.Token(mark.type, mark.tag, 0));
    }
  }
  return result;
}

function cellAlignment(token: Token): { align: string | null } {
  const style = token.attrGet("style") ?? "";
  const align = /text-align:(left|center|right)/.exec(style);
  return { align: align ? (align[1] as string) : null };
}

const parser = new MarkdownParser(handbookSchema(), markdown, {
  paragraph: { block: "paragraph" },
  heading: { block: "heading", getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
  blockquote: { block: "blockquote" },
  bullet_list: { block: "bulletList" },
  ordered_list: { block: "orderedList", getAttrs: (token) => ({ start: Number(token.attrGet("start") ?? 1) }) },
  list_item: { block: "listItem" },
  code_block: { block: "codeBlock", noCloseToken: true },
  fence: { block: "codeBlock", noCloseToken: true, getAttrs: (token) => ({ language: token.info.trim().split(/[ \t]/)[0] || null }) },
  hr: { node: "horizontalRule" },
  hardbreak: { node: "hardBreak" },
  table: { block: "table" },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "tableRow" },
  th: { block: "tableHeader", getAttrs: cellAlignment },
  td: { block: "tableCell", getAttrs: cellAlignment },
  strong: { mark: "bold" },
  em: { mark: "italic" },
  s: { mark: "strike" },
  u: { mark: "underline" },
  code_inline: { mark: "code", noCloseToken: true },
  link: { mark: "link", getAttrs: (token) => ({ href: token.attrGet("href"), title: token.attrGet("title") || null }) },
});

/** What one parse reports besides the document. */
interface ChapterEnv {
  firstLine?: string;
}

/** The first line of text in the tokens, for titling a chapter that starts without a heading. */
function firstLine(tokens: readonly Token[]): string {
  for (const token of tokens) {
    if (token.type === "heading_open" && Number(token.tag.slice(1)) <= MAX_SECTION_HEADING_LEVEL) return "";
    if (token.type === "fence" || token.type === "code_block") return token.content.split("\n", 1)[0] ?? "";
    if (token.type === "inline") {
      const children = token.children ?? [];
      const lineEnd = children.findIndex((child) => child.type === "softbreak" || child.type === "hardbreak");
      return plainInline(lineEnd === -1 ? children : children.slice(0, lineEnd));
    }
  }
  return "";
}

/** Markdown as one document in the editor's schema, headings at the levels written (no sections). All text is NFC. */
export function markdownToDocument(source: string): SectionContent {
  return parser.parse(source.normalize("NFC").replace(/^\ufeff/, ""), {}).toJSON();
}

/**
 * Splits a Markdown chapter into sections at `#` and `##` headings; the heading text is
 * the section title and everything up to the next such heading its content. Text before
 * the first heading becomes a section titled from its first line. Blocks get no ids
 * (callers run `ensureBlockIds`); all text is NFC.
 */
export function markdownToSections(source: string): MarkdownSection[] {
  const text = source.normalize("NFC").replace(/^\ufeff/, "");
  const env: ChapterEnv = {};
  const doc: SectionContent = parser.parse(text, env).toJSON();
  return splitChapter(doc, env.firstLine ?? "");
}

/** Sections of a Markdown chapter file, front matter (as version exports write it) ignored. */
export function chapterSections(markdownFile: string): MarkdownSection[] {
  return markdownToSections(stripFrontMatter(markdownFile));
}

/** A Markdown chapter file as a document snapshot, for comparing two files. */
export function markdownSnapshot(markdownFile: string): DocumentSnapshot {
  return chapterSnapshot(chapterSections(markdownFile));
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------
//
// Our own writer over the ProseMirror tree rather than prosemirror-markdown's serializer:
// that one keeps its output in one growing string and reads the string's last character
// before every piece it writes, which makes V8 flatten the whole string each time, so a
// chapter's export grows quadratically (measured: 25,000 words 0.26 s, 100,000 words 5.1 s;
// a 2 MiB paragraph of marked text several minutes). Here blocks are arrays of lines and
// inline content an array of parts, each joined once.

function isWhitespace(char: string): boolean {
  return /\s/.test(char);
}

/**
 * The inline content arranged for writing, in one linear pass: spaces at the edges of every
 * marked range move outside it, because `** bold **` is not emphasis in CommonMark; and
 * each node lists its marks outermost first, a mark opened earlier (or, opened together,
 * lasting longer) outside the others, so that delimiters nest and never need reopening.
 */
function inlineForMarkdown(block: PMNode): PMNode[] {
  const schema = block.type.schema;
  const pieces: { node: PMNode; blank: boolean }[] = [];
  block.forEach((child) => {
    const text = child.isText ? (child.text ?? "") : null;
    if (text === null || !child.marks.some((mark) => SPACE_EXPELLING_MARKS.has(mark.type.name))) {
      pieces.push({ node: child, blank: false });
      return;
    }
    let start = 0;
    while (start < text.length && isWhitespace(text[start] as string)) start += 1;
    let end = text.length;
    while (end > start && isWhitespace(text[end - 1] as string)) end -= 1;
    for (const [from, to, blank] of [[0, start, true], [start, end, false], [end, text.length, true]] as const) {
      if (to > from) pieces.push({ node: schema.text(text.slice(from, to), child.marks), blank });
    }
  });
  const has = (index: number, mark: PMMark): boolean => pieces[index]?.node.marks.some((other) => other.eq(mark)) ?? false;
  const drop = (index: number, mark: PMMark): void => {
    const piece = pieces[index] as { node: PMNode; blank: boolean };
    piece.node = piece.node.mark(piece.node.marks.filter((other) => !other.eq(mark)));
  };
  for (let index = 0; index < pieces.length; index += 1) {
    for (const mark of (pieces[index] as { node: PMNode }).node.marks) {
      if (!SPACE_EXPELLING_MARKS.has(mark.type.name) || has(index - 1, mark)) continue;
      let end = index;
      while (has(end + 1, mark)) end += 1;
      let first = index;
      while (first <= end && pieces[first]?.blank) drop(first++, mark);
      for (let last = end; last > first && pieces[last]?.blank; last -= 1) drop(last, mark);
    }
  }
  // Where each mark's range starts and where it ends, per piece and in the order of its marks.
  const markIndex = (index: number, mark: PMMark): number => pieces[index]?.node.marks.findIndex((other) => other.eq(mark)) ?? -1;
  const starts: number[][] = [];
  pieces.forEach((piece, index) => {
    starts.push(piece.node.marks.map((mark) => {
      const before = index > 0 ? markIndex(index - 1, mark) : -1;
      return before >= 0 ? (starts[index - 1] as number[])[before] as number : index;
    }));
  });
  const ends: number[][] = new Array<number[]>(pieces.length);
  for (let index = pieces.length - 1; index >= 0; index -= 1) {
    ends[index] = (pieces[index] as { node: PMNode }).node.marks.map((mark) => {
      const after = markIndex(index + 1, mark);
      return after >= 0 ? (ends[index + 1] as number[])[after] as number : index;
    });
  }
  return pieces.map((piece, index) => {
    const order = piece.node.marks.map((mark, position) => ({ mark, start: (starts[index] as number[])[position] as number, end: (ends[index] as number[])[position] as number }));
    order.sort((a, b) => a.start - b.start || b.end - a.end);
    return piece.node.mark(order.map((entry) => entry.mark));
  });
}

/** Characters that would otherwise start inline syntax (`|` splits table cells, and is harmless escaped elsewhere). */
const INLINE_SYNTAX = /[\\`*_~[\]<|]/g;
/** An `&` that would start an entity; CommonMark entity names are at most 32 characters. */
const ENTITY_START = /&(?=#?[A-Za-z0-9]{1,32};)/g;
/** At the start of a line these would begin a heading, quote, list, setext underline or thematic break. */
const LINE_START_SYNTAX = /^([#>+=-])|^(\d{1,9})([.)])/;

function escapeText(text: string): string {
  return text.replace(INLINE_SYNTAX, "\\$&").replace(ENTITY_START, "\\&");
}

/** A line of a paragraph as Markdown reads it: leading spaces dropped (they would make code), block syntax escaped. */
function escapeLineStart(line: string): string {
  let start = 0;
  while (start < line.length && isWhitespace(line[start] as string)) start += 1;
  return line.slice(start).replace(LINE_START_SYNTAX, (_, block: string | undefined, digits: string, delimiter: string) => (block ? `\\${block}` : `${digits}\\${delimiter}`));
}

/** A heading's trailing "#"s would be read as its optional closing sequence. */
function escapeClosingHashes(text: string): string {
  let hashes = text.length;
  while (hashes > 0 && text[hashes - 1] === "#") hashes -= 1;
  if (hashes === text.length || (hashes > 0 && !isWhitespace(text[hashes - 1] as string))) return text;
  return `${text.slice(0, hashes)}\\${text.slice(hashes)}`;
}

function backtickFence(text: string, minimum: number): string {
  let longest = 0;
  let run = 0;
  for (const char of text) {
    run = char === "`" ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return "`".repeat(Math.max(minimum, longest + 1));
}

/** A code span: a fence longer than any backtick run inside, padded where CommonMark would strip a space. */
function codeSpan(text: string): string {
  const fence = backtickFence(text, 1);
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ") && text.trim().length > 0) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function formatDestination(href: string, title: unknown): string {
  const destination = /[\s()<>\\]/.test(href) ? `<${href.replace(/[\\<>]/g, "\\$&").replace(/\n/g, "%0A")}>` : href;
  if (typeof title !== "string" || title.length === 0) return destination;
  return `${destination} "${title.replace(/[\\"]/g, "\\$&")}"`;
}

const MARK_DELIMITERS: Record<string, { open: string; close: (mark: PMMark) => string }> = {
  bold: { open: "**", close: () => "**" },
  italic: { open: "*", close: () => "*" },
  strike: { open: "~~", close: () => "~~" },
  underline: { open: "<u>", close: () => "</u>" },
  link: { open: "[", close: (mark) => `](${formatDestination(String(mark.attrs.href ?? ""), mark.attrs.title)})` },
};

type InlineContext = "paragraph" | "heading" | "cell";

/**
 * A textblock's inline content as Markdown. Open marks form a stack; each piece closes the
 * marks it lacks (and everything opened after them) and opens the ones it adds, in the
 * order `inlineForMarkdown` gave them. Code spans carry no other mark (the schema's code
 * mark excludes them all).
 */
function inlineMarkdown(block: PMNode, context: InlineContext): string {
  const pieces = inlineForMarkdown(block);
  const parts: string[] = [];
  const stack: PMMark[] = [];
  let lastPart = "";
  const emit = (part: string): void => {
    if (part.length === 0) return;
    parts.push(part);
    lastPart = part;
  };
  const closeTo = (keep: number): void => {
    while (stack.length > keep) {
      const mark = stack.pop() as PMMark;
      emit(MARK_DELIMITERS[mark.type.name]?.close(mark) ?? "");
    }
  };
  let trailingBreaks = pieces.length;
  while (trailingBreaks > 0 && pieces[trailingBreaks - 1]?.type.name === "hardBreak") trailingBreaks -= 1;

  pieces.forEach((piece, index) => {
    const isCode = piece.marks.some((mark) => mark.type.name === "code");
    const wanted = isCode ? [] : piece.marks.filter((mark) => MARK_DELIMITERS[mark.type.name]);
    let keep = 0;
    while (keep < stack.length && keep < wanted.length && (stack[keep] as PMMark).eq(wanted[keep] as PMMark)) keep += 1;
    closeTo(keep);
    for (const mark of wanted.slice(keep)) {
      // "!" right before a link's "[" would make it an image.
      if (mark.type.name === "link" && lastPart.endsWith("!") && !lastPart.endsWith("\\!")) parts[parts.length - 1] = `${lastPart.slice(0, -1)}\\!`;
      emit((MARK_DELIMITERS[mark.type.name] as { open: string }).open);
      stack.push(mark);
    }
    if (piece.type.name === "hardBreak") {
      // A heading is one line; a break at the very end of a paragraph would be a literal backslash.
      if (index < trailingBreaks) emit(context === "heading" ? " " : context === "cell" ? "<br>" : "\\\n");
      return;
    }
    const text = (piece.text ?? piece.textContent).replace(/\r\n?|\n/g, " ");
    emit(isCode ? codeSpan(context === "cell" ? text.replace(/\|/g, "\\|") : text) : escapeText(text));
  });
  closeTo(0);
  return parts.join("");
}

function paragraphLines(block: PMNode): string[] {
  const text = inlineMarkdown(block, "paragraph");
  return text.length > 0 ? text.split("\n").map(escapeLineStart) : [];
}

function codeBlockLines(node: PMNode): string[] {
  const code = node.textContent;
  const fence = backtickFence(code, 3);
  const language = typeof node.attrs.language === "string" ? node.attrs.language.replace(/[\s`]/g, "") : "";
  return [`${fence}${language}`, ...(code.length > 0 ? code.split("\n") : []), fence];
}

/** A pipe-table cell is one line: its paragraphs and hard breaks become `<br>`, other blocks their text. */
function cellMarkdown(cell: PMNode): string {
  const lines: string[] = [];
  cell.forEach((block) => {
    const line = block.isTextblock ? inlineMarkdown(block, "cell") : escapeText(block.textBetween(0, block.content.size, " ", " "));
    if (line.length > 0) lines.push(line);
  });
  return lines.join("<br>");
}

const ALIGNMENT_ROW: Record<string, string> = { left: ":---", center: ":---:", right: "---:" };

function tableLines(table: PMNode): string[] {
  const rows: string[][] = [];
  table.forEach((row) => {
    const cells: string[] = [];
    row.forEach((cell) => cells.push(cellMarkdown(cell)));
    rows.push(cells);
  });
  if (rows.length === 0) return [];
  const width = Math.max(1, ...rows.map((cells) => cells.length));
  const alignments = Array.from({ length: width }, (_, column) => {
    const align = table.firstChild?.maybeChild(column)?.attrs.align;
    return (typeof align === "string" && ALIGNMENT_ROW[align]) || "---";
  });
  const line = (cells: readonly string[]): string => `| ${Array.from({ length: width }, (_, column) => cells[column] ?? "").join(" | ")} |`;
  return [line(rows[0] as string[]), line(alignments), ...rows.slice(1).map(line)];
}

function isList(node: PMNode): boolean {
  return node.type.name === "bulletList" || node.type.name === "orderedList";
}

/** CommonMark lets a list interrupt a paragraph only when its first item has text and, if numbered, starts at 1. */
function canInterruptParagraph(list: PMNode): boolean {
  const firstItemEmpty = (list.firstChild?.firstChild?.content.size ?? 0) === 0;
  return !firstItemEmpty && (list.type.name === "bulletList" || Number(list.attrs.start ?? 1) === 1);
}

/**
 * Items are tight: a nested list follows its paragraph directly where it can interrupt it,
 * other blocks come after a blank line.
 */
function listItemLines(item: PMNode): string[] {
  const lines: string[] = [];
  item.forEach((block) => {
    const blockLines = blockMarkdown(block, false);
    if (blockLines.length === 0) return;
    if (lines.length > 0 && !(isList(block) && canInterruptParagraph(block))) lines.push("");
    lines.push(...blockLines);
  });
  return lines;
}

/** Two lists of one kind in a row would merge into one: every other one switches its bullet or number delimiter. */
function listLines(list: PMNode, alternate: boolean): string[] {
  const ordered = list.type.name === "orderedList";
  const startAttribute = Number(list.attrs.start ?? 1);
  let number = Number.isInteger(startAttribute) && startAttribute >= 0 ? startAttribute : 1;
  const lines: string[] = [];
  list.forEach((item) => {
    const marker = ordered ? `${number}${alternate ? ")" : "."} ` : alternate ? "* " : "- ";
    number += 1;
    const indent = " ".repeat(marker.length);
    const itemLines = listItemLines(item);
    if (itemLines.length === 0) itemLines.push("");
    itemLines.forEach((line, index) => {
      if (index === 0) lines.push(`${marker}${line}`.trimEnd());
      else lines.push(line.length > 0 ? `${indent}${line}` : "");
    });
  });
  return lines;
}

function blockMarkdown(node: PMNode, alternate: boolean): string[] {
  switch (node.type.name) {
    case "paragraph":
      return paragraphLines(node);
    case "heading": {
      const text = escapeClosingHashes(escapeLineStart(inlineMarkdown(node, "heading")));
      return [`${"#".repeat(Number(node.attrs.level) || 1)} ${text}`.trimEnd()];
    }
    case "blockquote":
      return blocksMarkdown(node).map((line) => (line.length > 0 ? `> ${line}` : ">"));
    case "bulletList":
    case "orderedList":
      return listLines(node, alternate);
    case "codeBlock":
      return codeBlockLines(node);
    case "horizontalRule":
      return ["---"];
    case "table":
      return tableLines(node);
    default:
      return node.isTextblock ? paragraphLines(node) : blocksMarkdown(node);
  }
}

/** Blocks as lines, with one blank line between blocks. */
function blocksMarkdown(container: PMNode): string[] {
  const lines: string[] = [];
  let alternate = false;
  let previous: PMNode | null = null;
  container.forEach((block) => {
    alternate = previous !== null && previous.type === block.type && !alternate;
    previous = block;
    const blockLines = blockMarkdown(block, alternate);
    if (blockLines.length === 0) return;
    if (lines.length > 0) lines.push("");
    lines.push(...blockLines);
  });
  return lines;
}

function toNode(content: SectionContent): PMNode {
  const schema = handbookSchema();
  try {
    return schema.nodeFromJSON(content);
  } catch {
    // Content the schema cannot read as it is (an unknown node, a bad attribute) is repaired as for rendering.
    return schema.nodeFromJSON(repairSectionContent(content));
  }
}

/** Markdown of a document as it stands (headings at their own levels). */
function documentMarkdown(content: SectionContent): string {
  const markdownText = blocksMarkdown(toNode(content)).join("\n");
  return markdownText.length > 0 ? `${markdownText}\n` : "";
}

/** The Markdown of one section's content, without a title; headings start at level 3. */
export function sectionToMarkdown(content: SectionContent): string {
  return documentMarkdown(withContentHeadings(content));
}

/** A chapter: each section as a `##` heading followed by its content, the shape `markdownToSections` reads back. */
export function sectionsToMarkdown(sections: readonly MarkdownSection[]): string {
  return documentMarkdown(chapterDocument(sections));
}
