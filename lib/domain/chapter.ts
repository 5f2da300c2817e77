/**
 * What makes a file of Markdown (or Word) a chapter of the handbook: `#` and `##` headings
 * start sections and give their titles, text before the first of them is a section titled
 * by its first line, and headings inside a section start at level 3. Parsing and writing
 * the Markdown itself is markdown-it and prosemirror-markdown's job (lib/editor/markdown.ts);
 * this module only works on the document tree they produce.
 */
import { emptySectionContent, plainText, type RichNode, type SectionContent } from "./document";

/** Headings of these levels are section titles: `#` and `##`. */
export const MAX_SECTION_HEADING_LEVEL = 2;

/**
 * Content headings start at this level: `#` and `##` are document and section titles, and
 * a `#`/`##` line inside a section body would split it into two sections on re-import.
 */
export const MIN_CONTENT_HEADING_LEVEL = 3;

/** The deepest heading Markdown and HTML have. */
const MAX_HEADING_LEVEL = 6;

/**
 * Longest title derived from the first line of text before any heading. A title is a
 * line in a table of contents; a whole paragraph would not fit there.
 */
export const MAX_DERIVED_TITLE_CHARS = 120;

export interface MarkdownSection {
  title: string;
  content: SectionContent;
}

function headingLevel(node: RichNode): number | null {
  if (node.type !== "heading") return null;
  const level = Number(node.attrs?.level);
  return Number.isInteger(level) ? level : 1;
}

function isEmptyParagraph(node: RichNode): boolean {
  return node.type === "paragraph" && (node.content ?? []).length === 0;
}

function isSectionHeading(node: RichNode): boolean {
  const level = headingLevel(node);
  return level !== null && level <= MAX_SECTION_HEADING_LEVEL;
}

/** One line of text: hard breaks and runs of whitespace become single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A title from the first line of a chapter that starts without a heading, shortened to fit a table of contents. */
export function derivedTitle(firstLine: string): string {
  const title = oneLine(firstLine);
  if (title.length <= MAX_DERIVED_TITLE_CHARS) return title;
  return `${title.slice(0, MAX_DERIVED_TITLE_CHARS - 1).trimEnd()}…`;
}

/** The first line of text in a document (up to its first line break), for `splitChapter` when the source has no lines of its own. */
export function firstTextLine(content: RichNode): string {
  for (const block of content.content ?? []) {
    const text = plainText(block).trim();
    if (text.length > 0) return text.split("\n", 1)[0] ?? "";
  }
  return "";
}

/**
 * Splits a parsed chapter into sections at its top-level `#` and `##` headings. `leadLine`
 * is the first line of the text before the first heading (the parser knows the lines; the
 * tree does not), which titles that text when there is any. Blocks keep whatever ids they
 * have; callers run `ensureBlockIds`.
 */
export function splitChapter(chapter: SectionContent, leadLine: string): MarkdownSection[] {
  const sections: { title: string | null; blocks: RichNode[] }[] = [{ title: null, blocks: [] }];
  for (const block of chapter.content) {
    if (isSectionHeading(block)) sections.push({ title: oneLine(plainText(block)), blocks: [] });
    else (sections.at(-1) as { blocks: RichNode[] }).blocks.push(block);
  }
  const result: MarkdownSection[] = [];
  for (const { title, blocks } of sections) {
    if (title === null) {
      if (blocks.some((block) => !isEmptyParagraph(block))) result.push({ title: derivedTitle(leadLine), content: { type: "doc", content: blocks } });
      continue;
    }
    result.push({ title, content: blocks.length > 0 ? { type: "doc", content: blocks } : emptySectionContent() });
  }
  return result;
}

/** The content with every heading at level 3 or deeper, so that it never splits a section when read back. */
export function withContentHeadings(content: SectionContent): SectionContent {
  const visit = (node: RichNode): RichNode => {
    const level = headingLevel(node);
    const copy: RichNode = { ...node };
    if (level !== null) copy.attrs = { ...node.attrs, level: Math.min(MAX_HEADING_LEVEL, Math.max(MIN_CONTENT_HEADING_LEVEL, level)) };
    if (node.content) copy.content = node.content.map(visit);
    return copy;
  };
  return visit(content) as SectionContent;
}

/**
 * A whole chapter as one document: each section's title as a `##` heading, then its
 * content with headings from level 3, the shape `splitChapter` reads back.
 */
export function chapterDocument(sections: readonly MarkdownSection[]): SectionContent {
  const blocks: RichNode[] = [];
  for (const section of sections) {
    const title = oneLine(section.title);
    const heading: RichNode = { type: "heading", attrs: { level: MAX_SECTION_HEADING_LEVEL } };
    if (title.length > 0) heading.content = [{ type: "text", text: title }];
    blocks.push(heading, ...withContentHeadings(section.content).content);
  }
  return { type: "doc", content: blocks };
}
