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

/** "Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa 32 từ" or "2 mục thay đổi: +12 −5 từ; 1 mục mới". */
export function summarizeDiff(diff: DocumentDiff, words: DiffSummaryWords): string {
  const affected = diff.sections.filter((section) => section.status !== "unchanged" || section.moved);
  const parts: string[] = [];
  if (diff.titleBefore !== diff.titleAfter) parts.push(words.documentRenamed(diff.titleAfter));
  if (affected.length === 1) parts.push(describeSection(affected[0], words));
  if (affected.length > 1) parts.push(describeSections(diff, affected.length, words));
  if (parts.length > 0) return parts.join(PART_SEPARATOR);
  if (diff.slugBefore !== diff.slugAfter) return words.addressChanged(diff.slugAfter);
  return words.noChanges;
}

function describeSection(section: SectionDiff, words: DiffSummaryWords): string {
  const title = section.titleAfter ?? section.titleBefore ?? section.sectionId;
  const counts = sectionCounts([section]);
  if (section.status === "added") return words.sectionAdded(title, counts.wordsAdded);
  if (section.status === "removed") return words.sectionRemoved(title, counts.wordsRemoved);
  const phrases: string[] = [];
  if (section.renamed && section.titleBefore !== null) phrases.push(words.renamedFrom(section.titleBefore));
  if (section.moved) phrases.push(words.sectionMoved);
  phrases.push(...blockPhrases(counts, words));
  if (counts.wordsAdded > 0) phrases.push(words.wordsAdded(counts.wordsAdded));
  if (counts.wordsRemoved > 0) phrases.push(words.wordsRemoved(counts.wordsRemoved));
  if (phrases.length === 0) phrases.push(otherChangePhrase(section, words));
  return words.sectionChanged(title, phrases.join(PHRASE_SEPARATOR));
}

function describeSections(diff: DocumentDiff, count: number, words: DiffSummaryWords): string {
  const { stats } = diff;
  const phrases: string[] = [];
  if (stats.sectionsAdded > 0) phrases.push(words.sectionsAdded(stats.sectionsAdded));
  if (stats.sectionsRemoved > 0) phrases.push(words.sectionsRemoved(stats.sectionsRemoved));
  if (stats.sectionsMoved > 0) phrases.push(words.sectionsMoved(stats.sectionsMoved));
  if (stats.sectionsRenamed > 0) phrases.push(words.sectionsRenamed(stats.sectionsRenamed));
  phrases.push(...blockPhrases(sectionCounts(diff.sections), words));
  const head = words.sectionsChanged(count, stats.wordsAdded, stats.wordsRemoved);
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

/** What to say about a section whose words and blocks did not change: its address or its formatting. */
function otherChangePhrase(section: SectionDiff, words: DiffSummaryWords): string {
  if (section.slugBefore !== section.slugAfter) return words.addressChangedShort;
  return words.formattingChanged;
}

interface BlockCounts {
  wordsAdded: number;
  wordsRemoved: number;
  joined: number;
  split: number;
  moved: number;
  repeatedRemoved: number;
  repeatedAdded: number;
  linesRemoved: number;
}

/** The counts of DiffStats for some sections; a move counts in the section it arrived in. */
function sectionCounts(sections: readonly SectionDiff[]): BlockCounts {
  const counts: BlockCounts = { wordsAdded: 0, wordsRemoved: 0, joined: 0, split: 0, moved: 0, repeatedRemoved: 0, repeatedAdded: 0, linesRemoved: 0 };
  for (const section of sections) {
    for (const block of section.blocks) {
      const wordCounts = blockWordCounts(block);
      counts.wordsAdded += wordCounts.added;
      counts.wordsRemoved += wordCounts.removed;
      if (block.move?.role === "origin") continue;
      if (block.regroup?.kind === "join") counts.joined++;
      if (block.regroup?.kind === "split") counts.split++;
      if (block.moved) counts.moved++;
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
