import { plainText, blockId, type DocumentSnapshot, type RichNode, type SnapshotSection } from "../document";
import { countWords, normalizeText } from "../text";
import { alignSequences, type MatchedPair } from "./align";
import { matchBlocks } from "./block-align";
import { canonicalEqual } from "./canonical-equal";
import { detectFormatChanges } from "./format-changes";
import type { BlockDiff, DiffStats, DocumentDiff, SectionDiff } from "./types";
import { createWordDiffBudget, diffBlockWords, type WordDiffBudget } from "./word-diff";

/**
 * Compares two snapshots of a document: sections by id, blocks by id (then by text),
 * words inside changed blocks. The cost is one pass of equality checks over both
 * snapshots plus word diffs of the changed blocks only, bounded by WORD_DIFF_WORK_BUDGET.
 */
export function diffDocuments(before: DocumentSnapshot, after: DocumentSnapshot): DocumentDiff {
  const budget = createWordDiffBudget();
  const entries = alignSequences(before.sections.length, after.sections.length, matchSections(before, after));
  const sections = entries.map((entry): SectionDiff => {
    if (entry.kind === "removed") return oneSidedSection(before.sections[entry.before], entry.before, "removed");
    if (entry.kind === "added") return oneSidedSection(after.sections[entry.after], entry.after, "added");
    return matchedSection(before.sections[entry.pair.before], after.sections[entry.pair.after], entry.pair, entry.moved, budget);
  });
  return {
    slugBefore: normalizeText(before.slug),
    slugAfter: normalizeText(after.slug),
    titleBefore: normalizeText(before.title),
    titleAfter: normalizeText(after.title),
    sections,
    stats: collectStats(sections),
  };
}

/** True when the two snapshots mean the same document (equal canonical JSON). */
export function isEmptyDiff(diff: DocumentDiff): boolean {
  return (
    diff.slugBefore === diff.slugAfter &&
    diff.titleBefore === diff.titleAfter &&
    diff.sections.every((section) => section.status === "unchanged" && !section.moved)
  );
}

/**
 * Sections match by id (compared as NFC, like everything else); an id repeated within one
 * snapshot matches only its first holder.
 */
function matchSections(before: DocumentSnapshot, after: DocumentSnapshot): MatchedPair[] {
  const afterIndexById = new Map<string, number>();
  after.sections.forEach((section, index) => {
    const id = normalizeText(section.id);
    if (!afterIndexById.has(id)) afterIndexById.set(id, index);
  });
  const pairs: MatchedPair[] = [];
  const seen = new Set<string>();
  before.sections.forEach((section, index) => {
    const id = normalizeText(section.id);
    if (seen.has(id)) return;
    seen.add(id);
    const afterIndex = afterIndexById.get(id);
    if (afterIndex !== undefined) pairs.push({ before: index, after: afterIndex });
  });
  return pairs;
}

function oneSidedSection(section: SnapshotSection, position: number, status: "added" | "removed"): SectionDiff {
  const added = status === "added";
  const blocks = section.content.content.map((node, index) => oneSidedBlock(node, index, status));
  return {
    sectionId: normalizeText(section.id),
    slugBefore: added ? null : normalizeText(section.slug),
    slugAfter: added ? normalizeText(section.slug) : null,
    titleBefore: added ? null : normalizeText(section.title),
    titleAfter: added ? normalizeText(section.title) : null,
    status,
    moved: false,
    renamed: false,
    positionBefore: added ? null : position,
    positionAfter: added ? position : null,
    blocks,
  };
}

function matchedSection(
  before: SnapshotSection,
  after: SnapshotSection,
  pair: MatchedPair,
  moved: boolean,
  budget: WordDiffBudget,
): SectionDiff {
  const titleBefore = normalizeText(before.title);
  const titleAfter = normalizeText(after.title);
  const renamed = titleBefore !== titleAfter;
  const slugBefore = normalizeText(before.slug);
  const slugAfter = normalizeText(after.slug);
  const blocks = diffBlocks(before.content.content, after.content.content, budget);
  const contentChanged = blocks.some((block) => block.status !== "unchanged" || block.moved);
  return {
    sectionId: normalizeText(after.id),
    slugBefore,
    slugAfter,
    titleBefore,
    titleAfter,
    status: renamed || slugBefore !== slugAfter || contentChanged ? "changed" : "unchanged",
    moved,
    renamed,
    positionBefore: pair.before,
    positionAfter: pair.after,
    blocks,
  };
}

