/**
 * The shapes of handbook content, independent of Tiptap, Prisma and React.
 * A section's content is Tiptap/ProseMirror JSON; a document snapshot is the ordered
 * list of its sections as one published version (or a proposal's draft) holds them.
 */

export interface Mark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: Mark[];
  text?: string;
}

/** The root of a section's content: `{ type: "doc", content: [...] }`. */
export interface SectionContent extends RichNode {
  type: "doc";
  content: RichNode[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isMark(value: unknown): value is Mark {
  return isPlainObject(value) && typeof value.type === "string" && (value.attrs === undefined || isPlainObject(value.attrs));
}

/** The shape of a node tree (not what the editor's schema allows: validateSectionContent checks that on writing). */
export function isRichNode(value: unknown): value is RichNode {
  if (!isPlainObject(value) || typeof value.type !== "string") return false;
  if (value.attrs !== undefined && !isPlainObject(value.attrs)) return false;
  if (value.text !== undefined && typeof value.text !== "string") return false;
  if (value.marks !== undefined && !(Array.isArray(value.marks) && value.marks.every(isMark))) return false;
  return value.content === undefined || (Array.isArray(value.content) && value.content.every(isRichNode));
}

/** A section's content as stored: a `doc` node whose children are nodes. */
export function isSectionContent(value: unknown): value is SectionContent {
  return isRichNode(value) && value.type === "doc" && Array.isArray(value.content);
}

export interface SnapshotSection {
  /** Stable identity across versions, renames and moves. */
  id: string;
  slug: string;
  title: string;
  content: SectionContent;
}

/** A whole document at one moment: sections in reading order. */
export interface DocumentSnapshot {
  slug: string;
  title: string;
  sections: SnapshotSection[];
}

export function emptySectionContent(): SectionContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/** The block id UniqueID gives top-level nodes, or null when a block has none. */
export function blockId(node: RichNode): string | null {
  const id = node.attrs?.id;
  return typeof id === "string" && id.length > 0 ? id : null;
}

/** Plain text of a node, with blocks separated by a newline. */
export function plainText(node: RichNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const children = node.content ?? [];
  const isBlockContainer = children.some((child) => child.type !== "text" && child.type !== "hardBreak");
  return children.map(plainText).join(isBlockContainer ? "\n" : "");
}
