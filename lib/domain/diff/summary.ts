import type { DocumentDiff, FormatChange, SectionDiff } from "./types";
import { blockWordCounts, isShortLine } from "./document-diff";

/**
 * One-line descriptions of a diff, for version history lists, notifications and feed entries,
 * where there is no room for the diff itself. This module decides what to say; every word comes
 * from the catalog (`messages(locale).diff.summary`, lib/i18n/*\/diff.ts), passed in as `words`.
 */

export type DiffLocale = "vi" | "en";

/** Punctuation between the phrases of one part, and between parts (the same in both languages). */
const PHRASE_SEPARATOR = ", ";
const PART_SEPARATOR = "; ";

/** The words of a summary, one entry per phrase; counts go through the catalog's plural helper. */
export interface DiffSummaryWords {
  noChanges: string;
  documentRenamed: (title: string) => string;
  addressChanged: (slug: string) => string;
  sectionAdded: (title: string, words: number) => string;
  sectionRemoved: (title: string, words: number) => string;
  /** "Mục “title”: details", the details being phrases separated by commas. */
  sectionChanged: (title: string, details: string) => string;
  /** "3 mục thay đổi: +7 −3 từ"; the other phrases follow after a semicolon. */
  sectionsChanged: (count: number, wordsAdded: number, wordsRemoved: number) => string;
  renamedFrom: (title: string) => string;
  sectionMoved: string;
  wordsAdded: (count: number) => string;
  wordsRemoved: (count: number) => string;
  sectionsAdded: (count: number) => string;
  sectionsRemoved: (count: number) => string;
  sectionsMoved: (count: number) => string;
  sectionsRenamed: (count: number) => string;
  paragraphsJoined: (count: number) => string;
  paragraphsSplit: (count: number) => string;
  paragraphsMoved: (count: number) => string;
  repeatedRemoved: (count: number) => string;
  repeatedAdded: (count: number) => string;
  linesRemoved: (count: number) => string;
  addressChangedShort: string;
  formattingChanged: string;
  /** Format changes: see describeFormatChange(). */
  nodeTypes: Readonly<Record<string, string>>;
  marks: Readonly<Record<string, string>>;
  nodeTypeChanged: (from: string, to: string) => string;
  headingLevelChanged: (from: number, to: number) => string;
  attributeChanged: (name: string, from: string | null, to: string | null) => string;
  markChanged: (mark: string, change: "added" | "removed" | "changed") => string;
  structureChanged: string;
}

/**
 * What a summary says, as counts and names only: stored with a version at publication (in its
 * stats JSON, under SUMMARY_FACTS_KEY) and put into words when someone reads it, in their language
 * (renderDiffSummary), so history, feeds and notifications speak the reader's language.
 */
export interface DiffSummaryFacts {
  /** Bumped when the shape changes, so a row written by another release is recognised, not misread. */
  version: typeof SUMMARY_FACTS_VERSION;
  /** The document's new title, when it was renamed. */
  documentRenamedTo: string | null;
  /** The document's new address, when it changed. */
  addressChangedTo: string | null;
  /** Section counts of the whole change (DiffStats). */
  sectionsAdded: number;
  sectionsRemoved: number;
  sectionsMoved: number;
  sectionsRenamed: number;
  /** Word and block counts of the whole change; a move counts in the section it arrived in. */
  totals: BlockCounts;
  /** The sections that changed or moved, in the diff's order. */
  sections: SectionSummaryFacts[];
}

export interface SectionSummaryFacts {
  sectionId: string;
  /** Its title after the change (before it, for a removed section). */
  title: string;
  status: "added" | "removed" | "changed" | "unchanged";
  /** The title before, when the section was renamed. */
  renamedFrom: string | null;
  moved: boolean;
  addressChanged: boolean;
  counts: BlockCounts;
}

