/**
 * Markdown <-> section content (Tiptap JSON), for the handbook's subset: headings,
 * paragraphs, bold/italic/strike/underline/code, links, bullet and ordered lists,
 * blockquotes, fenced code blocks, horizontal rules, GFM pipe tables and hard breaks.
 *
 * Hand-written rather than a full CommonMark implementation: the handbook needs a
 * predictable round trip for this subset, not every corner of the specification.
 * Known simplifications: no setext headings, no indented code blocks, no HTML blocks,
 * no images (their alt text is kept as plain text), no reference-style links.
 */
import type { Mark, RichNode, SectionContent } from "./document";
import { emptySectionContent, plainText } from "./document";

/**
 * Content headings start at this level: `#` and `##` are document and section titles, and
 * a `#`/`##` line inside a section body would split it into two sections on re-import.
 */
export const MIN_CONTENT_HEADING_LEVEL = 3;

const MAX_HEADING_LEVEL = 6;

/**
 * Longest title derived from the first line of text before any heading. A title is a
 * line in a table of contents; a whole paragraph would not fit there.
 */
export const MAX_DERIVED_TITLE_CHARS = 120;

/**
 * Deepest container nesting (lists, quotes) the parser follows. Real chapters nest a few
 * levels; the bound keeps hostile input from exhausting the stack.
 */
const MAX_BLOCK_DEPTH = 32;

export interface MarkdownSection {
  title: string;
  content: SectionContent;
}

// ---------------------------------------------------------------------------
// Serializing
// ---------------------------------------------------------------------------

/** Outer marks first; code is innermost because a code span cannot hold other syntax. */
const MARK_ORDER = ["link", "bold", "italic", "strike", "underline"] as const;
type DelimitedMark = (typeof MARK_ORDER)[number];

const OPENERS: Record<Exclude<DelimitedMark, "link">, string> = {
  bold: "**",
  italic: "*",
  strike: "~~",
  underline: "<u>",
};
const CLOSERS: Record<Exclude<DelimitedMark, "link">, string> = {
  bold: "**",
  italic: "*",
  strike: "~~",
  underline: "</u>",
};

/** The Markdown of one section's content, without a title. */
export function sectionToMarkdown(content: SectionContent): string {
  const markdown = serializeBlocks(content.content ?? []).join("\n");
  return markdown.length > 0 ? `${markdown}\n` : "";
}

/**
 * A chapter: each section as a `##` heading followed by its content, the shape
 * `markdownToSections` reads back.
 */
export function sectionsToMarkdown(sections: readonly MarkdownSection[]): string {
  return sections
    .map((section) => {
      const body = sectionToMarkdown(section.content).trimEnd();
      const heading = `## ${escapeClosingHashes(escapeInline(section.title.replace(/\s+/g, " ").trim()))}`;
      return body.length > 0 ? `${heading}\n\n${body}\n` : `${heading}\n`;
    })
    .join("\n");
}

/** Blocks as lines, with one blank line between blocks. */
function serializeBlocks(blocks: readonly RichNode[]): string[] {
  const lines: string[] = [];
  let alternate = false;
  blocks.forEach((block, index) => {
    // Two lists of one kind in a row would merge into one; CommonMark starts a new list
    // when the bullet character or the number delimiter changes, so every other one switches.
    const previous = blocks[index - 1];
    alternate = previous !== undefined && previous.type === block.type && !alternate;
    const blockLines = block.type === "bulletList" || block.type === "orderedList" ? serializeList(block, alternate) : serializeBlock(block);
    if (blockLines.length === 0) return;
    if (lines.length > 0) lines.push("");
    lines.push(...blockLines);
  });
  return lines;
}

function serializeBlock(node: RichNode): string[] {
  switch (node.type) {
    case "paragraph": {
      const text = serializeInline(node.content ?? []);
      return text.length > 0 ? escapeLineStarts(text).split("\n") : [];
    }
    case "heading": {
      const raw = Number(node.attrs?.level);
      const level = Number.isInteger(raw) ? Math.min(MAX_HEADING_LEVEL, Math.max(MIN_CONTENT_HEADING_LEVEL, raw)) : MIN_CONTENT_HEADING_LEVEL;
      // A heading is one line: hard breaks inside it become spaces. A trailing "#" is escaped
      // so that it is not read as an optional closing sequence.
      const text = escapeClosingHashes(serializeInline(node.content ?? []).replace(/\\?\n/g, " "));
      return [`${"#".repeat(level)} ${text}`.trimEnd()];
    }
    case "blockquote":
      return serializeBlocks(node.content ?? []).map((line) => (line.length > 0 ? `> ${line}` : ">"));
    case "bulletList":
    case "orderedList":
      return serializeList(node, false);
    case "codeBlock":
      return serializeCodeBlock(node);
    case "horizontalRule":
      return ["---"];
    case "table":
      return serializeTable(node);
    default:
      // Unknown blocks keep their text rather than vanish from an export.
      return node.content ? serializeBlocks(node.content) : [];
  }
}

