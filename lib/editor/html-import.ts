/**
 * HTML (as mammoth writes it from a Word file) into the editor's schema on the server, with
 * Tiptap's own HTML parsing (`@tiptap/html` over happy-dom, scripts and resource loading
 * off). What the schema has no place for (images, styles, unknown tags) is dropped; links
 * the editor would refuse lose their link and keep their text.
 */
import { generateJSON } from "@tiptap/html/server";
import { firstTextLine, splitChapter, type MarkdownSection } from "@/lib/domain/chapter";
import type { SectionContent } from "@/lib/domain/document";
import { handbookExtensions, handbookSchema, IMPORTED_HEADING_LEVELS } from "./extensions";

/** HTML as one document in the editor's schema, headings at their own levels (no sections). All text is NFC. */
export function htmlToDocument(html: string): SectionContent {
  const json = generateJSON(html.normalize("NFC"), handbookExtensions(IMPORTED_HEADING_LEVELS));
  return handbookSchema().nodeFromJSON(json).toJSON();
}

/** A chapter in HTML as sections: `<h1>` and `<h2>` start them, as `#` and `##` do in Markdown. All text is NFC. */
export function htmlToSections(html: string): MarkdownSection[] {
  const doc = htmlToDocument(html);
  return splitChapter(doc, firstTextLine(doc));
}
