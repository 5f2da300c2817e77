import type { SectionContent } from "../domain/document";
import { LRUCache } from "lru-cache";
import { sectionToMarkdown } from "../editor/markdown";
import { renderSectionHtml } from "../editor/content";

/** Rendered sections kept in memory: a whole handbook's worth of sections across a few versions. */
const CACHED_RENDERED_REVISIONS = 2_000;
const renderedRevisions = new LRUCache<string, string>({ max: CACHED_RENDERED_REVISIONS });
const markdownRevisions = new LRUCache<string, string>({ max: CACHED_RENDERED_REVISIONS });

/**
 * The reader's HTML for a section revision. A revision key names one immutable text
 * (lib/domain/section-placements.ts), so the HTML is rendered once per key rather than on
 * every request.
 */
export function renderRevisionHtml(revisionKey: string, content: SectionContent): string {
  const cached = renderedRevisions.get(revisionKey);
  if (cached !== undefined) return cached;
  const html = renderSectionHtml(content);
  renderedRevisions.set(revisionKey, html);
  return html;
}

/** The Markdown of a section revision, converted once per revision key like the HTML. */
export function renderRevisionMarkdown(revisionKey: string, content: SectionContent): string {
  const cached = markdownRevisions.get(revisionKey);
  if (cached !== undefined) return cached;
  const markdown = sectionToMarkdown(content);
  markdownRevisions.set(revisionKey, markdown);
  return markdown;
}
