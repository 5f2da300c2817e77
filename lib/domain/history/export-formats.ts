/**
 * The two files a version exports to: Markdown with its provenance in YAML front matter,
 * and one self-contained HTML page (inline styles, no scripts, no external requests) that
 * can be archived, mailed or printed and still says which version it is.
 */
import { escapeHtml } from "../escape";

export interface ExportMetadata {
  documentSlug: string;
  documentTitle: string;
  number: number;
  hash: string;
  prevHash: string | null;
  publishedAt: Date;
  /** Absolute or site-relative URL of the version's permalink. */
  permalink: string;
}

export function exportFileName(documentSlug: string, number: number, extension: "md" | "html" | "pdf"): string {
  return `${documentSlug}-v${number}.${extension}`;
}

/** A YAML double-quoted scalar: JSON's string escapes are valid YAML. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** The exported Markdown file: front matter, then the chapter (as `sectionsToMarkdown` in lib/editor/markdown.ts writes it). */
export function versionMarkdown(meta: ExportMetadata, chapterMarkdown: string): string {
  const frontMatter = [
    "---",
    `title: ${yamlString(meta.documentTitle)}`,
    `document: ${yamlString(meta.documentSlug)}`,
    `version: ${meta.number}`,
    `published: ${yamlString(meta.publishedAt.toISOString())}`,
    `sha256: ${yamlString(meta.hash)}`,
    `previous_sha256: ${meta.prevHash === null ? "null" : yamlString(meta.prevHash)}`,
    `source: ${yamlString(meta.permalink)}`,
    "---",
    "",
  ].join("\n");
  return `${frontMatter}\n${chapterMarkdown}`;
}

export interface RenderedSection {
  slug: string;
  title: string;
  /** Safe HTML of the section body (from the schema-aware renderer). */
  html: string;
}

export interface HtmlLabels {
  lang: "vi" | "en";
  version: string;
  published: string;
  hash: string;
  previousHash: string;
  none: string;
  contents: string;
  source: string;
  /** The publish date as people read it, e.g. "12 thg 3, 2026 09:30". */
  publishedText: string;
}

/** Sober print-friendly styles of the reader pages, inlined so the file needs nothing else. */
const STANDALONE_CSS = `
:root { color: #1a2233; background: #fff; font-family: "Be Vietnam Pro", system-ui, -apple-system, "Segoe UI", Arial, sans-serif; line-height: 1.7; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4 { line-height: 1.35; color: #072a66; }
h1 { font-size: 1.9rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-top: 1px solid #d5dbe5; padding-top: 1.5rem; }
a { color: #0b3d91; }
.provenance { border-left: 4px solid #0b3d91; background: #f4f6f9; padding: 0.75rem 1rem; font-size: 0.92rem; color: #4f5b6e; }
.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; }
.provenance dt { font-weight: 600; }
.provenance dd { margin: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; word-break: break-all; }
nav ol { padding-left: 1.25rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d5dbe5; padding: 0.4rem 0.6rem; vertical-align: top; }
blockquote { border-left: 3px solid #d5dbe5; margin: 1rem 0; padding-left: 1rem; color: #4f5b6e; }
pre { background: #f4f6f9; padding: 0.75rem; overflow-x: auto; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; }
  p { orphans: 3; widows: 3; }
}
`.trim();

export function versionHtml(meta: ExportMetadata, labels: HtmlLabels, sections: readonly RenderedSection[]): string {
  const title = `${meta.documentTitle} — ${labels.version} ${meta.number}`;
  const toc = sections.map((section) => `<li><a href="#${escapeHtml(section.slug)}">${escapeHtml(section.title)}</a></li>`).join("\n");
  const body = sections
    .map((section) => `<section id="${escapeHtml(section.slug)}">\n<h2>${escapeHtml(section.title)}</h2>\n${section.html}\n</section>`)
    .join("\n");
  return `<!doctype html>
<html lang="${labels.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="generator" content="Cẩm nang mở">
<style>
${STANDALONE_CSS}
</style>
</head>
<body>
<header>
<h1>${escapeHtml(meta.documentTitle)}</h1>
<div class="provenance">
<dl>
<dt>${escapeHtml(labels.version)}</dt><dd>${meta.number}</dd>
<dt>${escapeHtml(labels.published)}</dt><dd><time datetime="${meta.publishedAt.toISOString()}">${escapeHtml(labels.publishedText)}</time></dd>
<dt>${escapeHtml(labels.hash)}</dt><dd><code>${escapeHtml(meta.hash)}</code></dd>
<dt>${escapeHtml(labels.previousHash)}</dt><dd><code>${escapeHtml(meta.prevHash ?? labels.none)}</code></dd>
<dt>${escapeHtml(labels.source)}</dt><dd><a href="${escapeHtml(meta.permalink)}">${escapeHtml(meta.permalink)}</a></dd>
</dl>
</div>
</header>
<nav aria-label="${escapeHtml(labels.contents)}">
<h2>${escapeHtml(labels.contents)}</h2>
<ol>
${toc}
</ol>
</nav>
<main>
${body}
</main>
</body>
</html>
`;
}
