import { plainText, type RichNode } from "../document";
import { isWordToken, normalizeText, tokenize } from "../text";
import { canonicalEqual } from "./canonical-equal";
import { diffTokens } from "./token-diff";
import type { ItemDiff } from "./types";
import { diffBlockWords, type WordDiffBudget } from "./word-diff";

/**
 * Item by item comparison of a changed list (its items) or table (its rows, then each row's
 * cells), so that a row or item added or removed reads as such rather than as the whole
 * table changed. The block's own `words` still count the words; this is where they are.
 */

const LIST_TYPES: ReadonlySet<string> = new Set(["bulletList", "orderedList", "taskList"]);
const TABLE_TYPE = "table";

/** A deleted and an inserted item next to each other are one item edited above this Dice score. */
export const ITEM_SIMILARITY_THRESHOLD = 0.4;

/** Most items (rows, cells) on one side compared item by item; a larger list is compared as a block. */
export const MAX_ITEMS_COMPARED = 2_000;

export function hasItems(node: RichNode): boolean {
  return LIST_TYPES.has(node.type) || node.type === TABLE_TYPE;
}

/** Items of a changed list or table, or null when the two blocks are not both lists or both tables. */
export function diffItems(before: RichNode, after: RichNode, budget: WordDiffBudget): ItemDiff[] | null {
  const bothTables = before.type === TABLE_TYPE && after.type === TABLE_TYPE;
  const bothLists = LIST_TYPES.has(before.type) && LIST_TYPES.has(after.type);
  if (!bothTables && !bothLists) return null;
  return alignChildren(before.content ?? [], after.content ?? [], budget, bothTables);
}

function alignChildren(
  before: readonly RichNode[],
  after: readonly RichNode[],
  budget: WordDiffBudget,
  withCells: boolean,
): ItemDiff[] | null {
  if (before.length > MAX_ITEMS_COMPARED || after.length > MAX_ITEMS_COMPARED) return null;
  const beforeTexts = before.map((node) => normalizeText(plainText(node)));
  const afterTexts = after.map((node) => normalizeText(plainText(node)));
  const indexes = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
  const changes = diffTokens(indexes(before.length), indexes(after.length), (left, right) => beforeTexts[left] === afterTexts[right]);
  if (!changes) return null;
  const items: ItemDiff[] = [];
  let deleted: number[] = [];
  let inserted: number[] = [];
  const flush = (): void => {
    items.push(...pairRun(deleted, inserted, { before, after, beforeTexts, afterTexts, budget, withCells }));
    deleted = [];
    inserted = [];
  };
  let beforeCursor = 0;
  let afterCursor = 0;
  for (const change of changes) {
    if (change.op === "delete") {
      deleted.push(...change.items);
      beforeCursor += change.items.length;
    } else if (change.op === "insert") {
      inserted.push(...change.items.map((_, offset) => afterCursor + offset));
      afterCursor += change.items.length;
    } else {
      flush();
      for (let offset = 0; offset < change.items.length; offset++) {
        const beforeIndex = beforeCursor + offset;
        const afterIndex = afterCursor + offset;
        items.push(compareItems(beforeIndex, afterIndex, { before, after, beforeTexts, afterTexts, budget, withCells }));
      }
      beforeCursor += change.items.length;
      afterCursor += change.items.length;
    }
  }
  flush();
  return items;
}

interface ItemContext {
  before: readonly RichNode[];
  after: readonly RichNode[];
  beforeTexts: readonly string[];
  afterTexts: readonly string[];
  budget: WordDiffBudget;
  withCells: boolean;
}

/** Deleted and inserted items between two equal ones: paired in order while they look alike. */
function pairRun(deleted: readonly number[], inserted: readonly number[], context: ItemContext): ItemDiff[] {
  const items: ItemDiff[] = [];
  let insertCursor = 0;
  for (const beforeIndex of deleted) {
    let partner = -1;
    for (let candidate = insertCursor; candidate < inserted.length; candidate++) {
      const score = dice(context.beforeTexts[beforeIndex], context.afterTexts[inserted[candidate]]);
      if (score >= ITEM_SIMILARITY_THRESHOLD) {
        partner = candidate;
        break;
      }
    }
    if (partner === -1) {
      items.push(oneSided(beforeIndex, "removed"));
      continue;
    }
    for (; insertCursor < partner; insertCursor++) items.push(oneSided(inserted[insertCursor], "added"));
    items.push(compareItems(beforeIndex, inserted[partner], context));
    insertCursor = partner + 1;
  }
  for (; insertCursor < inserted.length; insertCursor++) items.push(oneSided(inserted[insertCursor], "added"));
  return items;
}

function compareItems(beforeIndex: number, afterIndex: number, context: ItemContext): ItemDiff {
  const beforeNode = context.before[beforeIndex];
  const afterNode = context.after[afterIndex];
  if (canonicalEqual(beforeNode, afterNode)) {
    return { status: "unchanged", indexBefore: beforeIndex, indexAfter: afterIndex, words: null, cells: null };
  }
  const words = diffBlockWords(context.beforeTexts[beforeIndex], context.afterTexts[afterIndex], context.budget);
  const cells = context.withCells ? alignCells(beforeNode, afterNode, context.budget) : null;
  return { status: "changed", indexBefore: beforeIndex, indexAfter: afterIndex, words, cells };
}

/** Cells of a row by position when the row kept its width, else aligned like items. */
function alignCells(before: RichNode, after: RichNode, budget: WordDiffBudget): ItemDiff[] | null {
  const beforeCells = before.content ?? [];
  const afterCells = after.content ?? [];
  if (beforeCells.length !== afterCells.length) return alignChildren(beforeCells, afterCells, budget, false);
  const context: ItemContext = {
    before: beforeCells,
    after: afterCells,
    beforeTexts: beforeCells.map((node) => normalizeText(plainText(node))),
    afterTexts: afterCells.map((node) => normalizeText(plainText(node))),
    budget,
    withCells: false,
  };
  return beforeCells.map((_, index) => compareItems(index, index, context));
}

function oneSided(index: number, status: "added" | "removed"): ItemDiff {
  return {
    status,
    indexBefore: status === "removed" ? index : null,
    indexAfter: status === "added" ? index : null,
    words: null,
    cells: null,
  };
}

function dice(left: string, right: string): number {
  const leftWords = new Set(tokenize(left).filter(isWordToken).map((word) => word.toLowerCase()));
  const rightWords = new Set(tokenize(right).filter(isWordToken).map((word) => word.toLowerCase()));
  if (leftWords.size === 0 && rightWords.size === 0) return 1;
  if (leftWords.size === 0 || rightWords.size === 0) return 0;
  let common = 0;
  for (const word of leftWords) if (rightWords.has(word)) common++;
  return (2 * common) / (leftWords.size + rightWords.size);
}
