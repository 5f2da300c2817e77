import { canonicalJson } from "../canonical";
import type { Mark, RichNode } from "../document";
import { isWordToken, tokenize } from "../text";
import { mergeSequences } from "./diff3";

/**
 * Word-level merge of a text block (paragraph, heading, code block) that both sides changed.
 * The block's text becomes word tokens that carry their marks, and line breaks become
 * tokens of their own, so a diff3 over the tokens merges edits to different words.
 */

const LINE_BREAK_TYPE = "hardBreak";

interface InlineToken {
  /** Equal keys mean equal tokens: same text and same marks, or the same line break. */
  key: string;
  /** Canonical marks of a text token; null for a line break. */
  marksKey: string | null;
  text: string;
  marks: Mark[] | undefined;
  node: RichNode;
}

export type InlineMergeOutcome =
  | { kind: "merged"; content: RichNode[] }
  /** "format": a side changed where marks begin and end, which the merge does not combine. */
  | { kind: "conflict"; reason: "text" | "format" };

/** True when a block holds only text and line breaks (or nothing), the content a word merge handles. */
export function hasTextContentOnly(node: RichNode): boolean {
  return (node.content ?? []).every(isTextChild);
}

export function isTextChild(child: RichNode): boolean {
  return child.type === "text" || child.type === LINE_BREAK_TYPE;
}

export function mergeInlineContent(base: RichNode, head: RichNode, proposal: RichNode): InlineMergeOutcome {
  const baseTokens = inlineTokens(base);
  const headTokens = inlineTokens(head);
  const proposalTokens = inlineTokens(proposal);
  const baseRuns = markRuns(baseTokens);
  if (!sameStrings(markRuns(headTokens), baseRuns) || !sameStrings(markRuns(proposalTokens), baseRuns)) {
    return { kind: "conflict", reason: "format" };
  }
  const result = mergeSequences(baseTokens, headTokens, proposalTokens, {
    equals: (a, b) => a.key === b.key,
    isSeparator: (token) => token.marksKey !== null && !isWordToken(token.text),
  });
  if (result.kind !== "merged") return { kind: "conflict", reason: "text" };
  return { kind: "merged", content: joinTokens(result.items) };
}

function inlineTokens(block: RichNode): InlineToken[] {
  const tokens: InlineToken[] = [];
  for (const child of block.content ?? []) {
    if (child.type !== "text") {
      tokens.push({ key: `A${canonicalJson(child)}`, marksKey: null, text: "", marks: undefined, node: child });
      continue;
    }
    const marks = child.marks && child.marks.length > 0 ? child.marks : undefined;
    const marksKey = canonicalJson(marks ?? []);
    for (const word of tokenize(child.text ?? "")) {
      tokens.push({ key: `T${marksKey}\u0000${word}`, marksKey, text: word, marks, node: child });
    }
  }
  return tokens;
}

/**
 * The sequence of mark combinations along the text, one entry per run. It stays the same
 * while a side only types or deletes inside runs, and changes when a side adds, removes or
 * moves a mark boundary.
 */
function markRuns(tokens: readonly InlineToken[]): string[] {
  const runs: string[] = [];
  for (const token of tokens) {
    if (token.marksKey === null || runs[runs.length - 1] === token.marksKey) continue;
    runs.push(token.marksKey);
  }
  return runs;
}

/** Rebuilds text nodes from tokens: neighbours with the same marks join into one node. */
function joinTokens(tokens: readonly InlineToken[]): RichNode[] {
  const content: RichNode[] = [];
  let pending: { marksKey: string; text: string; marks: Mark[] | undefined } | null = null;
  const flush = () => {
    if (pending === null) return;
    content.push(pending.marks ? { type: "text", text: pending.text, marks: pending.marks } : { type: "text", text: pending.text });
    pending = null;
  };
  for (const token of tokens) {
    if (token.marksKey === null) {
      flush();
      content.push(token.node);
      continue;
    }
    if (pending !== null && pending.marksKey === token.marksKey) {
      pending.text += token.text;
      continue;
    }
    flush();
    pending = { marksKey: token.marksKey, text: token.text, marks: token.marks };
  }
  flush();
  return content;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
