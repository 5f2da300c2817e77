import { diffTokens, type TokenChange } from "../diff/token-diff";

/**
 * A three-way merge of two sequences that both descend from a common base (diff3).
 * Each side's changes are found with a two-way diff against the base; changes that touch
 * different stretches of the base are applied together, and changes that overlap or touch
 * must be identical or the merge reports a conflict.
 */

export interface SequenceMergeOptions<T> {
  equals?: (a: T, b: T) => boolean;
  /**
   * Items that do not keep two changes apart: changes separated only by such items (for
   * words: spaces and punctuation) are treated as touching, since edits to neighbouring
   * words usually belong to one phrase.
   */
  isSeparator?: (item: T) => boolean;
}

export type SequenceMergeResult<T> =
  | { kind: "merged"; items: T[] }
  /** Both sides changed the same stretch of the base differently. */
  | { kind: "conflict" }
  /** A two-way diff exceeded its budget; callers treat this as a conflict on the whole unit. */
  | { kind: "too-large" };

/** One side's change: base items [start, end) replaced by `replacement` (start = end: an insertion). */
interface Hunk<T> {
  start: number;
  end: number;
  replacement: T[];
}

interface Region<T> {
  start: number;
  end: number;
  headHunks: Hunk<T>[];
  proposalHunks: Hunk<T>[];
}

export function mergeSequences<T>(
  base: readonly T[],
  head: readonly T[],
  proposal: readonly T[],
  options: SequenceMergeOptions<T> = {},
): SequenceMergeResult<T> {
  const equals = options.equals ?? Object.is;
  const isSeparator = options.isSeparator ?? (() => false);
  const touches = (hunk: Hunk<T>, region: Region<T>) =>
    hunk.start <= region.end || base.slice(region.end, hunk.start).every(isSeparator);
  const headChanges = diffTokens(base, head, equals);
  const proposalChanges = diffTokens(base, proposal, equals);
  if (headChanges === null || proposalChanges === null) return { kind: "too-large" };
  const headHunks = hunksOf(headChanges);
  const proposalHunks = hunksOf(proposalChanges);

  const items: T[] = [];
  let basePosition = 0;
  let nextHead = 0;
  let nextProposal = 0;
  while (nextHead < headHunks.length || nextProposal < proposalHunks.length) {
    const headFirst =
      nextProposal >= proposalHunks.length ||
      (nextHead < headHunks.length && headHunks[nextHead].start <= proposalHunks[nextProposal].start);
    const first = headFirst ? headHunks[nextHead++] : proposalHunks[nextProposal++];
    const region: Region<T> = {
      start: first.start,
      end: first.end,
      headHunks: headFirst ? [first] : [],
      proposalHunks: headFirst ? [] : [first],
    };
    // Touching counts as overlapping: an insertion right where the other side deleted or
    // replaced text has no single right place, so it is the author's call, not ours.
    for (;;) {
      if (nextHead < headHunks.length && touches(headHunks[nextHead], region)) {
        const hunk = headHunks[nextHead++];
        region.headHunks.push(hunk);
        region.end = Math.max(region.end, hunk.end);
        continue;
      }
      if (nextProposal < proposalHunks.length && touches(proposalHunks[nextProposal], region)) {
        const hunk = proposalHunks[nextProposal++];
        region.proposalHunks.push(hunk);
        region.end = Math.max(region.end, hunk.end);
        continue;
      }
      break;
    }

    items.push(...base.slice(basePosition, region.start));
    const headVersion = applyHunks(base, region, region.headHunks);
    const proposalVersion = applyHunks(base, region, region.proposalHunks);
    if (region.headHunks.length > 0 && region.proposalHunks.length > 0 && !sameSequence(headVersion, proposalVersion, equals)) {
      return { kind: "conflict" };
    }
    items.push(...(region.proposalHunks.length > 0 ? proposalVersion : headVersion));
    basePosition = region.end;
  }
  items.push(...base.slice(basePosition));
  return { kind: "merged", items };
}

function hunksOf<T>(changes: readonly TokenChange<T>[]): Hunk<T>[] {
  const hunks: Hunk<T>[] = [];
  let position = 0;
  let current: Hunk<T> | null = null;
  for (const change of changes) {
    if (change.op === "equal") {
      if (current) hunks.push(current);
      current = null;
      position += change.items.length;
      continue;
    }
    current ??= { start: position, end: position, replacement: [] };
    if (change.op === "delete") {
      current.end += change.items.length;
      position += change.items.length;
    } else {
      current.replacement.push(...change.items);
    }
  }
  if (current) hunks.push(current);
  return hunks;
}

/** The base's items of `region` with one side's hunks applied. */
function applyHunks<T>(base: readonly T[], region: Region<T>, hunks: readonly Hunk<T>[]): T[] {
  const version: T[] = [];
  let position = region.start;
  for (const hunk of hunks) {
    version.push(...base.slice(position, hunk.start), ...hunk.replacement);
    position = hunk.end;
  }
  version.push(...base.slice(position, region.end));
  return version;
}

function sameSequence<T>(a: readonly T[], b: readonly T[], equals: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((item, index) => equals(item, b[index]));
}
