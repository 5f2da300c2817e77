import { plainText, type RichNode } from "../document";
import { BlockTexts } from "./block-texts";
import { countWords, countWordsNormalized, normalizeText, wordSet } from "../text";
import type { MatchedPair } from "./align";
import type { WordChange } from "./types";
import { countChangedNormalizedBlockWords, createWordDiffBudget, isTokenBoundary, type WordDiffBudget } from "./word-diff";

/**
 * Joins and splits: consecutive blocks of one side that concatenate into one block of the
 * other. Block matching pairs a joined paragraph with at most one of its parts (the one whose
 * id it kept, or the most similar); the other parts are left unmatched and would read as
 * deleted while their words read as inserted. This pass grows each such pair into a group
 * when that makes fewer words change, which is the truthful reading of the edit.
 */

/** Only paragraphs join and split: a heading or list absorbing a paragraph is a rewrite. */
const REGROUPABLE_TYPES: ReadonlySet<string> = new Set(["paragraph"]);

/**
 * Share of a candidate part's distinct words that must occur in the block it would join,
 * before the word diff that decides is spent on it.
 */
export const PART_WORD_COVERAGE = 0.5;

/**
 * Myers steps one document comparison may spend on deciding joins and splits, apart from the
 * word diffs shown: enough for hundreds of candidate groups of ordinary paragraphs.
 */
export const REGROUP_WORK_BUDGET = 1_000_000;

/** Most unmatched pairs of blocks examined in one section when a joined block has no partner. */
export const MAX_REGROUP_SEED_COMPARISONS = 3_600;

/** Most parts in one join or split (a longer run is a rewrite rather than a repair). */
export const MAX_REGROUP_PARTS = 12;

export interface Regroup {
  kind: "join" | "split";
  /** Indexes in before (several for a join, one for a split). */
  before: number[];
  /** Indexes in after (one for a join, several for a split). */
  after: number[];
}

export function createRegroupBudget(): WordDiffBudget {
  return createWordDiffBudget(REGROUP_WORK_BUDGET);
}

/** The text of several parts as the words of a join or split spell it: parts joined by a space. */
export function joinedText(parts: readonly RichNode[]): string {
  return parts.map((part) => normalizeText(plainText(part))).join(" ");
}

/**
 * Finds joins, then splits among the blocks the rest of the matching left over. Returns the
 * pairs to align (each group stands as one pair of its first blocks) and the groups keyed by
 * their first before index.
 */
export function findRegroups(
  before: readonly RichNode[],
  after: readonly RichNode[],
  pairs: readonly MatchedPair[],
  budget: WordDiffBudget,
  blockTexts: BlockTexts = new BlockTexts(),
): { pairs: MatchedPair[]; groups: Map<number, Regroup> } {
  const groups = new Map<number, Regroup>();
  if (pairs.length === before.length && pairs.length === after.length) return { pairs: [...pairs], groups };
  const beforeTexts = new SideTexts(before, blockTexts);
  const afterTexts = new SideTexts(after, blockTexts);
  const partnerOfBefore = new Map<number, number>();
  const partnerOfAfter = new Map<number, number>();
  for (const pair of pairs) {
    if (pair.knownEqual) continue;
    partnerOfBefore.set(pair.before, pair.after);
    partnerOfAfter.set(pair.after, pair.before);
  }
  const pairedBefore = new Set(pairs.map((pair) => pair.before));
  const pairedAfter = new Set(pairs.map((pair) => pair.after));

  const joins = findGroups({
    many: beforeTexts,
    one: afterTexts,
    partnerOfOne: partnerOfAfter,
    pairedMany: pairedBefore,
    pairedOne: pairedAfter,
    excludedOne: new Set(),
    budget,
  });
  const joinedParts = new Set<number>();
  for (const join of joins) {
    join.parts.forEach((index) => joinedParts.add(index));
    pairedAfter.add(join.target);
  }
  const splits = findGroups({
    many: afterTexts,
    one: beforeTexts,
    partnerOfOne: partnerOfBefore,
    pairedMany: pairedAfter,
    pairedOne: new Set([...pairedBefore, ...joinedParts]),
    excludedOne: joinedParts,
    budget,
  });

  const consumedBefore = new Set<number>();
  const consumedAfter = new Set<number>();
  for (const join of joins) {
    groups.set(join.parts[0], { kind: "join", before: join.parts, after: [join.target] });
    join.parts.forEach((index) => consumedBefore.add(index));
    consumedAfter.add(join.target);
  }
  for (const split of splits) {
    groups.set(split.target, { kind: "split", before: [split.target], after: split.parts });
    split.parts.forEach((index) => consumedAfter.add(index));
    consumedBefore.add(split.target);
  }
  const kept = pairs.filter((pair) => !consumedBefore.has(pair.before) && !consumedAfter.has(pair.after));
  for (const group of groups.values()) kept.push({ before: group.before[0], after: group.after[0] });
  return { pairs: kept, groups };
}

