import { plainText, blockId, type DocumentSnapshot, type RichNode, type SnapshotSection } from "../document";
import { countWords, normalizeText, wordSet } from "../text";
import { alignSequences, type MatchedPair } from "./align";
import { BLOCK_SIMILARITY_THRESHOLD, diceSimilarity, matchBlocks } from "./block-align";
import { BlockTexts } from "./block-texts";
import { canonicalEqual } from "./canonical-equal";
import { detectFormatChanges } from "./format-changes";
import { diffItems, hasItems } from "./items";
import { createRegroupBudget, findRegroups, joinedText, type Regroup } from "./regroup";
import type { BlockDiff, DiffStats, DocumentDiff, SectionDiff } from "./types";
import { createWordDiffBudget, diffNormalizedBlockWords, type WordDiffBudget } from "./word-diff";

/**
 * Compares two snapshots of a document: sections by id, blocks by id (then by text),
 * words inside changed blocks. The cost is one pass of equality checks over both
 * snapshots plus word diffs of the changed blocks only, bounded by WORD_DIFF_WORK_BUDGET.
 */
export function diffDocuments(before: DocumentSnapshot, after: DocumentSnapshot): DocumentDiff {
  const budgets: Budgets = { words: createWordDiffBudget(), regroup: createRegroupBudget(), texts: new BlockTexts() };
  const entries = alignSequences(before.sections.length, after.sections.length, matchSections(before, after));
  const sections: SectionDiff[] = [];
  for (const entry of entries) {
    if (entry.kind === "removed") sections.push(oneSidedSection(before.sections[entry.before], entry.before, "removed"));
    else if (entry.kind === "added") sections.push(oneSidedSection(after.sections[entry.after], entry.after, "added"));
    else if (entry.kind === "matched") {
      sections.push(matchedSection(before.sections[entry.pair.before], after.sections[entry.pair.after], entry.pair, entry.moved, budgets));
    }
  }
  linkDistantMoves(sections, budgets);
  nameMoves(sections);
  sections.forEach(markRepeats);
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
  budgets: Budgets,
): SectionDiff {
  const titleBefore = normalizeText(before.title);
  const titleAfter = normalizeText(after.title);
  const renamed = titleBefore !== titleAfter;
  const slugBefore = normalizeText(before.slug);
  const slugAfter = normalizeText(after.slug);
  const blocks = diffBlocks(normalizeText(after.id), before.content.content, after.content.content, budgets);
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

function diffBlocks(
  sectionId: string,
  before: readonly RichNode[],
  after: readonly RichNode[],
  budgets: Budgets,
): BlockDiff[] {
  const { pairs, groups } = findRegroups(before, after, matchBlocks(before, after, budgets.texts), budgets.regroup, budgets.texts);
  const consumedBefore = new Set<number>();
  const consumedAfter = new Set<number>();
  for (const group of groups.values()) {
    group.before.slice(1).forEach((index) => consumedBefore.add(index));
    group.after.slice(1).forEach((index) => consumedAfter.add(index));
  }
  const entries = alignSequences(before.length, after.length, pairs, { origins: true });
  const blocks: BlockDiff[] = [];
  for (const entry of entries) {
    if (entry.kind === "removed") {
      if (!consumedBefore.has(entry.before)) blocks.push(oneSidedBlock(before[entry.before], entry.before, "removed"));
      continue;
    }
    if (entry.kind === "added") {
      if (!consumedAfter.has(entry.after)) blocks.push(oneSidedBlock(after[entry.after], entry.after, "added"));
      continue;
    }
    const { pair } = entry;
    const group = groups.get(pair.before);
    if (entry.kind === "origin") {
      const origin = oneSidedBlock(before[pair.before], pair.before, "removed");
      origin.move = { id: "", role: "origin", sectionId, index: pair.after, acrossSections: false };
      blocks.push(origin);
      continue;
    }
    const block = group
      ? regroupedBlock(group, before, after, entry.moved, budgets)
      : pairedBlock(before[pair.before], after[pair.after], pair, entry.moved, budgets);
    if (entry.moved) block.move = { id: "", role: "destination", sectionId, index: pair.before, acrossSections: false };
    blocks.push(block);
  }
  return blocks;
}

interface Budgets {
  words: WordDiffBudget;
  regroup: WordDiffBudget;
  /** Not a budget: the blocks' texts, shared by every step of this one comparison. */
  texts: BlockTexts;
}

function pairedBlock(beforeNode: RichNode, afterNode: RichNode, pair: MatchedPair, moved: boolean, budgets: Budgets): BlockDiff {
  const block = newBlock(normalizedBlockId(afterNode) ?? normalizedBlockId(beforeNode), "unchanged", pair.before, pair.after, beforeNode, afterNode);
  block.moved = moved;
  if (pair.knownEqual === true || canonicalEqual(beforeNode, afterNode)) return block;
  block.status = "changed";
  return Object.assign(block, compareContent(beforeNode, afterNode, budgets));
}

/** Words, formatting and items of two blocks that are one block edited. */
function compareContent(
  beforeNode: RichNode,
  afterNode: RichNode,
  { words: budget, texts }: Budgets,
): Pick<BlockDiff, "words" | "formatChanges" | "coarse" | "items"> {
  const words = diffNormalizedBlockWords(texts.text(beforeNode), texts.text(afterNode), budget);
  return {
    words,
    formatChanges: detectFormatChanges(beforeNode, afterNode, words),
    coarse: words === null,
    items: hasItems(beforeNode) || hasItems(afterNode) ? diffItems(beforeNode, afterNode, budget) : null,
  };
}

function regroupedBlock(
  group: Regroup,
  before: readonly RichNode[],
  after: readonly RichNode[],
  moved: boolean,
  { words: budget, texts }: Budgets,
): BlockDiff {
  const join = group.kind === "join";
  const parts = (join ? group.before : group.after).map((index) => (join ? before : after)[index]);
  const single = join ? after[group.after[0]] : before[group.before[0]];
  const merged = mergedNode(parts);
  const words = join
    ? diffNormalizedBlockWords(texts.joined(parts), texts.text(single), budget)
    : diffNormalizedBlockWords(texts.text(single), texts.joined(parts), budget);
  const formatChanges = (join ? detectFormatChanges(merged, single, words) : detectFormatChanges(single, merged, words)).filter(
    // Joining or splitting is the structural change; it is reported as the regroup itself.
    (change) => change.kind !== "structure",
  );
  const beforeNode = join ? parts[0] : single;
  const afterNode = join ? single : parts[0];
  const block = newBlock(normalizedBlockId(afterNode) ?? normalizedBlockId(beforeNode), "changed", group.before[0], group.after[0], beforeNode, afterNode);
  block.moved = moved;
  block.words = words;
  block.formatChanges = formatChanges;
  block.coarse = words === null;
  block.regroup = { kind: group.kind, parts, indexes: join ? group.before : group.after, seams: texts.seams(parts) };
  return block;
}

/** One node holding the parts' inline content separated by a space, as joinedText() spells it. */
function mergedNode(parts: readonly RichNode[]): RichNode {
  const content: RichNode[] = [];
  parts.forEach((part, index) => {
    if (index > 0) content.push({ type: "text", text: " " });
    content.push(...(part.content ?? []));
  });
  return { ...parts[0], content };
}

function oneSidedBlock(node: RichNode, index: number, status: "added" | "removed"): BlockDiff {
  const added = status === "added";
  return newBlock(normalizedBlockId(node), status, added ? null : index, added ? index : null, added ? null : node, added ? node : null);
}

/** A block entry with every optional finding empty, written out in full (spreading is slow on every block of a handbook). */
function newBlock(
  blockId: string | null,
  status: BlockDiff["status"],
  indexBefore: number | null,
  indexAfter: number | null,
  before: RichNode | null,
  after: RichNode | null,
): BlockDiff {
  return {
    blockId,
    status,
    moved: false,
    indexBefore,
    indexAfter,
    before,
    after,
    words: null,
    formatChanges: [],
    coarse: false,
    regroup: null,
    move: null,
    repeated: false,
    items: null,
  };
}

/**
 * Blocks that left one place and arrived at another without block matching pairing them:
 * across sections, or within a section but across blocks matched in order (where matching by
 * text does not look). Paired by id, then identical text, then word overlap, like blocks.
 */
function linkDistantMoves(sections: readonly SectionDiff[], budgets: Budgets): void {
  const origins: Located[] = [];
  const destinations: Located[] = [];
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.move || block.regroup) continue;
      if (block.status === "removed") origins.push({ section, block });
      if (block.status === "added") destinations.push({ section, block });
    }
  }
  if (origins.length === 0 || destinations.length === 0) return;
  const originTaken = new Set<Located>();
  const destinationTaken = new Set<Located>();
  const link = (origin: Located, destination: Located): void => {
    originTaken.add(origin);
    destinationTaken.add(destination);
    linkMove(origin, destination, budgets);
  };

  const originsById = new Map<string, Located>();
  for (const origin of origins) if (origin.block.blockId !== null) originsById.set(origin.block.blockId, origin);
  for (const destination of destinations) {
    const origin = destination.block.blockId === null ? undefined : originsById.get(destination.block.blockId);
    if (origin && !originTaken.has(origin)) link(origin, destination);
  }
  const mayPair = (origin: Located, destination: Located): boolean =>
    !originTaken.has(origin) &&
    !destinationTaken.has(destination) &&
    (origin.block.blockId === null || destination.block.blockId === null);

  const originsByText = new Map<string, Located[]>();
  for (const origin of origins) {
    if (originTaken.has(origin)) continue;
    const text = locatedText(origin);
    if (text.length === 0) continue;
    const list = originsByText.get(text);
    if (list) list.push(origin);
    else originsByText.set(text, [origin]);
  }
  for (const destination of destinations) {
    if (destinationTaken.has(destination)) continue;
    const origin = originsByText.get(locatedText(destination))?.find((candidate) => mayPair(candidate, destination));
    if (origin) link(origin, destination);
  }

  const freeOrigins = origins.filter((origin) => !originTaken.has(origin) && locatedWords(origin).size >= MIN_MOVE_WORDS);
  const freeDestinations = destinations.filter(
    (destination) => !destinationTaken.has(destination) && locatedWords(destination).size >= MIN_MOVE_WORDS,
  );
  if (freeOrigins.length * freeDestinations.length > MAX_MOVE_COMPARISONS) return;
  const scored: { origin: Located; destination: Located; score: number }[] = [];
  for (const origin of freeOrigins) {
    for (const destination of freeDestinations) {
      if (!mayPair(origin, destination)) continue;
      const score = diceSimilarity(locatedWords(origin), locatedWords(destination));
      if (score >= BLOCK_SIMILARITY_THRESHOLD) scored.push({ origin, destination, score });
    }
  }
  scored.sort((left, right) => right.score - left.score);
  for (const candidate of scored) {
    if (mayPair(candidate.origin, candidate.destination)) link(candidate.origin, candidate.destination);
  }
}