export interface BlockCounts {
  wordsAdded: number;
  wordsRemoved: number;
  /** Blocks new, deleted or edited (not counting joins, splits and moves, which have their own counts). */
  blocksAdded: number;
  blocksRemoved: number;
  blocksChanged: number;
  joined: number;
  split: number;
  moved: number;
  repeatedRemoved: number;
  repeatedAdded: number;
  linesRemoved: number;
}

export const SUMMARY_FACTS_VERSION = 1;
/** The key of a version's stats JSON that holds its DiffSummaryFacts. */
export const SUMMARY_FACTS_KEY = "summaryFacts";

/** "Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa 32 từ" or "2 mục thay đổi: +12 −5 từ; 1 mục mới". */
export function summarizeDiff(diff: DocumentDiff, words: DiffSummaryWords): string {
  return renderDiffSummary(diffSummaryFacts(diff), words);
}

/** The facts of a diff's summary: everything renderDiffSummary needs, and nothing in any language. */
export function diffSummaryFacts(diff: DocumentDiff): DiffSummaryFacts {
  const affected = diff.sections.filter((section) => section.status !== "unchanged" || section.moved);
  return {
    version: SUMMARY_FACTS_VERSION,
    documentRenamedTo: diff.titleBefore !== diff.titleAfter ? diff.titleAfter : null,
    addressChangedTo: diff.slugBefore !== diff.slugAfter ? diff.slugAfter : null,
    sectionsAdded: diff.stats.sectionsAdded,
    sectionsRemoved: diff.stats.sectionsRemoved,
    sectionsMoved: diff.stats.sectionsMoved,
    sectionsRenamed: diff.stats.sectionsRenamed,
    totals: { ...sectionCounts(diff.sections), wordsAdded: diff.stats.wordsAdded, wordsRemoved: diff.stats.wordsRemoved },
    sections: affected.map(sectionFacts),
  };
}

function sectionFacts(section: SectionDiff): SectionSummaryFacts {
  return {
    sectionId: section.sectionId,
    title: section.titleAfter ?? section.titleBefore ?? section.sectionId,
    status: section.status,
    renamedFrom: section.renamed ? section.titleBefore : null,
    moved: section.moved,
    addressChanged: section.slugBefore !== section.slugAfter,
    counts: sectionCounts([section]),
  };
}

/** The one-line summary of stored facts, in the words (and so the language) given. */
export function renderDiffSummary(facts: DiffSummaryFacts, words: DiffSummaryWords): string {
  const parts: string[] = [];
  if (facts.documentRenamedTo !== null) parts.push(words.documentRenamed(facts.documentRenamedTo));
  if (facts.sections.length === 1) parts.push(renderSectionSummary(facts.sections[0], words));
  if (facts.sections.length > 1) parts.push(describeSections(facts, words));
  if (parts.length > 0) return parts.join(PART_SEPARATOR);
  if (facts.addressChangedTo !== null) return words.addressChanged(facts.addressChangedTo);
  return words.noChanges;
}

/** What happened to one section: the same words a summary of that section alone would say (section feeds). */
export function renderSectionSummary(section: SectionSummaryFacts, words: DiffSummaryWords): string {
  const { counts } = section;
  if (section.status === "added") return words.sectionAdded(section.title, counts.wordsAdded);
  if (section.status === "removed") return words.sectionRemoved(section.title, counts.wordsRemoved);
  const phrases: string[] = [];
  if (section.renamedFrom !== null) phrases.push(words.renamedFrom(section.renamedFrom));
  if (section.moved) phrases.push(words.sectionMoved);
  phrases.push(...blockPhrases(counts, words));
  if (counts.wordsAdded > 0) phrases.push(words.wordsAdded(counts.wordsAdded));
  if (counts.wordsRemoved > 0) phrases.push(words.wordsRemoved(counts.wordsRemoved));
  if (phrases.length === 0) phrases.push(section.addressChanged ? words.addressChangedShort : words.formattingChanged);
  return words.sectionChanged(section.title, phrases.join(PHRASE_SEPARATOR));
}

