import type { SectionContent } from "../domain/document";
import { LRUCache } from "lru-cache";
import { sectionToMarkdown } from "../editor/markdown";
import { renderSectionHtml } from "../editor/content";

/** Rendered sections kept in memory: a whole handbook's worth of sections across a few versions. */
const CACHED_RENDERED_REVISIONS = 2_000;
const renderedRevisions = new LRUCache<string, string>({ max: CACHED_RENDERED_REVISIONS });
const markdownRevisions = new LRUCache<string, string>({ max: CACHED_RENDERED_REVISIONS });

/**
 * The reader's HTML for a section revision. Revisions are content-addressed and immutable, so
 * the HTML is rendered once per revision hash rather than on every request.
 */
export function renderRevisionHtml(revisionHash: string, content: SectionContent): string {
  const cached = renderedRevisions.get(revisionHash);
  if (cached !== undefined) return cached;
  const html = renderSectionHtml(content);
  renderedRevisions.set(revisionHash, html);
  return html;
}

/** The Markdown of a section revision, converted once per revision hash like the HTML. */
export function renderRevisionMarkdown(revisionHash: string, content: SectionContent): string {
  const cached = markdownRevisions.get(revisionHash);
  if (cached !== undefined) return cached;
  const markdown = sectionToMarkdown(content);
  markdownRevisions.set(revisionHash, markdown);
  return markdown;
}