/**
 * Most origin × destination pairs compared by word overlap when looking for distant moves:
 * 150 removed and 150 added blocks. A larger reorganisation keeps its moves found by id and
 * identical text, and shows the rest as removed and added blocks.
 */
export const MAX_MOVE_COMPARISONS = 22_500;

/** Blocks of fewer distinct words are linked as moves only by id or identical text. */
export const MIN_MOVE_WORDS = 3;

interface Located {
  section: SectionDiff;
  block: BlockDiff;
  text?: string;
  words?: Set<string>;
}

function locatedText(located: Located): string {
  located.text ??= normalizeText(plainText(located.block.before ?? located.block.after ?? EMPTY));
  return located.text;
}

function locatedWords(located: Located): Set<string> {
  located.words ??= wordSet(locatedText(located));
  return located.words;
}

function linkMove(origin: Located, destination: Located, budgets: Budgets): void {
  const beforeNode = origin.block.before ?? EMPTY;
  const afterNode = destination.block.after ?? EMPTY;
  const sameSection = origin.section === destination.section;
  const acrossSections = !sameSection;
  const target = destination.block;
  const indexBefore = origin.block.indexBefore ?? 0;
  target.before = beforeNode;
  target.moved = true;
  target.indexBefore = sameSection ? indexBefore : null;
  target.blockId = target.blockId ?? origin.block.blockId;
  if (canonicalEqual(beforeNode, afterNode)) target.status = "unchanged";
  else Object.assign(target, compareContent(beforeNode, afterNode, budgets), { status: "changed" });
  target.move = { id: "", role: "destination", sectionId: origin.section.sectionId, index: indexBefore, acrossSections };
  origin.block.move = {
    id: "",
    role: "origin",
    sectionId: destination.section.sectionId,
    index: target.indexAfter ?? 0,
    acrossSections,
  };
}

