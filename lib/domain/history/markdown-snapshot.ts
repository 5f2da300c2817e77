import type { MarkdownSection } from "../chapter";
import type { DocumentSnapshot } from "../document";
import { uniqueSlug } from "../slug";

/** YAML front matter at the very start of a file, as version exports write it. */
const FRONT_MATTER = /^\ufeff?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;

/** The Markdown without leading front matter (an exported version imports like a plain chapter). */
export function stripFrontMatter(markdown: string): string {
  return markdown.replace(FRONT_MATTER, "");
}

/**
 * A chapter read from a file as a document snapshot, for comparing two files: sections are
 * identified by the slug of their title (the files carry no ids), blocks by their text. The
 * document has no slug or title of its own, so two files never differ by their names.
 */
export function chapterSnapshot(chapter: readonly MarkdownSection[]): DocumentSnapshot {
  const taken = new Set<string>();
  const sections = chapter.map((section) => {
    const slug = uniqueSlug(section.title, taken);
    taken.add(slug);
    return { id: slug, slug, title: section.title, content: section.content };
  });
  return { slug: "", title: "", sections };
}