interface GroupSearch {
  /** The side with several blocks (before for joins). */
  many: SideTexts;
  /** The side with the one block they became. */
  one: SideTexts;
  /** For a block of `one`, the block of `many` matching paired it with (not as equal). */
  partnerOfOne: ReadonlyMap<number, number>;
  pairedMany: ReadonlySet<number>;
  pairedOne: ReadonlySet<number>;
  /** Blocks of `one` already part of another group. */
  excludedOne: ReadonlySet<number>;
  budget: WordDiffBudget;
}

interface FoundGroup {
  target: number;
  parts: number[];
}

function findGroups(search: GroupSearch): FoundGroup[] {
  const { many, one, partnerOfOne, pairedMany, pairedOne } = search;
  const taken = new Set<number>();
  const isFree = (index: number): boolean =>
    index >= 0 && index < many.length && !pairedMany.has(index) && !taken.has(index) && many.regroupable(index);
  const found: FoundGroup[] = [];
  const freeMany: number[] = [];
  for (let index = 0; index < many.length; index++) if (isFree(index)) freeMany.push(index);
  if (freeMany.length === 0) return found;

  let seedComparisonsLeft = MAX_REGROUP_SEED_COMPARISONS;
  for (let target = 0; target < one.length; target++) {
    if (!one.regroupable(target) || search.excludedOne.has(target)) continue;
    const partner = partnerOfOne.get(target);
    let seed: number | undefined;
    if (partner !== undefined) {
      if (!many.regroupable(partner)) continue;
      seed = partner;
    } else {
      if (pairedOne.has(target)) continue;
      const candidates = freeMany.filter(isFree);
      if (candidates.length > seedComparisonsLeft) continue;
      seedComparisonsLeft -= candidates.length;
      seed = bestCovering(candidates, many, one.words(target));
      if (seed === undefined) continue;
    }
    const parts = growGroup(seed, target, search, isFree);
    if (parts.length < 2) continue;
    if (partner === undefined && !worthGrouping(parts, target, search)) continue;
    parts.forEach((index) => taken.add(index));
    found.push({ target, parts });
  }
  return found;
}

/** The free block that has the largest share of its words in the target, if any has enough. */
function bestCovering(candidates: readonly number[], many: SideTexts, targetWords: ReadonlySet<string>): number | undefined {
  let best: number | undefined;
  let bestCoverage = PART_WORD_COVERAGE;
  for (const candidate of candidates) {
    const coverage = wordCoverage(many.words(candidate), targetWords);
    if (coverage > bestCoverage || (coverage === bestCoverage && best === undefined)) {
      best = candidate;
      bestCoverage = coverage;
    }
  }
  return best;
}

/**
 * Adds free neighbours of the seed, after it and then before it, for as long as each makes
 * the word diff against the target no longer: at least as many of its words are found in the
 * target as are not, so joining it tells the edit more truly than deleting it.
 */