/** Names every move after its destination's place in reading order, and names its origin alike. */
function nameMoves(sections: readonly SectionDiff[]): void {
  const names = new Map<string, string>();
  const key = (sectionId: string, role: "origin" | "destination", index: number) => `${sectionId}\u0000${role}\u0000${index}`;
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.move?.role !== "destination" || block.indexAfter === null) continue;
      const name = `m${names.size + 1}`;
      block.move.id = name;
      names.set(key(block.move.sectionId, "origin", block.move.index), name);
    }
  }
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.move?.role === "origin" && block.indexBefore !== null) {
        block.move.id = names.get(key(section.sectionId, "origin", block.indexBefore)) ?? "";
      }
    }
  }
}

/**
 * A removed block is a repeat when its text stays in the section: a block with the same text,
 * or a neighbour that contains it whole (a web page repeating a paragraph's opening sentences).
 * An added block is a repeat when a block with its text was there already. Copies pasted twice
 * and closing paragraphs repeated by a web page are the common cases.
 */
function markRepeats(section: SectionDiff): void {
  if (section.status === "added" || section.status === "removed") return;
  const candidates = section.blocks.filter((block) => !block.move && (block.status === "removed" || block.status === "added"));
  // Most sections of a comparison only changed words: their texts need not be read again.
  if (candidates.length === 0) return;
  const keptBefore = new Map<number, string>();
  const presentBefore = new Set<string>();
  for (const block of section.blocks) {
    if (block.move?.role === "origin") continue;
    if (block.status !== "removed" && block.before && block.indexBefore !== null) keptBefore.set(block.indexBefore, blockSideText(block, "before"));
    if (block.status !== "added" && block.after) presentBefore.add(blockSideText(block, "after"));
  }
  const keptTexts = new Set(keptBefore.values());
  for (const block of candidates) {
    if (block.status === "removed") {
      const text = blockSideText(block, "before");
      const index = block.indexBefore ?? -1;
      // Equal to any block that stays, or contained whole in a neighbour that stays.
      const neighbours = [keptBefore.get(index - 1), keptBefore.get(index + 1)];
      block.repeated =
        text.trim().length > 0 &&
        (keptTexts.has(text) || (countWords(text) >= MIN_REPEAT_WORDS && neighbours.some((other) => other !== undefined && other.includes(text))));
    } else {
      const text = blockSideText(block, "after");
      block.repeated = text.trim().length > 0 && presentBefore.has(text);
    }
  }
}

