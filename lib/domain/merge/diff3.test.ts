import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choiceTape, randomFromTape } from "../fixtures/choice-tape";
import { mergeSequences } from "./diff3";

/** Runs per property: many of each kind of edit, well under a second. */
const PROPERTY_RUNS = 300;

const letters = (value: string) => value.split("");

function merge(base: string, head: string, proposal: string, separators = "") {
  const result = mergeSequences(letters(base), letters(head), letters(proposal), {
    isSeparator: (item) => separators.includes(item),
  });
  return result.kind === "merged" ? result.items.join("") : result.kind;
}

describe("mergeSequences", () => {
  it("applies changes from both sides to different stretches of the base", () => {
    expect(merge("abcdefgh", "aXcdefgh", "abcdefYh")).toBe("aXcdefYh");
  });

  it("applies insertions and deletions from both sides", () => {
    expect(merge("abcdefgh", "abXYcdefgh", "abcdeh")).toBe("abXYcdeh");
  });

  it("reports a conflict when both sides change the same item differently", () => {
    expect(merge("abcdef", "abXdef", "abYdef")).toBe("conflict");
  });

  it("accepts the same change made on both sides", () => {
    expect(merge("abcdef", "abXdef", "abXdef")).toBe("abXdef");
  });

  it("reports a conflict for different insertions at the same place", () => {
    expect(merge("abcdef", "abcXdef", "abcYdef")).toBe("conflict");
  });

  it("reports a conflict when one side inserts right next to an item the other side replaced", () => {
    expect(merge("abcdef", "abXdef", "abcYdef")).toBe("conflict");
    expect(merge("abcdef", "abXdef", "abYcdef")).toBe("conflict");
  });

  it("treats changes separated only by separators as touching", () => {
    expect(merge("a b c d", "a X c d", "a b c Y", " ")).toBe("a X c Y");
    expect(merge("a b c d", "a X c d", "a b Y d", " ")).toBe("conflict");
    expect(merge("a b, c d", "a X, c d", "a b, Y d", " ,")).toBe("conflict");
  });

  it("returns one side when the other did not change", () => {
    expect(merge("abcdef", "abcdef", "xyz")).toBe("xyz");
    expect(merge("abcdef", "xyz", "abcdef")).toBe("xyz");
  });

  it("merges into and out of an empty sequence", () => {
    expect(merge("", "", "abc")).toBe("abc");
    expect(merge("", "abc", "abc")).toBe("abc");
    expect(merge("", "abc", "xyz")).toBe("conflict");
    expect(merge("abc", "", "abc")).toBe("");
  });

  it("uses the given equality", () => {
    const result = mergeSequences(["A", "b"], ["a", "B"], ["A", "b", "c"], {
      equals: (x, y) => x.toLowerCase() === y.toLowerCase(),
    });
    expect(result).toEqual({ kind: "merged", items: ["A", "b", "c"] });
  });

  it("contains every change from both sides when random changes are far apart (fast-check, fixed seed)", () => {
    const SEQUENCE_LENGTH = 60;
    const GAP = 3;
    // fast-check over a tape of choices: a failure shrinks to the simplest edits that fail.
    fc.assert(
      fc.property(choiceTape(), (tape) => {
        const random = randomFromTape(tape);
        const base = Array.from({ length: SEQUENCE_LENGTH }, (_, index) => `b${index}`);
        // Each side edits its own stretches; the stretches alternate and keep GAP items apart.
        const cut = GAP + Math.floor(random() * (SEQUENCE_LENGTH - 2 * GAP));
        const headEdits = editStretch(random, 0, cut - GAP, "h");
        const proposalEdits = editStretch(random, cut, SEQUENCE_LENGTH, "p");
        const head = applyEdits(base, headEdits);
        const proposal = applyEdits(base, proposalEdits);
        const expected = applyEdits(base, [...headEdits, ...proposalEdits]);
        expect(mergeSequences(base, head, proposal)).toEqual({ kind: "merged", items: expected });
        expect(mergeSequences(base, proposal, head)).toEqual({ kind: "merged", items: expected });
      }),
      { seed: 20250101, numRuns: PROPERTY_RUNS },
    );
  });

  it("yields a conflict or an identical edit whenever random changes overlap (fast-check, fixed seed)", () => {
    // fast-check over a tape of choices: a failure shrinks to the simplest edits that fail.
    fc.assert(
      fc.property(choiceTape(), (tape) => {
        const random = randomFromTape(tape);
        const base = Array.from({ length: 20 }, (_, index) => `b${index}`);
        const position = Math.floor(random() * 20);
        const headEdits = [{ position, remove: 1, insert: random() < 0.5 ? ["same"] : ["h"] }];
        const proposalEdits = [{ position, remove: 1, insert: random() < 0.5 ? ["same"] : ["p"] }];
        const head = applyEdits(base, headEdits);
        const proposal = applyEdits(base, proposalEdits);
        const result = mergeSequences(base, head, proposal);
        if (head.join() === proposal.join()) expect(result).toEqual({ kind: "merged", items: head });
        else expect(result).toEqual({ kind: "conflict" });
      }),
      { seed: 7, numRuns: PROPERTY_RUNS },
    );
  });
});

interface Edit {
  position: number;
  remove: number;
  insert: string[];
}

/** Up to three edits inside [from, to), at least one item apart from each other. */
function editStretch(random: () => number, from: number, to: number, tag: string): Edit[] {
  const edits: Edit[] = [];
  let position = from;
  for (let edit = 0; edit < 3 && position < to; edit += 1) {
    position += Math.floor(random() * 4);
    if (position >= to) break;
    const remove = Math.min(Math.floor(random() * 3), to - position);
    const insert = Array.from({ length: remove === 0 ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3) }, (_, index) => `${tag}${position}-${index}`);
    edits.push({ position, remove, insert });
    position += remove + 1;
  }
  return edits;
}

function applyEdits(base: readonly string[], edits: readonly Edit[]): string[] {
  const result = [...base];
  for (const edit of [...edits].sort((a, b) => b.position - a.position)) {
    result.splice(edit.position, edit.remove, ...edit.insert);
  }
  return result;
}
