import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { TextPoint } from "@/lib/domain/anchors";
import { createLiveAnchor, resolveLiveAnchor } from "@/lib/domain/anchors-yjs";

/**
 * Comments on a range of words, shown in the live editor: each comment's Yjs relative
 * positions (lib/domain/anchors-yjs.ts) are resolved against the shared document and drawn as
 * an inline decoration; clicking one calls `onActivate` with its comment id. Separate from the
 * handbook's extension list: it only decorates, it never changes the document.
 */

export interface LiveComment {
  id: string;
  live: { start: string; end: string };
  /** The words it was made on: a range that grew at its edges is narrowed back to them. */
  quote?: string;
}

export interface CommentHighlightsOptions {
  doc: Y.Doc | null;
  field: string;
  comments: () => readonly LiveComment[];
  onActivate: (commentId: string) => void;
}

export const commentHighlightsKey = new PluginKey<DecorationSet>("commentHighlights");

const HARD_BREAK = "hardBreak";

function isContainer(node: PmNode): boolean {
  let container = false;
  node.forEach((child) => {
    if (!child.isText && child.type.name !== HARD_BREAK) container = true;
  });
  return container;
}

/** plainText()'s length of a ProseMirror node (lib/domain/document.ts). */
function textLength(node: PmNode): number {
  if (node.isText) return node.text?.length ?? 0;
  if (node.type.name === HARD_BREAK) return 1;
  let sum = 0;
  node.forEach((child) => (sum += textLength(child)));
  return isContainer(node) ? sum + Math.max(0, node.childCount - 1) : sum;
}

/** Document position of `offset` in plainText() of `node`, which starts at `nodePos`. */
function positionIn(node: PmNode, nodePos: number, offset: number): number {
  if (node.isText) return nodePos + Math.min(offset, node.nodeSize);
  if (node.type.name === HARD_BREAK) return nodePos + (offset > 0 ? 1 : 0);
  const container = isContainer(node);
  let rest = offset;
  let childPos = nodePos + 1;
  for (let index = 0; index < node.childCount; index++) {
    const child = node.child(index);
    const length = textLength(child);
    if (rest <= length) return positionIn(child, childPos, rest);
    rest -= length + (container ? 1 : 0);
    childPos += child.nodeSize;
  }
  return nodePos + node.nodeSize - 1;
}

/** Offset in plainText() of `node` (starting at `nodePos`) of the document position `pos`. */
function offsetIn(node: PmNode, nodePos: number, pos: number): number {
  if (node.isText) return Math.max(0, Math.min(pos - nodePos, node.nodeSize));
  if (node.type.name === HARD_BREAK) return pos > nodePos ? 1 : 0;
  const container = isContainer(node);
  let offset = 0;
  let childPos = nodePos + 1;
  for (let index = 0; index < node.childCount; index++) {
    const child = node.child(index);
    if (pos <= childPos + child.nodeSize && (pos >= childPos || index === 0)) return offset + offsetIn(child, childPos, pos);
    offset += textLength(child) + (container ? 1 : 0);
    childPos += child.nodeSize;
  }
  return Math.max(0, offset - (container ? 1 : 0));
}

function topLevel(doc: PmNode, blockId: string): { node: PmNode; pos: number } | null {
  let found: { node: PmNode; pos: number } | null = null;
  doc.forEach((node, pos) => {
    if (!found && node.attrs.id === blockId) found = { node, pos };
  });
  return found;
}

export function pointToPosition(doc: PmNode, point: TextPoint): number | null {
  const block = topLevel(doc, point.blockId);
  return block ? positionIn(block.node, block.pos, point.offset) : null;
}

export function positionToPoint(doc: PmNode, pos: number): TextPoint | null {
  const $pos = doc.resolve(pos);
  if ($pos.depth < 1) return null;
  const node = $pos.node(1);
  const id = node.attrs.id;
  if (typeof id !== "string" || id.length === 0) return null;
  return { blockId: id, offset: offsetIn(node, $pos.before(1), pos) };
}

/** The live anchor of the editor's selection, or null for an empty selection or one outside blocks with ids. */
export function anchorOfSelection(state: EditorState, doc: Y.Doc, field: string, sectionId: string) {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const start = positionToPoint(state.doc, from);
  const end = positionToPoint(state.doc, to);
  if (!start || !end) return null;
  return createLiveAnchor(doc.getXmlFragment(field), sectionId, start, end);
}

function buildDecorations(state: EditorState, options: CommentHighlightsOptions): DecorationSet {
  if (!options.doc) return DecorationSet.empty;
  const fragment = options.doc.getXmlFragment(options.field);
  const decorations: Decoration[] = [];
  for (const comment of options.comments()) {
    const range = resolveLiveAnchor(options.doc, fragment, { ...comment.live, quote: comment.quote });
    if (!range) continue;
    const from = pointToPosition(state.doc, range.start);
    const to = pointToPosition(state.doc, range.end);
    if (from === null || to === null || to <= from) continue;
    decorations.push(Decoration.inline(from, to, { class: "comment-anchor", "data-comment-id": comment.id }, { commentId: comment.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: "commentHighlights",
  addOptions() {
    return { doc: null, field: "default", comments: () => [], onActivate: () => {} };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: (_, state) => buildDecorations(state, options),
          apply: (tr, old, _oldState, newState) => {
            // Changes from other people arrive through Yjs first: resolve again. Local typing
            // reaches Yjs only after this transaction, so the highlights follow its mapping.
            const remote = tr.getMeta(ySyncPluginKey) !== undefined;
            if (tr.getMeta(commentHighlightsKey) || remote) return buildDecorations(newState, options);
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
          handleClick: (view, pos) => {
            const found = commentHighlightsKey.getState(view.state)?.find(pos, pos) ?? [];
            const hit = found.find((decoration) => typeof decoration.spec.commentId === "string");
            if (!hit) return false;
            options.onActivate(hit.spec.commentId as string);
            return false;
          },
        },
      }),
    ];
  },
});