/** A block shorter than this repeats another only if their texts are equal, not merely contained. */
export const MIN_REPEAT_WORDS = 5;

/**
 * A single line rather than a paragraph: a few words and no sentence, such as a page's
 * "ĐÁNH GIÁ BÀI VIẾT" (rate this article) left in the text.
 */
export const SHORT_LINE_MAX_WORDS = 8;
const SENTENCE_END = /[.!?…:;]["”’)»]*$/u;

export function isShortLine(node: RichNode): boolean {
  if (node.type !== "paragraph") return false;
  const text = normalizeText(plainText(node)).trim();
  const words = countWords(text);
  return words > 0 && words <= SHORT_LINE_MAX_WORDS && !SENTENCE_END.test(text) && !text.includes("\n");
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
    blocksAdded: 0,
    blocksRemoved: 0,
    linesRemoved: 0,
    blocksJoined: 0,
    blocksSplit: 0,
    blocksMoved: 0,
    repeatedRemoved: 0,
    repeatedAdded: 0,
  };
  for (const section of sections) {
    if (section.status === "added") stats.sectionsAdded++;
    if (section.status === "removed") stats.sectionsRemoved++;
    if (section.status === "changed") stats.sectionsChanged++;
    if (section.moved) stats.sectionsMoved++;
    if (section.renamed) stats.sectionsRenamed++;
    for (const block of section.blocks) {
      const counts = blockWordCounts(block);
      stats.wordsAdded += counts.added;
      stats.wordsRemoved += counts.removed;
      if (block.move?.role === "origin") continue;
      if (block.status !== "unchanged" || block.moved) stats.blocksChanged++;
      if (block.coarse) stats.blocksCoarse++;
      if (block.moved) stats.blocksMoved++;
      if (block.regroup?.kind === "join") stats.blocksJoined++;
      if (block.regroup?.kind === "split") stats.blocksSplit++;
      if (block.status === "added") {
        stats.blocksAdded++;
        if (block.repeated) stats.repeatedAdded++;
      }
      if (block.status === "removed") {
        stats.blocksRemoved++;
        if (block.repeated) stats.repeatedRemoved++;
        else if (block.before && isShortLine(block.before)) stats.linesRemoved++;
      }
    }
  }
  return stats;
}

/**
 * The text a block's `words` spell on one side: a join's parts (before) or a split's parts
 * (after) joined by a space, otherwise the block's own text, as NFC.
 */
export function blockSideText(block: BlockDiff, side: "before" | "after"): string {
  const regrouped = block.regroup && (block.regroup.kind === "join") === (side === "before");
  if (block.regroup && regrouped) return joinedText(block.regroup.parts);
  const node = side === "before" ? block.before : block.after;
  return node ? normalizeText(plainText(node)) : "";
}

/** Words a block adds and removes; a coarse block replaces all of its words; a move's origin counts none. */
export function blockWordCounts(block: BlockDiff): { added: number; removed: number } {
  if (block.status === "unchanged" || block.move?.role === "origin") return { added: 0, removed: 0 };
  if (block.status === "added") return { added: countWords(blockSideText(block, "after")), removed: 0 };
  if (block.status === "removed") return { added: 0, removed: countWords(blockSideText(block, "before")) };
  if (!block.words) {
    return { added: countWords(blockSideText(block, "after")), removed: countWords(blockSideText(block, "before")) };
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
