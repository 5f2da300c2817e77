import { sha256Hex } from "./canonical";
import type { RichNode, SectionContent, SnapshotSection } from "./document";
import { normalizeText } from "./text";
import { slugify } from "./slug";

/**
 * Reads a chapter saved as plain text (the form the handbook's chapters were published in on the
 * web): the first line is the chapter title, paragraphs are separated by blank lines, and a short
 * line without closing punctuation that stands alone is a part heading which starts a new section.
 */

/** Lines longer than this are body text even without closing punctuation. */
const MAX_PART_HEADING_CHARS = 60;

export interface PlainTextChapter {
  title: string;
  sections: SnapshotSection[];
}

/** Deterministic ids so that the same text gives the same blocks on every install. */
export function seededId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${sha256Hex(parts.join("\u0000")).slice(0, 16)}`;
}

function isPartHeading(paragraph: string): boolean {
  return (
    paragraph.length <= MAX_PART_HEADING_CHARS &&
    !/[.!?:;,…]$/.test(paragraph) &&
    !paragraph.includes("\n") &&
    /^\p{Lu}/u.test(paragraph) &&
    paragraph !== paragraph.toUpperCase()
  );
}

function paragraphNode(text: string, id: string): RichNode {
  return { type: "paragraph", attrs: { id }, content: [{ type: "text", text }] };
}

export function parsePlainTextChapter(raw: string, firstSectionTitle?: string): PlainTextChapter {
  const text = normalizeText(raw).replace(/\r\n?/g, "\n");
  const [titleLine, ...rest] = text.split("\n");
  const title = titleLine.trim();
  const paragraphs = rest
    .join("\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);

  const sections: SnapshotSection[] = [];
  let current: { title: string; blocks: RichNode[] } = { title: firstSectionTitle ?? title, blocks: [] };
  const flush = () => {
    if (current.blocks.length === 0) return;
    const slug = slugify(current.title);
    const content: SectionContent = { type: "doc", content: current.blocks };
    sections.push({ id: seededId("sec", slug), slug, title: current.title, content });
  };
  for (const paragraph of paragraphs) {
    if (isPartHeading(paragraph) && current.blocks.length > 0) {
      flush();
      current = { title: paragraph, blocks: [] };
      continue;
    }
    const sectionSlug = slugify(current.title);
    current.blocks.push(paragraphNode(paragraph, seededId("blk", sectionSlug, String(current.blocks.length), paragraph)));
  }
  flush();
  return { title, sections };
}
