import type { RichNode } from "../document";

/**
 * The result of comparing two snapshots of a document. Plain JSON: the API serves it as is
 * (`GET /api/v1/documents/{slug}/diff?from=a&to=b`) and the views render it.
 *
 * ```
 * DocumentDiff
 * ├─ slugBefore/slugAfter, titleBefore/titleAfter   the document's own slug and title
 * ├─ stats                                          counts for summaries and badges
 * └─ sections: SectionDiff[]                        reading order of `after`; a removed section
 *    │                                              stands where it was (after the last section
 *    │                                              that kept its place before it)
 *    ├─ status: added | removed | changed | unchanged
 *    │    "changed" means its title, slug or content changed; moved and renamed are flags
 *    ├─ moved     its order changed relative to the sections that kept theirs (a longest
 *    │            common subsequence of ids decides which ones kept their place)
 *    ├─ renamed   its title changed
 *    ├─ positionBefore/positionAfter  index in each snapshot's section list (null on the missing side)
 *    └─ blocks: BlockDiff[]   every top-level block, unchanged ones too, in the same merged order
 *       ├─ status, moved, indexBefore/indexAfter (as for sections, within the section)
 *       ├─ before/after  the whole top-level node on each side (the caller's own objects; for an
 *       │                unchanged block both sides are present and equal)
 *       ├─ words         for a changed block, the word-level edit: `equal` + `delete` texts spell the
 *       │                before text, `equal` + `insert` texts the after text (NFC, nested blocks
 *       │                separated by "\n"); null for added, removed, unchanged and coarse blocks
 *       ├─ formatChanges changes that are not words: node type, heading level, other attributes,
 *       │                marks on text both sides share, or nested structure (see FormatChange)
 *       ├─ coarse        true when the complexity budget made this a whole-block replacement
 *       ├─ regroup       set for a join (several blocks before became this one) or a split (this
 *       │                block before became several): the parts, their indexes and the seams;
 *       │                `words` then compare the parts' texts joined by a space with the other side
 *       ├─ move          set on both ends of a moved block: the destination (where it stands now,
 *       │                `moved` true, words changed on the way) and the origin (a `removed` entry
 *       │                where it stood, counting no words); both carry the same id and the
 *       │                other end's section and index, within a section or across sections
 *       ├─ repeated      a removed (or added) block whose text repeats a block beside it that stays
 *       └─ items         for a changed list or table: item by item (rows, then cells), what changed
 * ```
 *
 * Text is compared after NFC normalization and attributes that are null or undefined count as
 * absent, exactly as canonicalJson() sees a document: two snapshots with equal canonical JSON
 * have an empty diff, and decomposed (NFD) input yields the same diff as precomposed input.
 * Word counts cover section content, not titles (a title change is reported as a rename).
 */
export interface DocumentDiff {
  slugBefore: string;
  slugAfter: string;
  titleBefore: string;
  titleAfter: string;
  sections: SectionDiff[];
  stats: DiffStats;
}

export type ChangeStatus = "added" | "removed" | "changed" | "unchanged";

export interface DiffStats {
  wordsAdded: number;
  wordsRemoved: number;
  sectionsAdded: number;
  sectionsRemoved: number;
  sectionsMoved: number;
  sectionsRenamed: number;
  /** Sections present on both sides whose title, slug or content changed. */
  sectionsChanged: number;
  /** Blocks added, removed, changed or moved, in all sections. */
  blocksChanged: number;
  /** Changed blocks shown as whole-block replacements because of the complexity budget. */
  blocksCoarse: number;
  /** Blocks that are new (not a move's destination, not a split's part). */
  blocksAdded: number;
  /** Blocks deleted (not a move's origin, not a join's part); repeated ones and lines included. */
  blocksRemoved: number;
  /** Removed blocks that were a single short line (no sentence), such as page furniture. */
  linesRemoved: number;
  /** Joins: each is one block made of several consecutive blocks of before. */
  blocksJoined: number;
  /** Splits: each is one block of before that became several consecutive blocks. */
  blocksSplit: number;
  /** Blocks moved (within or across sections), each counted once. */
  blocksMoved: number;
  /** Removed blocks that repeated a block that stays beside them. */
  repeatedRemoved: number;
  /** Added blocks that repeat a block that was there already beside them. */
  repeatedAdded: number;
}

export interface SectionDiff {
  sectionId: string;
  slugBefore: string | null;
  slugAfter: string | null;
  titleBefore: string | null;
  titleAfter: string | null;
  status: ChangeStatus;
  moved: boolean;
  renamed: boolean;
  positionBefore: number | null;
  positionAfter: number | null;
  blocks: BlockDiff[];
}

export type WordOp = "equal" | "insert" | "delete";

export interface WordChange {
  op: WordOp;
  text: string;
}

export interface BlockDiff {
  blockId: string | null;
  status: ChangeStatus;
  moved: boolean;
  indexBefore: number | null;
  indexAfter: number | null;
  before: RichNode | null;
  after: RichNode | null;
  words: WordChange[] | null;
  formatChanges: FormatChange[];
  coarse: boolean;
  regroup: BlockRegroup | null;
  move: BlockMove | null;
  repeated: boolean;
  items: ItemDiff[] | null;
}

/**
 * Blocks of one side that concatenate (modulo whitespace, plus any word changes the block's
 * `words` show) into one block of the other side.
 */
export interface BlockRegroup {
  /** "join": parts are blocks of before, `after` is the joined block; "split": the reverse. */
  kind: "join" | "split";
  /** The several blocks, in order (the first is also `before` for a join, `after` for a split). */
  parts: RichNode[];
  /** Their indexes in their section on that side. */
  indexes: number[];
  /**
   * Character offsets, in the text that `words` spell for the side with parts (equal + delete
   * for a join, equal + insert for a split), where each part after the first begins.
   */
  seams: number[];
}

/** Both ends of one moved block. */
export interface BlockMove {
  /** Shared by the origin and the destination entry ("m1", "m2", … in document order). */
  id: string;
  role: "origin" | "destination";
  /** The other end: its section, and its index there (after for an origin, before for a destination). */
  sectionId: string;
  index: number;
  /** Whether the two ends are in different sections. */
  acrossSections: boolean;
}

/**
 * One list item or table row (with its cells) of a changed list or table. Unchanged items are
 * listed too, so the items spell both sides in order.
 */
export interface ItemDiff {
  status: ChangeStatus;
  indexBefore: number | null;
  indexAfter: number | null;
  /** For a changed item: its word-level edit (as BlockDiff.words); null otherwise or when coarse. */
  words: WordChange[] | null;
  /** For a changed table row: its cells, compared by position. */
  cells: ItemDiff[] | null;
}

/**
 * A change that word counts do not show. Structured rather than prose so that each view
 * and API client words it in its own language (describeFormatChange() does it for vi/en).
 */
export type FormatChange =
  /** The node type changed, e.g. paragraph → heading. */
  | { kind: "nodeType"; from: string; to: string }
  /** A heading's level changed. */
  | { kind: "headingLevel"; from: number; to: number }
  /** Another attribute of the top-level node changed (the block id excepted). */
  | { kind: "attribute"; name: string; from: string | null; to: string | null }
  /** A mark was added to, removed from, or changed on text present on both sides. */
  | { kind: "mark"; mark: string; change: "added" | "removed" | "changed" }
  /** Nested nodes changed (list items, table cells, attributes inside) while the text stayed. */
  | { kind: "structure" };
