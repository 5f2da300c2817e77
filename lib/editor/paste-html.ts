import sanitizeHtml from "sanitize-html";

/**
 * What the editor does with HTML on the clipboard before ProseMirror reads it
 * (`editorProps.transformPastedHTML`, components/editor/ProposalSectionEditor.tsx).
 *
 * ProseMirror keeps only what the schema knows, so nothing hostile is ever stored; but it reads
 * the clipboard with the browser's HTML parser, and Chromium checks every inline handler it
 * parses against the page's policy, even in an inert document (DOMParser, a detached document, a
 * template): a hostile page on the clipboard made dozens of script-src-attr reports on the live
 * editor, and the policy was all that stood between them and running. So the HTML is cleaned as
 * a string first, with sanitize-html (htmlparser2 underneath, no DOM): only the elements and
 * attributes the handbook's schema reads survive, so no handler, script, frame, form, SVG or
 * javascript: URL ever becomes part of a document in the page. sanitize-html rather than DOMPurify,
 * tried first: DOMPurify sanitizes by parsing with the browser, which is exactly what makes the
 * reports; and rather than a hand-written filter: it is maintained and used for this at scale.
 */
const PASTE_POLICY: sanitizeHtml.IOptions = {
  // What the handbook's schema (lib/editor/extensions.ts) makes something of, and the inline
  // wrappers word processors put around text; everything else is unwrapped to its text.
  allowedTags: ["p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col", "a", "b", "strong", "i", "em", "u", "s", "strike", "del", "sub", "sup", "span", "div"],
  allowedAttributes: {
    // ProseMirror's own clipboard marker: a copy within the editor keeps its structure.
    "*": ["data-pm-slice"],
    a: ["href"],
    ol: ["start"],
    th: ["colspan", "rowspan", "colwidth"],
    td: ["colspan", "rowspan", "colwidth"],
    col: ["span"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // Elements whose content is not text: dropped with everything inside them.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "title", "iframe", "object", "svg", "math"],
};

/** Pasted HTML with nothing left that could run, as a string the editor then parses. */
export function sanitizePastedHtml(html: string): string {
  return sanitizeHtml(html, PASTE_POLICY);
}
