import {
  prosemirrorJSONToYDoc,
  prosemirrorJSONToYXmlFragment,
  yXmlFragmentToProseMirrorRootNode,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { emptySectionContent, type SectionContent } from "@/lib/domain/document";
import { handbookSchema } from "./extensions";

/**
 * Section content as a Yjs document and back. Kept apart from content.ts so that the web app's
 * reading path (validation, rendering) never loads Yjs: only the collaboration server and the
 * offline draft writer hold live documents.
 */

/** The XML fragment Collaboration binds the editor to. */
export const YDOC_FIELD = "default";

/**
 * A new Y.Doc holding `content`, as a live document is seeded from a stored version.
 * Run `ensureBlockIds` first: ids given later by each browser would differ between clients.
 */
export function contentToYDoc(content: SectionContent): Y.Doc {
  return prosemirrorJSONToYDoc(handbookSchema(), content, YDOC_FIELD);
}

/**
 * Makes the live document's content equal to `content` in one Yjs transaction, so
 * connected editors see a single change. Y-tiptap updates the fragment by diffing, so
 * unchanged blocks keep their Yjs identity and other users' cursors in them survive.
 * `origin` is passed to the transaction for observers that tell API edits apart.
 * Validate `content` first: content the schema cannot read throws a RangeError here.
 */
export function applyContentToYDoc(doc: Y.Doc, content: SectionContent, origin?: unknown): void {
  const schema = handbookSchema();
  const node = schema.nodeFromJSON(content);
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(schema, node.toJSON(), fragment);
  }, origin);
}

/**
 * The content of a live document. Elements the schema does not know are dropped by the
 * conversion, but a raw client may still have written odd attributes, links or nesting:
 * run the result through `validateSectionContent` before storing it. An empty document
 * gives an empty paragraph, the smallest valid section.
 *
 * The conversion runs on a copy because y-tiptap deletes elements it cannot read from the
 * Y.Doc it reads, and reading must not broadcast edits to everyone connected.
 */
export function yDocToContent(doc: Y.Doc): SectionContent {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const node = yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(YDOC_FIELD), handbookSchema());
  copy.destroy();
  if (node.childCount === 0) return emptySectionContent();
  return node.toJSON() as SectionContent;
}