function serializeList(list: RichNode, alternate: boolean): string[] {
  const ordered = list.type === "orderedList";
  const startAttr = Number(list.attrs?.start ?? 1);
  let number = Number.isInteger(startAttr) && startAttr >= 0 ? startAttr : 1;
  const lines: string[] = [];
  for (const item of list.content ?? []) {
    const marker = ordered ? `${number}${alternate ? ")" : "."} ` : alternate ? "* " : "- ";
    number += 1;
    const indent = " ".repeat(marker.length);
    const itemLines = serializeListItem(item);
    if (itemLines.length === 0) itemLines.push("");
    itemLines.forEach((line, index) => {
      if (index === 0) lines.push(`${marker}${line}`.trimEnd());
      else lines.push(line.length > 0 ? `${indent}${line}` : "");
    });
  }
  return lines;
}

/**
 * Items are tight: a nested list follows its paragraph directly, other blocks after a blank
 * line. An ordered list not starting at 1 cannot interrupt a paragraph in CommonMark, so it
 * gets the blank line too.
 */
function serializeListItem(item: RichNode): string[] {
  const lines: string[] = [];
  for (const block of item.content ?? []) {
    const blockLines = serializeBlock(block);
    if (blockLines.length === 0) continue;
    const interrupts = block.type === "bulletList" || (block.type === "orderedList" && Number(block.attrs?.start ?? 1) === 1);
    if (lines.length > 0 && !interrupts) lines.push("");
    lines.push(...blockLines);
  }
  return lines;
}

