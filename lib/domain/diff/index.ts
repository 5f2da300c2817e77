/**
 * The diff engine: compares two snapshots of a document and describes the result.
 * See types.ts for the shape of a DocumentDiff and what each field promises.
 */
export { diffDocuments, isEmptyDiff, blockWordCounts, blockSideText, isShortLine, SHORT_LINE_MAX_WORDS } from "./document-diff";
export { applyDocumentDiff, DiffMismatchError } from "./apply";
export {
  summarizeDiff,
  diffSummaryFacts,
  renderDiffSummary,
  renderSectionSummary,
  describeFormatChange,
  SUMMARY_FACTS_KEY,
  type DiffLocale,
  type DiffSummaryWords,
  type DiffSummaryFacts,
  type SectionSummaryFacts,
} from "./summary";
export { diffSummaryFactsSchema, summaryFactsFromStats } from "./summary-facts";
export { MAX_BLOCK_EDIT_DISTANCE, WORD_DIFF_WORK_BUDGET } from "./word-diff";
export { BLOCK_SIMILARITY_THRESHOLD } from "./block-align";
export type {
  BlockDiff,
  BlockMove,
  BlockRegroup,
  ItemDiff,
  ChangeStatus,
  DiffStats,
  DocumentDiff,
  FormatChange,
  SectionDiff,
  WordChange,
  WordOp,
} from "./types";
