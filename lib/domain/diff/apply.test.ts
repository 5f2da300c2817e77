import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical";
import { plainText, type DocumentSnapshot } from "../document";
import { decomposed, paragraph, section, snapshot } from "../fixtures/builders";
import { generateLargeHandbook } from "../fixtures/large-handbook";
import { createRandom } from "../fixtures/random";
import { applyRandomEdits, RANDOM_EDIT_KINDS, type RandomEditKind } from "../fixtures/random-edits";
import { normalizeText } from "../text";
import { applyStructuralEdits } from "../fixtures/structural-edits";
import {
  applyDocumentDiff,
  blockSideText,
  blockWordCounts,
  diffDocuments,
  DiffMismatchError,
  isEmptyDiff,
  type BlockDiff,
  type DocumentDiff,
} from "./index";

/** Enough rounds to meet every kind of edit many times over, few enough for a 2-core machine. */
const RANDOMIZED_ROUNDS = 150;

/** A small handbook of short sections, so that random edits collide often. */
function smallHandbook(seed: number): DocumentSnapshot {
  return generateLargeHandbook({ words: 1_200, seed, wordsPerSection: { min: 60, max: 250 } });
}

/** Invariants every diff keeps, whatever the edits were. */
function expectConsistent(diff: DocumentDiff): void {
  let wordsAdded = 0;
  let wordsRemoved = 0;
  const moveEnds = new Map<string, BlockDiff[]>();
  for (const current of diff.sections) {
    for (const block of current.blocks) {
      const counts = blockWordCounts(block);
      wordsAdded += counts.added;
      wordsRemoved += counts.removed;
      if (block.move) moveEnds.set(block.move.id, [...(moveEnds.get(block.move.id) ?? []), block]);
      if (block.status === "changed" && block.words) {
        const spell = (skipped: string) => block.words?.filter((word) => word.op !== skipped).map((word) => word.text).join("");
        expect(spell("insert")).toBe(blockSideText(block, "before"));
        expect(spell("delete")).toBe(blockSideText(block, "after"));
        if (!block.regroup) expect(spell("insert")).toBe(normalizeText(plainText(block.before ?? { type: "doc" })));
      }
      if (block.regroup) {
        expect(block.regroup.parts.length).toBeGreaterThan(1);
        expect(block.regroup.seams).toHaveLength(block.regroup.parts.length - 1);
      }
      if (block.status === "changed") {
        const wordsChanged = block.words === null || block.words.some((word) => word.op !== "equal");
        expect(wordsChanged || block.formatChanges.length > 0 || block.regroup !== null).toBe(true);
      }
    }
  }
  expect(diff.stats.wordsAdded).toBe(wordsAdded);
  expect(diff.stats.wordsRemoved).toBe(wordsRemoved);
  // Every move has exactly one origin and one destination, each pointing at the other.
  for (const [id, ends] of moveEnds) {
    expect(id, "move id").not.toBe("");
    expect(ends.map((end) => end.move?.role).sort(), `move ${id}`).toEqual(["destination", "origin"]);
  }
  expect(diff.stats.blocksMoved).toBe(moveEnds.size);
}

