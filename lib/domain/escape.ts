/**
 * The one place text is escaped for HTML and XML markup we write as strings (the reader's
 * no-script fallback, exports, reports, the verifier page, Atom feeds). Escaping all five
 * characters is safe both in text and in quoted attribute values, so there is one function per
 * language, not one per context.
 *
 * Written here rather than taken from `escape-html` (last released 2015, untyped): XML needs the
 * characters XML 1.0 forbids removed as well, which no escaping package does, and the two
 * functions are a few lines each.
 */

/** Characters outside XML 1.0's Char production (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const XML_ENTITIES: Record<string, string> = { ...HTML_ENTITIES, "'": "&apos;" };

/** Text or an attribute value for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (character) => HTML_ENTITIES[character]);
}

/** The characters an XML 1.0 document cannot hold, removed (a feed reader refuses the whole document otherwise). */
export function stripXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, "");
}

/** Text or an attribute value for XML 1.0: forbidden characters removed, then the five special ones escaped. */
export function escapeXml(text: string): string {
  return stripXmlForbidden(text).replace(HTML_SPECIAL, (character) => XML_ENTITIES[character]);
}