function diffBlocks(before: readonly RichNode[], after: readonly RichNode[], budget: WordDiffBudget): BlockDiff[] {
  const entries = alignSequences(before.length, after.length, matchBlocks(before, after));
  return entries.map((entry): BlockDiff => {
    if (entry.kind === "removed") return oneSidedBlock(before[entry.before], entry.before, "removed");
    if (entry.kind === "added") return oneSidedBlock(after[entry.after], entry.after, "added");
    const { pair, moved } = entry;
    const beforeNode = before[pair.before];
    const afterNode = after[pair.after];
    const id = normalizedBlockId(afterNode) ?? normalizedBlockId(beforeNode);
    if (pair.knownEqual === true || canonicalEqual(beforeNode, afterNode)) {
      return {
        blockId: id,
        status: "unchanged",
        moved,
        indexBefore: pair.before,
        indexAfter: pair.after,
        before: beforeNode,
        after: afterNode,
        words: null,
        formatChanges: [],
        coarse: false,
      };
    }
    const words = diffBlockWords(plainText(beforeNode), plainText(afterNode), budget);
    return {
      blockId: id,
      status: "changed",
      moved,
      indexBefore: pair.before,
      indexAfter: pair.after,
      before: beforeNode,
      after: afterNode,
      words,
      formatChanges: detectFormatChanges(beforeNode, afterNode, words),
      coarse: words === null,
    };
  });
}

function oneSidedBlock(node: RichNode, index: number, status: "added" | "removed"): BlockDiff {
  const added = status === "added";
  return {
    blockId: normalizedBlockId(node),
    status,
    moved: false,
    indexBefore: added ? null : index,
    indexAfter: added ? index : null,
    before: added ? null : node,
    after: added ? node : null,
    words: null,
    formatChanges: [],
    coarse: false,
  };
}

function collectStats(sections: readonly SectionDiff[]): DiffStats {
  const stats: DiffStats = {
    wordsAdded: 0,
    wordsRemoved: 0,
    sectionsAdded: 0,
    sectionsRemoved: 0,
    sectionsMoved: 0,
    sectionsRenamed: 0,
    sectionsChanged: 0,
    blocksChanged: 0,
    blocksCoarse: 0,
  };
  for (const section of sections) {
    if (section.status === "added") stats.sectionsAdded++;
    if (section.status === "removed") stats.sectionsRemoved++;
    if (section.status === "changed") stats.sectionsChanged++;
    if (section.moved) stats.sectionsMoved++;
    if (section.renamed) stats.sectionsRenamed++;
    for (const block of section.blocks) {
      if (block.status !== "unchanged" || block.moved) stats.blocksChanged++;
      if (block.coarse) stats.blocksCoarse++;
      const counts = blockWordCounts(block);
      stats.wordsAdded += counts.added;
      stats.wordsRemoved += counts.removed;
    }
  }
  return stats;
}

/** Words a block adds and removes; a coarse block replaces all of its words. */
export function blockWordCounts(block: BlockDiff): { added: number; removed: number } {
  if (block.status === "unchanged") return { added: 0, removed: 0 };
  if (block.status === "added") return { added: countWords(plainText(block.after ?? EMPTY)), removed: 0 };
  if (block.status === "removed") return { added: 0, removed: countWords(plainText(block.before ?? EMPTY)) };
  if (!block.words) {
    return { added: countWords(plainText(block.after ?? EMPTY)), removed: countWords(plainText(block.before ?? EMPTY)) };
  }
  let added = 0;
  let removed = 0;
  for (const word of block.words) {
    if (word.op === "insert") added += countWords(word.text);
    if (word.op === "delete") removed += countWords(word.text);
  }
  return { added, removed };
}

function normalizedBlockId(node: RichNode): string | null {
  const id = blockId(node);
  return id === null ? null : normalizeText(id);
}

const EMPTY: RichNode = { type: "paragraph" };