function describeSections(facts: DiffSummaryFacts, words: DiffSummaryWords): string {
  const phrases: string[] = [];
  if (facts.sectionsAdded > 0) phrases.push(words.sectionsAdded(facts.sectionsAdded));
  if (facts.sectionsRemoved > 0) phrases.push(words.sectionsRemoved(facts.sectionsRemoved));
  if (facts.sectionsMoved > 0) phrases.push(words.sectionsMoved(facts.sectionsMoved));
  if (facts.sectionsRenamed > 0) phrases.push(words.sectionsRenamed(facts.sectionsRenamed));
  phrases.push(...blockPhrases(facts.totals, words));
  const head = words.sectionsChanged(facts.sections.length, facts.totals.wordsAdded, facts.totals.wordsRemoved);
  return phrases.length > 0 ? `${head}${PART_SEPARATOR}${phrases.join(PHRASE_SEPARATOR)}` : head;
}

/** Joins, splits, moves, repeats and stray lines: what word counts alone would misreport. */
function blockPhrases(counts: BlockCounts, words: DiffSummaryWords): string[] {
  const phrases: string[] = [];
  if (counts.joined > 0) phrases.push(words.paragraphsJoined(counts.joined));
  if (counts.split > 0) phrases.push(words.paragraphsSplit(counts.split));
  if (counts.moved > 0) phrases.push(words.paragraphsMoved(counts.moved));
  if (counts.repeatedRemoved > 0) phrases.push(words.repeatedRemoved(counts.repeatedRemoved));
  if (counts.repeatedAdded > 0) phrases.push(words.repeatedAdded(counts.repeatedAdded));
  if (counts.linesRemoved > 0) phrases.push(words.linesRemoved(counts.linesRemoved));
  return phrases;
}

/** The counts of DiffStats for some sections; a move counts in the section it arrived in. */
function sectionCounts(sections: readonly SectionDiff[]): BlockCounts {
  const counts: BlockCounts = {
    wordsAdded: 0,
    wordsRemoved: 0,
    blocksAdded: 0,
    blocksRemoved: 0,
    blocksChanged: 0,
    joined: 0,
    split: 0,
    moved: 0,
    repeatedRemoved: 0,
    repeatedAdded: 0,
    linesRemoved: 0,
  };
  for (const section of sections) {
    for (const block of section.blocks) {
      const wordCounts = blockWordCounts(block);
      counts.wordsAdded += wordCounts.added;
      counts.wordsRemoved += wordCounts.removed;
      if (block.move?.role === "origin") continue;
      if (block.regroup?.kind === "join") counts.joined++;
      if (block.regroup?.kind === "split") counts.split++;
      if (block.moved) counts.moved++;
      if (!block.regroup && !block.moved) {
        if (block.status === "added") counts.blocksAdded++;
        if (block.status === "removed") counts.blocksRemoved++;
        if (block.status === "changed") counts.blocksChanged++;
      }
      if (block.status === "added" && block.repeated) counts.repeatedAdded++;
      if (block.status === "removed" && block.repeated) counts.repeatedRemoved++;
      if (block.status === "removed" && !block.repeated && block.before && isShortLine(block.before)) counts.linesRemoved++;
    }
  }
  return counts;
}

/** "cấp tiêu đề 3 → 4", "thêm in đậm" / "heading level 3 → 4", "bold added". */
export function describeFormatChange(change: FormatChange, words: DiffSummaryWords): string {
  switch (change.kind) {
    case "nodeType":
      return words.nodeTypeChanged(words.nodeTypes[change.from] ?? change.from, words.nodeTypes[change.to] ?? change.to);
    case "headingLevel":
      return words.headingLevelChanged(change.from, change.to);
    case "attribute":
      return words.attributeChanged(change.name, change.from, change.to);
    case "mark":
      return words.markChanged(words.marks[change.mark] ?? change.mark, change.change);
    case "structure":
      return words.structureChanged;
  }
}