describe("applyDocumentDiff", () => {
  it("rebuilds b from a and diff(a, b) after many random edits of every kind, in both directions", () => {
    const seen = new Set<RandomEditKind>();
    for (let round = 1; round <= RANDOMIZED_ROUNDS; round++) {
      const random = createRandom(round);
      const before = smallHandbook(round);
      const { snapshot: after, applied } = applyRandomEdits(before, { edits: random.int(1, 30), seed: round * 7919 });
      applied.forEach((kind) => seen.add(kind));

      const forward = diffDocuments(before, after);
      expect(canonicalJson(applyDocumentDiff(before, forward)), `round ${round}`).toBe(canonicalJson(after));
      const served = JSON.parse(JSON.stringify(forward)) as DocumentDiff;
      expect(canonicalJson(applyDocumentDiff(before, served)), `round ${round}, through JSON`).toBe(canonicalJson(after));
      expect(isEmptyDiff(forward), `round ${round}`).toBe(canonicalJson(before) === canonicalJson(after));
      expectConsistent(forward);

      const backward = diffDocuments(after, before);
      expect(canonicalJson(applyDocumentDiff(after, backward)), `round ${round}, backward`).toBe(canonicalJson(before));
      // Word counts need not mirror exactly (two minimal token edits may differ by a word),
      // but what was added one way was removed the other.
      expect(backward.stats.sectionsAdded).toBe(forward.stats.sectionsRemoved);
      expect(backward.stats.sectionsRemoved).toBe(forward.stats.sectionsAdded);
      expect(backward.stats.sectionsMoved).toBe(forward.stats.sectionsMoved);
      expectConsistent(backward);
    }
    expect([...seen].sort()).toEqual([...RANDOM_EDIT_KINDS].sort());
  });

  it("reports generated splits, joins and moves with an edit as exactly that, and still rebuilds b", () => {
    const totals = { splits: 0, joins: 0, moves: 0 };
    for (let round = 1; round <= RANDOMIZED_ROUNDS; round++) {
      const random = createRandom(50_000 + round);
      const before = smallHandbook(2_000 + round);
      const { snapshot: after, done } = applyStructuralEdits(before, {
        seed: round,
        splits: random.int(0, 2),
        joins: random.int(0, 2),
        moves: random.int(0, 2),
      });
      totals.splits += done.splits;
      totals.joins += done.joins;
      totals.moves += done.moves;
      const forward = diffDocuments(before, after);
      expect(canonicalJson(applyDocumentDiff(before, forward)), `round ${round}`).toBe(canonicalJson(after));
      expectConsistent(forward);
      expect(
        [forward.stats.blocksSplit, forward.stats.blocksJoined, forward.stats.blocksMoved, forward.stats.wordsAdded, forward.stats.wordsRemoved],
        `round ${round}`,
      ).toEqual([done.splits, done.joins, done.moves, done.moves, done.moves]);
      // Backwards, every split is a join and every join a split.
      const backward = diffDocuments(after, before);
      expect(canonicalJson(applyDocumentDiff(after, backward)), `round ${round}, backward`).toBe(canonicalJson(before));
      expectConsistent(backward);
      expect([backward.stats.blocksSplit, backward.stats.blocksJoined, backward.stats.blocksMoved], `round ${round}, backward`).toEqual([
        done.joins,
        done.splits,
        done.moves,
      ]);
    }
    expect(Math.min(totals.splits, totals.joins, totals.moves)).toBeGreaterThan(RANDOMIZED_ROUNDS / 2);
  });

  it("gives the same diff for decomposed (NFD) input as for precomposed (NFC) input", () => {
    for (let round = 1; round <= 20; round++) {
      const before = smallHandbook(1_000 + round);
      const { snapshot: after } = applyRandomEdits(before, { edits: 15, seed: round });
      const precomposed = diffDocuments(before, after);
      const fromDecomposed = diffDocuments(decomposed(before), decomposed(after));
      expect(canonicalJson(fromDecomposed), `round ${round}`).toBe(canonicalJson(precomposed));
      expect(fromDecomposed.stats).toEqual(precomposed.stats);
      expect(fromDecomposed.sections.flatMap((current) => current.blocks.map((block) => block.words))).toEqual(
        precomposed.sections.flatMap((current) => current.blocks.map((block) => block.words)),
      );
    }
  });

  it("refuses a diff computed from another snapshot", () => {
    const before = snapshot([section("a", "A", [paragraph("Một", "p")])]);
    const after = snapshot([section("a", "A", [paragraph("Hai", "p")])]);
    const other = snapshot([section("b", "B", [paragraph("Một", "p")])]);
    expect(() => applyDocumentDiff(other, diffDocuments(before, after))).toThrow(DiffMismatchError);
  });
});