function growGroup(seed: number, target: number, search: GroupSearch, isFree: (index: number) => boolean): number[] {
  const { many, one, budget } = search;
  const mayJoin = (index: number): boolean => isFree(index) && coversEnough(index, target, search);
  let parts = [seed];
  // Most blocks have no free neighbour that could be a part: no word diff is spent on them.
  if (!mayJoin(seed - 1) && !mayJoin(seed + 1)) return parts;
  const targetText = one.text(target);
  let cost = changedWords(many.joined(parts), targetText, budget);
  if (cost === null) return parts;
  const tryAdd = (index: number, atEnd: boolean): boolean => {
    if (parts.length >= MAX_REGROUP_PARTS || !isFree(index)) return false;
    if (!coversEnough(index, target, search)) return false;
    const candidate = atEnd ? [...parts, index] : [index, ...parts];
    const candidateCost = changedWords(many.joined(candidate), targetText, budget);
    if (candidateCost === null || cost === null || candidateCost > cost) return false;
    if (candidateCost === cost && many.wordCount(index) > 0) return false;
    parts = candidate;
    cost = candidateCost;
    return true;
  };
  while (tryAdd(parts[parts.length - 1] + 1, true));
  while (tryAdd(parts[0] - 1, false));
  return parts;
}

/**
 * Whether at least PART_WORD_COVERAGE of the part's distinct words occur in the target. A part
 * whose text stands in the target whole, between token boundaries, tokenizes there into the
 * same tokens, so all its words occur: the common case of a join or split, decided without
 * building either word set (which costs more than the rest of finding the group).
 */
function coversEnough(part: number, target: number, { many, one }: GroupSearch): boolean {
  return (
    coverageByContainment(many.text(part), one.text(target)) ??
    wordCoverage(many.words(part), one.words(target)) >= PART_WORD_COVERAGE
  );
}

/**
 * For two NFC texts: whether the part covers enough of the target when that follows from the
 * part standing whole in the target between token boundaries (then all its words occur, or it
 * has none), or null when it does not stand there and the word sets must decide.
 */
export function coverageByContainment(partText: string, targetText: string): boolean | null {
  for (let at = targetText.indexOf(partText); at !== -1; at = targetText.indexOf(partText, at + 1)) {
    if (isTokenBoundary(targetText, at) && isTokenBoundary(targetText, at + partText.length)) return WORD_CHARACTER.test(partText);
  }
  return null;
}

/** What makes a token a word (isWordToken): a letter or a digit. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** A group found without a matched partner must keep most of its words, or it is a rewrite. */
function worthGrouping(parts: readonly number[], target: number, search: GroupSearch): boolean {
  const cost = changedWords(search.many.joined(parts), search.one.text(target), search.budget);
  if (cost === null) return false;
  const total = parts.reduce((sum, index) => sum + search.many.wordCount(index), 0) + search.one.wordCount(target);
  return cost * 2 <= total;
}

/** Both texts are NFC: a block's cached text, or several joined by a space (BlockTexts.joined). */
function changedWords(beforeText: string, afterText: string, budget: WordDiffBudget): number | null {
  return countChangedNormalizedBlockWords(beforeText, afterText, budget);
}

export function countChangedWords(words: readonly WordChange[]): number {
  let changed = 0;
  for (const word of words) if (word.op !== "equal") changed += countWords(word.text);
  return changed;
}

export function wordCoverage(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return 0;
  let common = 0;
  for (const word of part) if (whole.has(word)) common++;
  return common / part.size;
}

/** Texts, word sets and counts of one side's blocks, each computed when first asked for. */
class SideTexts {
  private readonly wordSets = new Map<number, Set<string>>();
  private readonly counts = new Map<number, number>();

  constructor(
    private readonly nodes: readonly RichNode[],
    private readonly blockTexts: BlockTexts,
  ) {}

  get length(): number {
    return this.nodes.length;
  }

  regroupable(index: number): boolean {
    return REGROUPABLE_TYPES.has(this.nodes[index].type);
  }

  text(index: number): string {
    return this.blockTexts.text(this.nodes[index]);
  }

  joined(indexes: readonly number[]): string {
    return this.blockTexts.joined(indexes.map((index) => this.nodes[index]));
  }

  words(index: number): Set<string> {
    const cached = this.wordSets.get(index);
    if (cached) return cached;
    const words = wordSet(this.text(index));
    this.wordSets.set(index, words);
    return words;
  }

  wordCount(index: number): number {
    const cached = this.counts.get(index);
    if (cached !== undefined) return cached;
    const count = countWordsNormalized(this.text(index));
    this.counts.set(index, count);
    return count;
  }
}
