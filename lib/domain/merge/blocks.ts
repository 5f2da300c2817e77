import { canonicalJson } from "../canonical";
import { blockId, type RichNode } from "../document";
import { replacementNode, replacementOrder, type MergeContext } from "./context";
import { hasTextContentOnly, isTextChild, mergeInlineContent } from "./inline";
import { mergeKeyedList, type Keyed } from "./keyed";
import type { MergeConflictKind } from "./types";

/**
 * Block-level merge: blocks are matched by their stable id, a block only one side changed
 * takes that side's node, a text block both sides changed is merged word by word, and a
 * container both sides changed (a list, a quote, a table) is merged block by block inside.
 */

/** Where the positional keys of blocks without an id count from when no block with an id precedes them. */
const START_ANCHOR = "^";

export function sameNode(a: RichNode, b: RichNode): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Merges the children of a container; `parentKey` is null for the top level of a section. */
export function mergeBlockList(
  context: MergeContext,
  sectionId: string,
  parentKey: string | null,
  base: readonly RichNode[],
  head: readonly RichNode[],
  proposal: readonly RichNode[],
): RichNode[] {
  return mergeKeyedList<RichNode>({
    base: keyBlocks(base, parentKey),
    head: keyBlocks(head, parentKey),
    proposal: keyBlocks(proposal, parentKey),
    same: sameNode,
    mergeShared: (key, baseNode, headNode, proposalNode) =>
      mergeBlock(context, sectionId, key, baseNode, headNode, proposalNode),
    settleAddedOnBothSides: (key, headNode, proposalNode) =>
      context.settle(
        { sectionId, blockId: key, kind: "block-added-on-both-sides", base: null, head: headNode, proposal: proposalNode },
        { head: headNode, proposal: proposalNode, replace: replacementNode },
      ),
    settleRemovedAndChanged: (key, baseNode, headNode, proposalNode) =>
      context.settle<RichNode | null>(
        { sectionId, blockId: key, kind: "block-removed-and-changed", base: baseNode, head: headNode, proposal: proposalNode },
        { head: headNode, proposal: proposalNode, replace: replacementNode },
      ),
    settleOrder: (orders) =>
      context.settle<readonly string[]>(
        {
          sectionId,
          blockId: parentKey,
          kind: "block-order",
          base: orders.base.join("\n"),
          head: orders.head.join("\n"),
          proposal: orders.proposal.join("\n"),
        },
        { head: orders.head, proposal: orders.proposal, replace: (value) => replacementOrder(value, orders.proposal) },
      ),
  });
}

/** Merges one block that all three sides have. */
function mergeBlock(
  context: MergeContext,
  sectionId: string,
  key: string,
  base: RichNode,
  head: RichNode,
  proposal: RichNode,
): RichNode {
  if (sameNode(head, proposal) || sameNode(head, base)) return proposal;
  if (sameNode(proposal, base)) return head;

  const conflict = (kind: MergeConflictKind) =>
    context.settle(
      { sectionId, blockId: key, kind, base, head, proposal },
      { head, proposal, replace: replacementNode },
    );
  if (!sameShell(base, head) || !sameShell(base, proposal)) return conflict("block-format");
  if (hasTextContentOnly(base) && hasTextContentOnly(head) && hasTextContentOnly(proposal)) {
    const outcome = mergeInlineContent(base, head, proposal);
    if (outcome.kind === "conflict") return conflict(outcome.reason === "format" ? "block-format" : "block-text");
    return withTextContent(proposal, outcome.content);
  }
  if (hasBlockContentOnly(base) && hasBlockContentOnly(head) && hasBlockContentOnly(proposal)) {
    return { ...proposal, content: mergeBlockList(context, sectionId, key, base.content ?? [], head.content ?? [], proposal.content ?? []) };
  }
  return conflict("block-format");
}

/**
 * Keys for matching blocks across versions: the block id, or for a block without one (or a
 * repeated id) its type and rank after the nearest preceding block with an id. Such a key
 * survives edits elsewhere in the container; when it does not, the merge errs towards a
 * conflict rather than towards a duplicated block.
 */
function keyBlocks(children: readonly RichNode[], parentKey: string | null): Keyed<RichNode>[] {
  const keyed: Keyed<RichNode>[] = [];
  const seenIds = new Set<string>();
  let anchor = START_ANCHOR;
  let rankSinceAnchor = new Map<string, number>();
  for (const node of children) {
    const id = blockId(node);
    if (id !== null && !seenIds.has(id)) {
      seenIds.add(id);
      anchor = id;
      rankSinceAnchor = new Map();
      keyed.push({ key: id, value: node });
      continue;
    }
    const rank = (rankSinceAnchor.get(node.type) ?? 0) + 1;
    rankSinceAnchor.set(node.type, rank);
    const positionalKey = `~${anchor}.${node.type}.${rank}`;
    keyed.push({ key: parentKey === null ? positionalKey : `${parentKey}/${positionalKey}`, value: node });
  }
  return keyed;
}

/** Same type, attributes and marks: everything about a node but its content. */
function sameShell(a: RichNode, b: RichNode): boolean {
  return (
    a.type === b.type &&
    a.text === b.text &&
    canonicalJson(a.attrs ?? {}) === canonicalJson(b.attrs ?? {}) &&
    canonicalJson(a.marks ?? []) === canonicalJson(b.marks ?? [])
  );
}

function hasBlockContentOnly(node: RichNode): boolean {
  return (node.content ?? []).every((child) => !isTextChild(child));
}

/** Tiptap leaves `content` out of an empty text block; so does the merge. */
function withTextContent(node: RichNode, content: RichNode[]): RichNode {
  if (content.length > 0) return { ...node, content };
  const { type, attrs, marks } = node;
  return { type, ...(attrs ? { attrs } : {}), ...(marks ? { marks } : {}) };
}
