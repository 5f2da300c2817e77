/**
 * What a live section document holds, read without trusting the client that wrote it.
 *
 * The Tiptap/Yjs conversion (`yDocToContent`) builds nodes through the schema and quietly
 * deletes whatever the schema refuses, so an unknown node would vanish instead of being
 * reported, and the deletion would even be written into the document. Here the Yjs tree is
 * read as it is, every element and mark by its own name, and the result goes through the
 * same `validateSectionContent` gate as every other way content enters the product.
 */
import * as Y from "yjs";
import type { ContentProblem } from "../domain/content-problems";
import type { SectionContent } from "../domain/document";
import { MAX_NESTING_DEPTH, validateSectionContent } from "../editor/content";
import { YDOC_FIELD, yDocToContent } from "../editor/ydoc";

/**
 * Largest encoded state one section document may reach. A section holds at most about
 * 2 MiB of JSON (MAX_SECTION_JSON_BYTES); Yjs keeps deleted text as tombstones and ids
 * per item, so a long-edited section legitimately weighs more than its text. Four times the
 * JSON limit leaves that room while keeping each copy, store and database row bounded.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Overlapping marks (several links on one text) are stored under `name--<hash>` keys. */
const HASHED_MARK_NAME = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** Yjs content that no part of the editor writes; the validator refuses this type name. */
const FOREIGN_CONTENT = { type: "yjs-foreign-content" } as const;

function markName(attributeName: string): string {
  return HASHED_MARK_NAME.exec(attributeName)?.[1] ?? attributeName;
}

interface RawNode {
  type: unknown;
  attrs?: unknown;
  content?: unknown[];
  marks?: unknown[];
  text?: unknown;
}

function rawText(text: Y.XmlText): RawNode[] {
  const nodes: RawNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== "string") {
      nodes.push(FOREIGN_CONTENT);
      continue;
    }
    const node: RawNode = { type: "text", text: op.insert };
    if (op.attributes && Object.keys(op.attributes).length > 0) {
      node.marks = Object.entries(op.attributes).map(([name, attrs]) => ({ type: markName(name), attrs }));
    }
    nodes.push(node);
  }
  return nodes;
}

function rawChildren(children: readonly unknown[], depth: number): RawNode[] {
  const nodes: RawNode[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) nodes.push(...rawText(child));
    else if (child instanceof Y.XmlElement) nodes.push(rawElement(child, depth + 1));
    else nodes.push(FOREIGN_CONTENT);
  }
  return nodes;
}

function rawElement(element: Y.XmlElement, depth: number): RawNode {
  // The validator reports depth too, but only after this walk; a hostile chain of nested
  // elements must not get to exhaust the stack here first.
  if (depth > MAX_NESTING_DEPTH + 1) return FOREIGN_CONTENT;
  const node: RawNode = { type: element.nodeName };
  const attrs = element.getAttributes();
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  const children = rawChildren(element.toArray(), depth);
  if (children.length > 0) node.content = children;
  return node;
}

/** One top-level block of the section as Tiptap-shaped JSON, as `rawSectionContent` spells it. */
export function rawBlock(element: Y.XmlElement): unknown {
  return rawElement(element, 1);
}

/** The section as Tiptap-shaped JSON, exactly as the Yjs tree spells it. */
export function rawSectionContent(doc: Y.Doc): unknown {
  return { type: "doc", content: rawChildren(doc.getXmlFragment(YDOC_FIELD).toArray(), 0) };
}

export type Inspection = { ok: true; content: SectionContent } | { ok: false; errors: ContentProblem[] };

/**
 * Whether the document is a valid section: nothing outside the one XML fragment the editor
 * binds to, and that fragment valid against the handbook schema.
 */
export function inspectDocument(doc: Y.Doc): Inspection {
  const foreignRoots = [...doc.share.keys()].filter((name) => name !== YDOC_FIELD);
  if (foreignRoots.length > 0) {
    return { ok: false, errors: [{ key: "foreignRoots", roots: foreignRoots.join(", ") }] };
  }
  // The editor only ever writes a list of blocks into the fragment; keyed entries are foreign.
  if (doc.getXmlFragment(YDOC_FIELD)._map.size > 0) {
    return { ok: false, errors: [{ key: "keyedEntries" }] };
  }
  try {
    const result = validateSectionContent(rawSectionContent(doc));
    return result.ok ? { ok: true, content: result.content } : { ok: false, errors: result.errors };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ key: "unreadableDocument", detail }] };
  }
}

/** A private copy of the document, so that candidates can be tried without touching the live one. */
export function copyDocument(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/**
 * The content to store for a live document: the validated raw content, normally. The content
 * guard refuses every update that adds a problem, so a document can only be invalid if it was
 * stored that way before a rule existed; it is then stored the way the editor shows it, with
 * the problems reported, because refusing to store would keep it in memory forever and lose
 * the edits people make while repairing it. (The conversion runs on a copy: it deletes what
 * the schema refuses.)
 */
export function storableContent(doc: Y.Doc): { content: SectionContent; problems: ContentProblem[] } {
  const inspection = inspectDocument(doc);
  if (inspection.ok) return { content: inspection.content, problems: [] };
  const copy = copyDocument(doc);
  try {
    const shown = yDocToContent(copy);
    const repaired = validateSectionContent(shown);
    return { content: repaired.ok ? repaired.content : shown, problems: inspection.errors };
  } finally {
    copy.destroy();
  }
}
