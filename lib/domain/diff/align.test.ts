import { describe, expect, it } from "vitest";
import { alignSequences, pairsInOrder, type AlignedEntry } from "./align";

const pairs = (list: [number, number][]) => list.map(([before, after]) => ({ before, after }));

function label(entry: AlignedEntry): string {
  if (entry.kind === "matched") return `=${entry.pair.before}`;
  if (entry.kind === "removed") return `-${entry.before}`;
  if (entry.kind === "origin") return `~${entry.pair.before}`;
  return `+${entry.after}`;
}

describe("pairsInOrder", () => {
  it("keeps the longest run of pairs in the same order on both sides", () => {
    // Item 0 went to the end: the other four kept their order.
    const chosen = pairsInOrder(pairs([[0, 4], [1, 0], [2, 1], [3, 2], [4, 3]]));
    expect(chosen.map((pair) => pair.before)).toEqual([1, 2, 3, 4]);
  });

  it("is empty for no pairs", () => {
    expect(pairsInOrder([])).toEqual([]);
  });
});

describe("alignSequences", () => {
  it("lists removals where they stood, before the insertions of the same gap", () => {
    // before: A B C    after: A X C   (B removed, X added)
    const entries = alignSequences(3, 3, pairs([[0, 0], [2, 2]]));
    expect(entries.map(label)).toEqual(["=0", "-1", "+1", "=2"]);
  });

  it("reports a moved item once, at its new place", () => {
    // before: A B C D   after: B C D A
    const entries = alignSequences(4, 4, pairs([[0, 3], [1, 0], [2, 1], [3, 2]]));
    expect(entries.map((entry) => (entry.kind === "matched" ? [entry.pair.before, entry.moved] : entry.kind))).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [0, true],
    ]);
  });
});
