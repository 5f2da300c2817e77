import DOMPurify, { type Config, type DOMPurify as Purifier } from "dompurify";

/**
 * What the editor does with HTML on the clipboard before ProseMirror reads it
 * (`editorProps.transformPastedHTML`, components/editor/ProposalSectionEditor.tsx).
 *
 * ProseMirror parses pasted HTML into a document of its own and keeps only what the schema
 * knows, so nothing hostile is ever stored; but that parse happens in a document that shares the
 * page's policy, and the browser checks every inline handler of a hostile page on the clipboard
 * against it (the hostile suite saw script-src-attr reports right after such a paste). DOMPurify
 * removes scripts, inline handlers, javascript:/data: URLs, frames, forms and SVG or MathML
 * before anything of the pasted HTML is parsed anywhere near the page. DOMPurify rather than a
 * hand-written filter or the Sanitizer API: it is the sanitizer browsers' own security teams
 * review, kept current against mutation XSS, and Chromium's Sanitizer API is not in every
 * browser the handbook's contributors use.
 */
const PASTE_POLICY: Config = {
  // HTML only: no SVG or MathML, whose parsing differs and which the schema has no place for.
  USE_PROFILES: { html: true },
  // Nothing of these means text: a style sheet, a form and its controls.
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option"],
  // ProseMirror's own clipboard marker must survive, or a copy within the editor loses its structure.
  ADD_ATTR: ["data-pm-slice"],
};

/**
 * Pasted HTML with everything that could run removed. Without a DOM to sanitize with (the
 * server, an unsupported browser) it gives back nothing, and the paste falls back to plain text.
 */
export function sanitizePastedHtml(html: string, purifier: Purifier = DOMPurify): string {
  if (!purifier.isSupported) return "";
  return purifier.sanitize(html, { ...PASTE_POLICY, RETURN_TRUSTED_TYPE: false }) as string;
}
