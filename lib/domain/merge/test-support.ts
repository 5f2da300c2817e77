import type { DocumentSnapshot, Mark, RichNode, SnapshotSection } from "../document";
import { plainText } from "../document";
import { createRandom } from "../fixtures/random";

/** Builders for merge tests: small documents written as they read. */

export function text(value: string, marks?: Mark[]): RichNode {
  return marks ? { type: "text", text: value, marks } : { type: "text", text: value };
}

export function paragraph(id: string | null, ...content: (string | RichNode)[]): RichNode {
  const children = content.map((part) => (typeof part === "string" ? text(part) : part)).filter((part) => part.text !== "");
  return {
    type: "paragraph",
    ...(id === null ? {} : { attrs: { id } }),
    ...(children.length > 0 ? { content: children } : {}),
  };
}

export function heading(id: string, level: number, value: string): RichNode {
  return { type: "heading", attrs: { id, level }, content: [text(value)] };
}

export function bulletList(id: string, items: RichNode[]): RichNode {
  return { type: "bulletList", attrs: { id }, content: items };
}

export function listItem(id: string, ...blocks: RichNode[]): RichNode {
  return { type: "listItem", attrs: { id }, content: blocks };
}

export function section(id: string, title: string, blocks: RichNode[]): SnapshotSection {
  return { id, slug: slugOf(title), title, content: { type: "doc", content: blocks } };
}

export function documentOf(sections: SnapshotSection[], title = "Cẩm nang chuyển đổi số"): DocumentSnapshot {
  return { slug: "cam-nang", title, sections };
}

export function slugOf(title: string): string {
  return title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Deep copy, so a test can edit one side without touching the others. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

export function findBlock(snapshot: DocumentSnapshot, id: string): RichNode | undefined {
  const visit = (nodes: readonly RichNode[]): RichNode | undefined => {
    for (const node of nodes) {
      if (node.attrs?.id === id) return node;
      const inner = visit(node.content ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(snapshot.sections.flatMap((candidate) => candidate.content.content));
}

export function blockText(snapshot: DocumentSnapshot, id: string): string | undefined {
  const block = findBlock(snapshot, id);
  return block && plainText(block);
}

export function sectionById(snapshot: DocumentSnapshot, id: string): SnapshotSection {
  const found = snapshot.sections.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

/** A seeded generator, so that every randomized run can be replayed. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}