function serializeCodeBlock(node: RichNode): string[] {
  const code = (node.content ?? []).map((child) => child.text ?? "").join("");
  const longestRun = Math.max(2, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  const language = typeof node.attrs?.language === "string" ? node.attrs.language.replace(/[\s`]/g, "") : "";
  return [`${fence}${language}`, ...(code.length > 0 ? code.split("\n") : []), fence];
}

function serializeTable(table: RichNode): string[] {
  const rows = (table.content ?? []).filter((row) => row.type === "tableRow");
  if (rows.length === 0) return [];
  const width = Math.max(1, ...rows.map((row) => (row.content ?? []).length));
  const cellsOf = (row: RichNode): string[] => {
    const cells = (row.content ?? []).map(serializeTableCell);
    while (cells.length < width) cells.push("");
    return cells;
  };
  const formatRow = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  const header = rows[0] as RichNode;
  const alignments = Array.from({ length: width }, (_, index) => {
    const align = header.content?.[index]?.attrs?.align;
    if (align === "center") return ":---:";
    if (align === "right") return "---:";
    if (align === "left") return ":---";
    return "---";
  });
  return [formatRow(cellsOf(header)), formatRow(alignments), ...rows.slice(1).map((row) => formatRow(cellsOf(row)))];
}

/** A pipe-table cell is one line: its paragraphs and hard breaks become `<br>`. */
function serializeTableCell(cell: RichNode): string {
  return (cell.content ?? [])
    .map((block) => serializeInline(block.type === "paragraph" || block.type === "heading" ? (block.content ?? []) : [{ type: "text", text: plainText(block) }]))
    .filter((text) => text.length > 0)
    .join("<br>")
    .replace(/\\\n/g, "<br>")
    .replace(/\|/g, "\\|");
}

interface Run {
  text: string;
  marks: DelimitedMark[];
  code: boolean;
  href: string | null;
  title: string | null;
  hardBreak: boolean;
}

function runsOf(nodes: readonly RichNode[]): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    const marks = node.marks ?? [];
    const link = marks.find((mark) => mark.type === "link");
    const href = typeof link?.attrs?.href === "string" ? link.attrs.href : null;
    const title = typeof link?.attrs?.title === "string" && link.attrs.title.length > 0 ? link.attrs.title : null;
    const names = MARK_ORDER.filter((name) => marks.some((mark) => mark.type === name) && (name !== "link" || href !== null));
    const code = marks.some((mark) => mark.type === "code");
    if (node.type === "hardBreak") {
      runs.push({ text: "", marks: names, code: false, href, title, hardBreak: true });
      continue;
    }
    if (node.type !== "text") {
      const text = plainText(node);
      if (text.length > 0) runs.push({ text, marks: names, code, href, title, hardBreak: false });
      continue;
    }
    const text = (node.text ?? "").replace(/\r?\n/g, " ");
    if (text.length === 0) continue;
    const previous = runs.at(-1);
    if (previous && !previous.hardBreak && sameFormatting(previous, names, code, href, title)) {
      previous.text += text;
      continue;
    }
    runs.push({ text, marks: names, code, href, title, hardBreak: false });
  }
  return runs;
}

function sameFormatting(run: Run, marks: DelimitedMark[], code: boolean, href: string | null, title: string | null): boolean {
  return run.code === code && run.href === href && run.title === title && run.marks.join() === marks.join();
}

/**
 * Inline content as Markdown. Open marks form a stack; moving to the next run closes the
 * marks it lacks (and everything opened after them) and opens the ones it adds. Spaces at
 * the edges of a marked run are moved outside the delimiters, because `** bold **` is not
 * emphasis in CommonMark.
 */
function serializeInline(nodes: readonly RichNode[]): string {
  const runs = runsOf(nodes);
  let out = "";
  const stack: DelimitedMark[] = [];
  let stackHref: string | null = null;
  let stackTitle: string | null = null;
  let pendingSpace = "";

  const closeTo = (keep: number): void => {
    while (stack.length > keep) {
      const mark = stack.pop() as DelimitedMark;
      out += mark === "link" ? `](${formatDestination(stackHref ?? "", stackTitle)})` : CLOSERS[mark];
    }
  };

  const wantedAt = (index: number): DelimitedMark[] => {
    const run = runs[index];
    // Code runs carry only the code mark (the schema's code mark excludes all others).
    return run === undefined || run.code ? [] : run.marks;
  };
  /** How many runs from `index` on keep `mark`; marks that last longer are opened outside. */
  const reach = (mark: DelimitedMark, index: number): number => {
    const first = runs[index] as Run;
    let end = index;
    while (
      end < runs.length &&
      wantedAt(end).includes(mark) &&
      (mark !== "link" || ((runs[end] as Run).href === first.href && (runs[end] as Run).title === first.title))
    ) {
      end += 1;
    }
    return end - index;
  };

  /** How many marks at the bottom of the stack `marks` lets stay open. */
  const keepable = (marks: readonly DelimitedMark[], run: Run | undefined): number => {
    let keep = 0;
    while (
      keep < stack.length &&
      marks.includes(stack[keep] as DelimitedMark) &&
      (stack[keep] !== "link" || (run !== undefined && stackHref === run.href && stackTitle === run.title))
    ) {
      keep += 1;
    }
    return keep;
  };
  const nextTextIndex = (from: number): number => {
    let index = from;
    while (index < runs.length && ((runs[index] as Run).hardBreak || (runs[index] as Run).text.trim().length === 0)) index += 1;
    return index;
  };

  runs.forEach((run, runIndex) => {
    const wanted = wantedAt(runIndex);
    const keep = keepable(wanted, run);
    if (run.hardBreak) {
      // A delimiter at the start of a line cannot close, so marks that end here close before the break.
      const next = nextTextIndex(runIndex + 1);
      closeTo(Math.min(keep, keepable(wantedAt(next), runs[next])));
      out += `${pendingSpace}\\\n`;
      pendingSpace = "";
      return;
    }
    const leading = run.text.match(/^\s*/)?.[0] ?? "";
    const trailing = run.text.slice(leading.length).match(/\s*$/)?.[0] ?? "";
    const core = run.text.slice(leading.length, run.text.length - trailing.length);
    if (core.length === 0) {
      // Spaces cannot carry emphasis on their own; they only end the marks they lack.
      closeTo(keep);
      pendingSpace += run.text;
      return;
    }
    closeTo(keep);
    out += pendingSpace + leading;
    pendingSpace = "";
    const opening = wanted
      .filter((mark) => !stack.includes(mark))
      .map((mark) => ({ mark, reach: reach(mark, runIndex) }))
      .sort((a, b) => b.reach - a.reach)
      .map(({ mark }) => mark);
    for (const mark of opening) {
      if (mark === "link") {
        stackHref = run.href;
        stackTitle = run.title;
        out += "[";
      } else {
        out += OPENERS[mark];
      }
      stack.push(mark);
    }
    out += run.code ? codeSpan(core) : escapeInline(core);
    pendingSpace = trailing;
  });
  closeTo(0);
  return (out + pendingSpace).replace(/\\\n$/, "");
}

function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function formatDestination(href: string, title: string | null): string {
  const destination = /[\s()<>]/.test(href)
    ? `<${href.replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\s/g, "%20")}>`
    : href;
  if (title === null) return destination;
  return `${destination} "${title.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A heading's trailing "#"s would be read as its optional closing sequence. */
function escapeClosingHashes(text: string): string {
  return text.replace(/(^|\s)(#+)$/, "$1\\$2");
}

/** Characters that would otherwise start inline syntax. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_~[\]<>]/g, "\\$&").replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}

/** Characters at the start of a line that would turn a paragraph into another block. */
function escapeLineStarts(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const trimmed = line.replace(/^\s+/, "");
      const ordered = trimmed.match(/^(\d{1,9})([.)])/);
      if (ordered) return `${ordered[1]}\\${ordered[2]}${trimmed.slice(ordered[0].length)}`;
      return /^[#>+=-]/.test(trimmed) ? `\\${trimmed}` : trimmed;
    })
    .join("\n");
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BLOCKQUOTE_LINE = /^ {0,3}> ?/;
const LIST_MARKER = /^( {0,3})([-+*]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const TABLE_DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const SECTION_HEADING = /^ {0,3}(#{1,2})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * Splits a Markdown chapter into sections at `#` and `##` headings; the heading text is
 * the section title and everything up to the next such heading its content. Text before
 * the first heading becomes a section titled from its first line. Blocks get no ids
 * (callers run `ensureBlockIds`); all text is NFC.
 */
export function markdownToSections(markdown: string): MarkdownSection[] {
  const lines = markdown.normalize("NFC").replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").split("\n");
  const sections: { title: string | null; lines: string[] }[] = [{ title: null, lines: [] }];
  let fence: string | null = null;
  for (const line of lines) {
    if (fence !== null) {
      if (isFenceClose(line, fence)) fence = null;
      (sections.at(-1) as { lines: string[] }).lines.push(line);
      continue;
    }
    const open = line.match(FENCE_OPEN);
    if (open) fence = open[1] as string;
    const heading = fence === null ? line.match(SECTION_HEADING) : null;
    if (heading) {
      sections.push({ title: inlineText(heading[2] ?? ""), lines: [] });
      continue;
    }
    (sections.at(-1) as { lines: string[] }).lines.push(line);
  }

  const result: MarkdownSection[] = [];
  for (const section of sections) {
    const blocks = parseBlocks(section.lines, 0);
    if (section.title === null) {
      if (blocks.length === 0) continue;
      result.push({ title: derivedTitle(section.lines), content: { type: "doc", content: blocks } });
      continue;
    }
    result.push({ title: section.title, content: blocks.length > 0 ? { type: "doc", content: blocks } : emptySectionContent() });
  }
  return result;
}

function derivedTitle(lines: readonly string[]): string {
  const first = lines.find((line) => line.trim().length > 0 && !FENCE_OPEN.test(line)) ?? "";
  const stripped = first.replace(/^ {0,3}(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-+*][ \t]+|\d{1,9}[.)][ \t]+)?/, "");
  const title = inlineText(stripped).replace(/\s+/g, " ").trim();
  if (title.length <= MAX_DERIVED_TITLE_CHARS) return title;
  return `${title.slice(0, MAX_DERIVED_TITLE_CHARS - 1).trimEnd()}…`;
}

function inlineText(markdown: string): string {
  return parseInline(markdown)
    .map((node) => (node.type === "hardBreak" ? " " : (node.text ?? "")))
    .join("")
    .trim();
}

function isFenceClose(line: string, fence: string): boolean {
  const match = line.match(/^ {0,3}(`{3,}|~{3,})[ \t]*$/);
  return match !== null && (match[1] as string)[0] === fence[0] && (match[1] as string).length >= fence.length;
}

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/**
 * Whether a line begins a block that interrupts a paragraph. As in CommonMark, only an
 * ordered list starting at 1 does, so a wrapped line such as "2020. Năm ..." stays text.
 */
function startsBlock(line: string): boolean {
  if (FENCE_OPEN.test(line) || ATX_HEADING.test(line) || THEMATIC_BREAK.test(line) || BLOCKQUOTE_LINE.test(line)) {
    return true;
  }
  const list = line.match(LIST_MARKER);
  if (list === null || (list[4] ?? "").trim().length === 0) return false;
  const marker = list[2] as string;
  return !/\d/.test(marker) || Number.parseInt(marker, 10) === 1;
}

function parseBlocks(lines: readonly string[], depth: number): RichNode[] {
  const blocks: RichNode[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    if (isBlank(line)) {
      index += 1;
      continue;
    }

    const fence = line.match(FENCE_OPEN);
    if (fence) {
      const marker = fence[1] as string;
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !isFenceClose(lines[index] as string, marker)) {
        body.push(lines[index] as string);
        index += 1;
      }
      index += 1;
      const code = body.join("\n");
      const node: RichNode = fence[2] ? { type: "codeBlock", attrs: { language: fence[2] } } : { type: "codeBlock" };
      if (code.length > 0) node.content = [{ type: "text", text: code }];
      blocks.push(node);
      continue;
    }

    const heading = line.match(ATX_HEADING);
    if (heading) {
      const node: RichNode = { type: "heading", attrs: { level: (heading[1] as string).length } };
      const content = parseInline((heading[2] ?? "").trim());
      if (content.length > 0) node.content = content;
      blocks.push(node);
      index += 1;
      continue;
    }

    if (THEMATIC_BREAK.test(line)) {
      blocks.push({ type: "horizontalRule" });
      index += 1;
      continue;
    }

    if (BLOCKQUOTE_LINE.test(line)) {
      const inner: string[] = [];
      while (index < lines.length) {
        const current = lines[index] as string;
        if (BLOCKQUOTE_LINE.test(current)) inner.push(current.replace(BLOCKQUOTE_LINE, ""));
        else if (!isBlank(current) && inner.length > 0 && !isBlank(inner.at(-1) as string) && !startsBlock(current)) inner.push(current);
        else break;
        index += 1;
      }
      const content = depth < MAX_BLOCK_DEPTH ? parseBlocks(inner, depth + 1) : [paragraphOf(inner.join(" "))];
      blocks.push({ type: "blockquote", content: content.length > 0 ? content : [{ type: "paragraph" }] });
      continue;
    }

    if (LIST_MARKER.test(line)) {
      index = parseList(lines, index, depth, blocks);
      continue;
    }

    const next = lines[index + 1];
    if (line.includes("|") && next !== undefined && TABLE_DELIMITER_ROW.test(next) && next.includes("-")) {
      const header = splitTableRow(line);
      const delimiter = splitTableRow(next);
      if (header.length === delimiter.length) {
        index = parseTable(lines, index, header, delimiter, blocks);
        continue;
      }
    }

    const paragraph: string[] = [line];
    index += 1;
    while (index < lines.length && !isBlank(lines[index] as string) && !startsBlock(lines[index] as string)) {
      paragraph.push(lines[index] as string);
      index += 1;
    }
    blocks.push(paragraphFromLines(paragraph));
  }
  return blocks;
}

function paragraphOf(text: string): RichNode {
  const content = parseInline(text.trim());
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** Lines of one paragraph: a trailing backslash or two spaces is a hard break, any other line end a space. */
function paragraphFromLines(lines: readonly string[]): RichNode {
  let text = "";
  lines.forEach((raw, index) => {
    const line = raw.replace(/^[ \t]+/, "");
    if (index === lines.length - 1) {
      text += line.trimEnd();
      return;
    }
    // An odd number of trailing backslashes ends in an unescaped one: a hard break.
    const backslashes = line.match(/\\*$/)?.[0].length ?? 0;
    if (backslashes % 2 === 1) {
      text += `${line.slice(0, -1)}\n`;
      return;
    }
    text += / {2,}$/.test(line) ? `${line.trimEnd()}\n` : `${line.trimEnd()} `;
  });
  return paragraphOf(text);
}

function parseList(lines: readonly string[], start: number, depth: number, blocks: RichNode[]): number {
  const first = (lines[start] as string).match(LIST_MARKER) as RegExpMatchArray;
  const ordered = /\d/.test(first[2] as string);
  const signature = listSignature(first[2] as string);
  const items: string[][] = [];
  let contentIndent = 0;
  let index = start;
  while (index < lines.length) {
    const line = lines[index] as string;
    const marker = line.match(LIST_MARKER);
    const sameKind = marker !== null && listSignature(marker[2] as string) === signature && (marker[1] as string).length < contentIndent;
    if (marker && (items.length === 0 || (sameKind && !THEMATIC_BREAK.test(line)))) {
      const spaces = (marker[3] ?? " ").replace(/\t/g, "    ");
      const markerWidth = (marker[1] as string).length + (marker[2] as string).length;
      // Five or more spaces after a marker would be an indented code block; treat as one.
      contentIndent = markerWidth + (spaces.length >= 5 || (marker[4] ?? "").length === 0 ? 1 : spaces.length);
      items.push([marker[4] ?? ""]);
      index += 1;
      continue;
    }
    const item = items.at(-1) as string[];
    if (isBlank(line)) {
      // A blank line continues the list only if indented content or another item follows.
      let ahead = index + 1;
      while (ahead < lines.length && isBlank(lines[ahead] as string)) ahead += 1;
      const following = lines[ahead];
      if (following === undefined) break;
      const followingMarker = following.match(LIST_MARKER);
      const indented = leadingSpaces(following) >= contentIndent;
      const nextItem = followingMarker !== null && listSignature(followingMarker[2] as string) === signature && (followingMarker[1] as string).length < contentIndent;
      if (!indented && !nextItem) break;
      item.push("");
      index += 1;
      continue;
    }
    if (leadingSpaces(line) >= contentIndent) {
      item.push(line.slice(contentIndent));
      index += 1;
      continue;
    }
    const previous = item.at(-1) ?? "";
    if (!isBlank(previous) && !startsBlock(line)) {
      // A lazy continuation line of the item's paragraph.
      item.push(line.trimStart());
      index += 1;
      continue;
    }
    break;
  }

  const listItems: RichNode[] = items.map((itemLines) => {
    const content = depth < MAX_BLOCK_DEPTH ? parseBlocks(itemLines, depth + 1) : [paragraphOf(itemLines.join(" "))];
    // The schema wants a paragraph first in every list item.
    if (content[0]?.type !== "paragraph") content.unshift({ type: "paragraph" });
    return { type: "listItem", content };
  });
  if (ordered) {
    const startNumber = Number.parseInt(first[2] as string, 10);
    blocks.push({ type: "orderedList", attrs: { start: startNumber }, content: listItems });
  } else {
    blocks.push({ type: "bulletList", content: listItems });
  }
  return index;
}

/** The bullet character or the number delimiter: a change of either starts a new list. */
function listSignature(marker: string): string {
  return /\d/.test(marker) ? `1${marker.slice(-1)}` : marker;
}

function leadingSpaces(line: string): number {
  return (line.match(/^ */)?.[0] ?? "").length;
}

function splitTableRow(line: string): string[] {
  let trimmed = line.trim();
  if (trimmed.startsWith("|")) trimmed = trimmed.slice(1);
  if (trimmed.endsWith("|") && !trimmed.endsWith("\\|")) trimmed = trimmed.slice(0, -1);
  const cells: string[] = [];
  let current = "";
  for (let position = 0; position < trimmed.length; position += 1) {
    const char = trimmed[position] as string;
    if (char === "\\" && trimmed[position + 1] === "|") {
      current += "|";
      position += 1;
      continue;
    }
    if (char === "|") {
      cells.push(current.trim());
      current = "";
      continue;
    }
    current += char;
  }
  cells.push(current.trim());
  return cells;
}

function parseTable(lines: readonly string[], start: number, header: string[], delimiter: string[], blocks: RichNode[]): number {
  const alignments = delimiter.map((cell) => {
    const left = cell.startsWith(":");
    const right = cell.endsWith(":");
    if (left && right) return "center";
    if (right) return "right";
    if (left) return "left";
    return null;
  });
  const makeRow = (cells: string[], type: "tableHeader" | "tableCell"): RichNode => ({
    type: "tableRow",
    content: alignments.map((align, column) => {
      const cell: RichNode = { type, content: [paragraphOf(cells[column] ?? "")] };
      if (align !== null) cell.attrs = { align };
      return cell;
    }),
  });
  const rows: RichNode[] = [makeRow(header, "tableHeader")];
  let index = start + 2;
  while (index < lines.length) {
    const line = lines[index] as string;
    if (isBlank(line) || !line.includes("|")) break;
    rows.push(makeRow(splitTableRow(line), "tableCell"));
    index += 1;
  }
  blocks.push({ type: "table", content: rows });
  return index;
}

// Inline parsing ------------------------------------------------------------

type InlineMark = DelimitedMark | "code";

interface TextItem {
  kind: "text";
  text: string;
  marks: InlineMark[];
  link: { href: string; title: string | null } | null;
}
interface BreakItem {
  kind: "break";
}
interface DelimiterItem {
  kind: "delimiter";
  char: "*" | "_" | "~" | "u";
  length: number;
  canOpen: boolean;
  canClose: boolean;
  opens: InlineMark[];
  closes: InlineMark[];
}
interface LinkItem {
  kind: "link";
  href: string;
  title: string | null;
  children: InlineItem[];
}
type InlineItem = TextItem | BreakItem | DelimiterItem | LinkItem;

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** Inline Markdown as text and hard-break nodes with marks; `\n` in the input is a hard break. */
function parseInline(source: string): RichNode[] {
  const items = tokenizeInline(source, 0);
  return toNodes(items);
}

const BREAK_TAG = /<br\s*\/?>/iy;
const UNDERLINE_TAG = /<\/?u>/iy;
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^\s<>]+)>/iy;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]+));/y;
const LINK_DESTINATION =
  /[ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))(?:[ \t]+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'))?[ \t]*\)/y;
/** Characters that may start inline syntax; everything else is copied as it is. */
const INLINE_SPECIAL = new Set(["\\", "\n", "`", "<", "!", "[", "*", "_", "~", "&"]);

function matchAt(pattern: RegExp, source: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(source);
}

function runLength(source: string, position: number, char: string): number {
  let end = position;
  while (source[end] === char) end += 1;
  return end - position;
}

/**
 * Where code spans and link brackets close, computed once per inline source, so that
 * input full of unmatched backticks or brackets is still read in near-linear time.
 */
class InlineIndex {
  /** Start positions of maximal backtick runs, by run length, in ascending order. */
  private readonly runsByLength = new Map<number, number[]>();
  /** For each "[" outside code spans and escapes, the matching "]". */
  readonly bracketClose = new Map<number, number>();

  constructor(private readonly source: string) {
    for (let position = 0; position < source.length; ) {
      if (source[position] !== "`") {
        position += 1;
        continue;
      }
      const length = runLength(source, position, "`");
      const starts = this.runsByLength.get(length) ?? [];
      starts.push(position);
      this.runsByLength.set(length, starts);
      position += length;
    }
    const open: number[] = [];
    for (let position = 0; position < source.length; ) {
      const char = source[position];
      if (char === "\\") {
        position += 2;
        continue;
      }
      if (char === "`") {
        const length = runLength(source, position, "`");
        const close = this.codeClose(position + length, length);
        position = close === -1 ? position + length : close + length;
        continue;
      }
      if (char === "[") open.push(position);
      if (char === "]" && open.length > 0) this.bracketClose.set(open.pop() as number, position);
      position += 1;
    }
  }

  /** The start of the first backtick run of exactly `length` at or after `from`, or -1. */
  codeClose(from: number, length: number): number {
    const starts = this.runsByLength.get(length);
    if (!starts) return -1;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] as number) < from) low = middle + 1;
      else high = middle;
    }
    return low < starts.length ? (starts[low] as number) : -1;
  }
}

function tokenizeInline(source: string, depth: number): InlineItem[] {
  const index = new InlineIndex(source);
  const items: InlineItem[] = [];
  let text = "";
  const flush = (): void => {
    if (text.length > 0) items.push({ kind: "text", text, marks: [], link: null });
    text = "";
  };
  let position = 0;
  while (position < source.length) {
    const char = source[position] as string;
    if (!INLINE_SPECIAL.has(char)) {
      text += char;
      position += 1;
      continue;
    }

    if (char === "\\" && position + 1 < source.length && ASCII_PUNCTUATION.test(source[position + 1] as string)) {
      text += source[position + 1];
      position += 2;
      continue;
    }
    if (char === "\n") {
      flush();
      items.push({ kind: "break" });
      position += 1;
      continue;
    }
    if (char === "`") {
      const length = runLength(source, position, "`");
      const close = index.codeClose(position + length, length);
      if (close === -1) {
        text += "`".repeat(length);
        position += length;
        continue;
      }
      let code = source.slice(position + length, close).replace(/\n/g, " ");
      if (code.length >= 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim().length > 0) code = code.slice(1, -1);
      flush();
      if (code.length > 0) items.push({ kind: "text", text: code, marks: ["code"], link: null });
      position = close + length;
      continue;
    }
    if (char === "<") {
      const br = matchAt(BREAK_TAG, source, position);
      if (br) {
        flush();
        items.push({ kind: "break" });
        position += br[0].length;
        continue;
      }
      const underline = matchAt(UNDERLINE_TAG, source, position);
      if (underline) {
        flush();
        const closing = underline[0][1] === "/";
        items.push({ kind: "delimiter", char: "u", length: 1, canOpen: !closing, canClose: closing, opens: [], closes: [] });
        position += underline[0].length;
        continue;
      }
      const autolink = matchAt(AUTOLINK, source, position);
      if (autolink) {
        flush();
        const href = autolink[1] as string;
        items.push({ kind: "link", href, title: null, children: [{ kind: "text", text: href, marks: [], link: null }] });
        position += autolink[0].length;
        continue;
      }
    }
    if (char === "!" && source[position + 1] === "[") {
      const image = matchLink(source, index, position + 1);
      if (image) {
        // No image nodes in the schema: keep the alternative text.
        text += inlineText(source.slice(position + 2, image.textEnd));
        position = image.end;
        continue;
      }
    }
    if (char === "[" && depth < MAX_BLOCK_DEPTH) {
      const link = matchLink(source, index, position);
      if (link) {
        flush();
        items.push({
          kind: "link",
          href: link.href,
          title: link.title,
          children: tokenizeInline(source.slice(position + 1, link.textEnd), depth + 1),
        });
        position = link.end;
        continue;
      }
    }
    if (char === "*" || char === "_" || char === "~") {
      const length = runLength(source, position, char);
      flush();
      const before = position > 0 ? (source[position - 1] as string) : " ";
      const after = position + length < source.length ? (source[position + length] as string) : " ";
      const { canOpen, canClose } = flanking(char, before, after);
      items.push({ kind: "delimiter", char, length, canOpen, canClose, opens: [], closes: [] });
      position += length;
      continue;
    }
    if (char === "&") {
      const entity = matchAt(ENTITY, source, position);
      const decoded = entity ? decodeEntity(entity) : null;
      if (entity && decoded !== null) {
        text += decoded;
        position += entity[0].length;
        continue;
      }
    }
    text += char;
    position += 1;
  }
  flush();
  matchDelimiters(items);
  return items;
}

function decodeEntity(entity: RegExpExecArray): string | null {
  if (entity[3] !== undefined) return NAMED_ENTITIES[entity[3]] ?? null;
  const code = entity[1] !== undefined ? Number.parseInt(entity[1], 10) : Number.parseInt(entity[2] as string, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(code);
}

function isWhitespace(char: string): boolean {
  return /\s/u.test(char);
}

function isPunctuation(char: string): boolean {
  return UNICODE_PUNCTUATION.test(char);
}

/** CommonMark's flanking rules, which decide whether a run of `*`, `_` or `~` can open or close. */
function flanking(char: string, before: string, after: string): { canOpen: boolean; canClose: boolean } {
  const leftFlanking = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
  const rightFlanking = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
  if (char === "_") {
    return {
      canOpen: leftFlanking && (!rightFlanking || isPunctuation(before)),
      canClose: rightFlanking && (!leftFlanking || isPunctuation(after)),
    };
  }
  return { canOpen: leftFlanking, canClose: rightFlanking };
}

/** `[text](destination "title")` starting at `open`; null when the brackets do not form a link. */
function matchLink(
  source: string,
  index: InlineIndex,
  open: number,
): { textEnd: number; end: number; href: string; title: string | null } | null {
  const textEnd = index.bracketClose.get(open);
  if (textEnd === undefined || source[textEnd + 1] !== "(") return null;
  const destination = matchAt(LINK_DESTINATION, source, textEnd + 2);
  if (!destination) return null;
  const rawHref = destination[1] ?? destination[2] ?? "";
  const rawTitle = destination[3] ?? destination[4];
  return {
    textEnd,
    end: textEnd + 2 + destination[0].length,
    href: unescapeBackslashes(rawHref),
    title: rawTitle === undefined ? null : unescapeBackslashes(rawTitle),
  };
}

function unescapeBackslashes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

const DELIMITER_MARK: Record<"_" | "~" | "u", InlineMark> = { _: "italic", "~": "strike", u: "underline" };

/**
 * Pairs delimiter runs the way CommonMark's "process emphasis" does, simplified: each
 * closer looks back for the nearest opener of the same character; two or more characters
 * on both sides make bold, one makes italic; `~~` makes strike. What stays unmatched is
 * literal text.
 */
function matchDelimiters(items: InlineItem[]): void {
  // One stack per character: a closer only ever looks at openers it could pair with.
  const stacks = new Map<DelimiterItem["char"], DelimiterItem[]>();
  for (const item of items) {
    if (item.kind !== "delimiter") continue;
    // Strike is exactly two tildes; other runs of tildes are text and never pair.
    if (item.char === "~" && item.length !== 2) continue;
    const openers = stacks.get(item.char) ?? [];
    stacks.set(item.char, openers);
    if (item.canClose) {
      for (let index = openers.length - 1; index >= 0 && item.length > 0; index -= 1) {
        const opener = openers[index] as DelimiterItem;
        if (item.char === "~") {
          opener.opens.push("strike");
          item.closes.push("strike");
          opener.length = 0;
          item.length = 0;
        } else if (item.char === "u") {
          opener.opens.push("underline");
          item.closes.push("underline");
          opener.length = 0;
          item.length = 0;
        } else {
          while (opener.length > 0 && item.length > 0) {
            const strong = opener.length >= 2 && item.length >= 2;
            const mark: InlineMark = strong ? "bold" : item.char === "_" ? DELIMITER_MARK._ : "italic";
            const used = strong ? 2 : 1;
            opener.opens.push(mark);
            item.closes.push(mark);
            opener.length -= used;
            item.length -= used;
          }
        }
        // Openers between a matched pair can no longer match anything after it.
        openers.splice(index + (opener.length > 0 ? 1 : 0));
      }
    }
    if (item.canOpen && item.length > 0) openers.push(item);
  }
}

const DELIMITER_TEXT: Record<DelimiterItem["char"], string> = { "*": "*", _: "_", "~": "~", u: "" };

function toNodes(items: readonly InlineItem[]): RichNode[] {
  const nodes: RichNode[] = [];
  const active = new Map<InlineMark, number>();
  const walk = (list: readonly InlineItem[], link: { href: string; title: string | null } | null): void => {
    for (const item of list) {
      if (item.kind === "break") {
        const marks = markList(currentMarks(active), link, false);
        nodes.push(marks.length > 0 ? { type: "hardBreak", marks } : { type: "hardBreak" });
        continue;
      }
      if (item.kind === "link") {
        walk(item.children, { href: item.href, title: item.title });
        continue;
      }
      if (item.kind === "text") {
        const marks = new Set<InlineMark>(item.marks);
        for (const [mark, count] of active) if (count > 0) marks.add(mark);
        pushText(nodes, item.text, marks, link);
        continue;
      }
      const leftover = item.char === "u" ? (item.length > 0 ? (item.canOpen ? "<u>" : "</u>") : "") : DELIMITER_TEXT[item.char].repeat(item.length);
      // Unmatched characters sit outside whatever this run closes and opens.
      for (const mark of item.closes) active.set(mark, (active.get(mark) ?? 1) - 1);
      if (leftover) pushText(nodes, leftover, currentMarks(active), link);
      for (const mark of item.opens) active.set(mark, (active.get(mark) ?? 0) + 1);
    }
  };
  walk(items, null);
  return nodes;
}

function currentMarks(active: ReadonlyMap<InlineMark, number>): Set<InlineMark> {
  return new Set([...active].filter(([, count]) => count > 0).map(([mark]) => mark));
}

/** The schema's code mark excludes every other mark: inside a link the link wins, elsewhere the code. */
function markList(marks: ReadonlySet<InlineMark>, link: { href: string; title: string | null } | null, allowCode: boolean): Mark[] {
  const result: Mark[] = [];
  if (link) {
    const attrs: Record<string, unknown> = { href: link.href };
    if (link.title !== null) attrs.title = link.title;
    result.push({ type: "link", attrs });
  }
  if (allowCode && marks.has("code") && !link) return [{ type: "code" }];
  for (const name of ["bold", "italic", "strike", "underline"] as const) if (marks.has(name)) result.push({ type: name });
  return result;
}

function pushText(nodes: RichNode[], text: string, marks: Set<InlineMark>, link: { href: string; title: string | null } | null): void {
  if (text.length === 0) return;
  const result = markList(marks, link, true);
  const previous = nodes.at(-1);
  if (previous?.type === "text" && JSON.stringify(previous.marks ?? []) === JSON.stringify(result)) {
    previous.text = `${previous.text ?? ""}${text}`;
    return;
  }
  nodes.push(result.length > 0 ? { type: "text", text, marks: result } : { type: "text", text });
}
