import type { Mark, RichNode } from "../document";
import { normalizeText } from "../text";
import { canonicalEqual } from "./canonical-equal";
import type { FormatChange, WordChange } from "./types";

/**
 * What changed in a block besides its words: node type, heading level, the top-level node's
 * other attributes, and marks on the text that both sides share (so bolding an unchanged
 * phrase shows, while the marks of inserted words are simply part of the insertion).
 */

/** Attributes that identify a block rather than format it. */
const IDENTITY_ATTRIBUTES: ReadonlySet<string> = new Set(["id"]);

export function detectFormatChanges(before: RichNode, after: RichNode, words: readonly WordChange[] | null): FormatChange[] {
  const changes: FormatChange[] = [];
  const typeChanged = before.type !== after.type;
  if (typeChanged) changes.push({ kind: "nodeType", from: before.type, to: after.type });
  const levelBefore = before.attrs?.level;
  const levelAfter = after.attrs?.level;
  const bothHeadings = before.type === "heading" && after.type === "heading";
  if (bothHeadings && typeof levelBefore === "number" && typeof levelAfter === "number" && levelBefore !== levelAfter) {
    changes.push({ kind: "headingLevel", from: levelBefore, to: levelAfter });
  }
  changes.push(...attributeChanges(before, after, typeChanged || bothHeadings));
  if (words) changes.push(...markChanges(before, after, words));

  const textChanged = words === null || words.some((word) => word.op !== "equal");
  if (changes.length === 0 && !textChanged) changes.push({ kind: "structure" });
  return changes;
}

function attributeChanges(before: RichNode, after: RichNode, levelAlreadyReported: boolean): FormatChange[] {
  const beforeAttrs = before.attrs ?? {};
  const afterAttrs = after.attrs ?? {};
  const names = [...new Set([...Object.keys(beforeAttrs), ...Object.keys(afterAttrs)])].sort();
  const changes: FormatChange[] = [];
  for (const name of names) {
    if (IDENTITY_ATTRIBUTES.has(name)) continue;
    if (name === "level" && levelAlreadyReported) continue;
    if (canonicalEqual(beforeAttrs[name] ?? null, afterAttrs[name] ?? null)) continue;
    changes.push({ kind: "attribute", name, from: describeValue(beforeAttrs[name]), to: describeValue(afterAttrs[name]) });
  }
  return changes;
}

function describeValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return normalizeText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

interface MarkedRun {
  start: number;
  end: number;
  marks: readonly Mark[];
}

interface MarkedText {
  text: string;
  runs: MarkedRun[];
}

/**
 * The block's text exactly as plainText() spells it (after NFC), with the marks of each
 * stretch. Text nodes are normalized one by one; when that differs from normalizing the
 * whole (a combining mark split from its letter across two text nodes), offsets would not
 * line up with the word diff and the caller compares mark types without positions.
 */
function markedText(node: RichNode): MarkedText {
  const runs: MarkedRun[] = [];
  let text = "";
  const walk = (current: RichNode): void => {
    if (current.type === "text") {
      const leaf = normalizeText(current.text ?? "");
      if (leaf.length > 0) runs.push({ start: text.length, end: text.length + leaf.length, marks: current.marks ?? [] });
      text += leaf;
      return;
    }
    if (current.type === "hardBreak") {
      text += "\n";
      return;
    }
    const children = current.content ?? [];
    const isBlockContainer = children.some((child) => child.type !== "text" && child.type !== "hardBreak");
    children.forEach((child, index) => {
      if (index > 0 && isBlockContainer) text += "\n";
      walk(child);
    });
  };
  walk(node);
  return { text, runs };
}

function markChanges(before: RichNode, after: RichNode, words: readonly WordChange[]): FormatChange[] {
  const beforeText = markedText(before);
  const afterText = markedText(after);
  const spelledBefore = words.filter((word) => word.op !== "insert").map((word) => word.text).join("");
  const spelledAfter = words.filter((word) => word.op !== "delete").map((word) => word.text).join("");
  const found = new Map<string, FormatChange>();
  if (spelledBefore !== beforeText.text || spelledAfter !== afterText.text) {
    compareMarkSets(beforeText.runs, afterText.runs, found);
    return [...found.values()];
  }
  const beforeCursor = new RunCursor(beforeText.runs);
  const afterCursor = new RunCursor(afterText.runs);
  let beforeOffset = 0;
  let afterOffset = 0;
  for (const word of words) {
    const length = word.text.length;
    if (word.op === "equal") compareRange(beforeCursor, beforeOffset, afterCursor, afterOffset, length, found);
    if (word.op !== "insert") beforeOffset += length;
    if (word.op !== "delete") afterOffset += length;
  }
  return [...found.values()];
}

/** Compares the marks on [beforeStart, +length) before with [afterStart, +length) after. */
function compareRange(
  beforeCursor: RunCursor,
  beforeStart: number,
  afterCursor: RunCursor,
  afterStart: number,
  length: number,
  found: Map<string, FormatChange>,
): void {
  let offset = 0;
  while (offset < length) {
    const beforeStretch = beforeCursor.stretchAt(beforeStart + offset);
    const afterStretch = afterCursor.stretchAt(afterStart + offset);
    compareMarks(beforeStretch.marks, afterStretch.marks, found);
    offset = Math.min(beforeStretch.end - beforeStart, afterStretch.end - afterStart, length);
  }
}

const NO_MARKS: readonly Mark[] = [];

/** Walks the runs of one side forward only: the word diff visits offsets in increasing order. */
class RunCursor {
  private index = 0;

  constructor(private readonly runs: readonly MarkedRun[]) {}

  /** The marks at `offset` and where that stretch of identical marks ends. */
  stretchAt(offset: number): { marks: readonly Mark[]; end: number } {
    while (this.index < this.runs.length && this.runs[this.index].end <= offset) this.index++;
    const run = this.runs[this.index];
    if (!run) return { marks: NO_MARKS, end: Number.POSITIVE_INFINITY };
    if (run.start <= offset) return { marks: run.marks, end: run.end };
    return { marks: NO_MARKS, end: run.start };
  }
}

function compareMarkSets(beforeRuns: readonly MarkedRun[], afterRuns: readonly MarkedRun[], found: Map<string, FormatChange>): void {
  compareMarks(beforeRuns.flatMap((run) => run.marks), afterRuns.flatMap((run) => run.marks), found);
}

function compareMarks(beforeMarks: readonly Mark[], afterMarks: readonly Mark[], found: Map<string, FormatChange>): void {
  const record = (mark: string, change: "added" | "removed" | "changed"): void => {
    const key = `${mark}:${change}`;
    if (!found.has(key)) found.set(key, { kind: "mark", mark, change });
  };
  for (const mark of beforeMarks) {
    const counterparts = afterMarks.filter((candidate) => candidate.type === mark.type);
    if (counterparts.length === 0) record(mark.type, "removed");
    else if (!counterparts.some((candidate) => canonicalEqual(candidate.attrs ?? null, mark.attrs ?? null))) {
      record(mark.type, "changed");
    }
  }
  for (const mark of afterMarks) {
    if (!beforeMarks.some((candidate) => candidate.type === mark.type)) record(mark.type, "added");
  }
}
