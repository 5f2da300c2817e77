import { describe, expect, it } from "vitest";
import { createRandom } from "../fixtures/random";
import { SEED_PARAGRAPHS } from "../fixtures/seed-chapter";
import { normalizeText, tokenize } from "../text";
import type { WordChange } from "./types";
import { createWordDiffBudget, diffBlockWords, MAX_BLOCK_EDIT_DISTANCE } from "./word-diff";

const spell = (words: WordChange[], skipped: "insert" | "delete"): string =>
  words.filter((word) => word.op !== skipped).map((word) => word.text).join("");

const changes = (words: WordChange[] | null): WordChange[] => (words ?? []).filter((word) => word.op !== "equal");

describe("diffBlockWords", () => {
  it("spells both texts back and never cuts a word, over many random token edits", () => {
    const random = createRandom(2024);
    for (let round = 0; round < 300; round++) {
      const tokens = tokenize(random.pick(SEED_PARAGRAPHS));
      const edited = [...tokens];
      for (let edit = random.int(1, 8); edit > 0; edit--) {
        const position = random.int(0, edited.length);
        const kind = random.int(0, 2);
        if (kind === 0) edited.splice(position, 0, random.pick(["mới", " ", ",", "Nghị", "quyết", "số"]));
        if (kind === 1 && edited.length > 0) edited.splice(Math.min(position, edited.length - 1), 1);
        if (kind === 2 && edited.length > 0) edited[Math.min(position, edited.length - 1)] = random.pick(["phủ", "phú", "dân"]);
      }
      const before = tokens.join("");
      const after = edited.join("");
      const words = diffBlockWords(before, after, createWordDiffBudget());
      if (!words) throw new Error(`round ${round} exceeded the budget`);
      expect(spell(words, "insert")).toBe(before);
      expect(spell(words, "delete")).toBe(after);
      const boundaries = new Set<number>();
      let offset = 0;
      for (const token of tokenize(before)) boundaries.add((offset += token.length));
      offset = 0;
      for (const word of words) {
        if (word.op === "insert") continue;
        offset += word.text.length;
        expect(boundaries.has(offset), `round ${round}: a change ends inside a word of the old text`).toBe(true);
      }
    }
  });

  it("keeps a changed tone mark as a change of the whole syllable", () => {
    expect(changes(diffBlockWords("Chính phủ số", "Chính phú số", createWordDiffBudget()))).toEqual([
      { op: "delete", text: "phủ" },
      { op: "insert", text: "phú" },
    ]);
  });

  it("compares decomposed and precomposed text as the same text", () => {
    const text = "Thăng Long trống trải giữa vùng đồng bằng";
    expect(diffBlockWords(text.normalize("NFD"), text, createWordDiffBudget())).toEqual([{ op: "equal", text }]);
    expect(diffBlockWords(`${text} mới`.normalize("NFD"), text, createWordDiffBudget())).toEqual(
      diffBlockWords(`${text} mới`, text, createWordDiffBudget()),
    );
  });

  it("joins a rewritten phrase into one deletion and one insertion across the spaces between its words", () => {
    const words = diffBlockWords("dời đô từ Hoa Lư sang Thăng Long", "dời đô từ Ninh Bình ra Hà Nội", createWordDiffBudget());
    expect(words).toEqual([
      { op: "equal", text: "dời đô từ " },
      { op: "delete", text: "Hoa Lư sang Thăng Long" },
      { op: "insert", text: "Ninh Bình ra Hà Nội" },
    ]);
  });

  it("does not split a letter outside the basic plane from the word it belongs to", () => {
    const words = diffBlockWords("ab𝐀c d", "ab𝐀e d", createWordDiffBudget());
    expect(changes(words)).toEqual([
      { op: "delete", text: "ab𝐀c" },
      { op: "insert", text: "ab𝐀e" },
    ]);
  });

  it("gives up (null) past the per-block edit distance, and once the shared budget is spent", () => {
    const many = (prefix: string) => Array.from({ length: MAX_BLOCK_EDIT_DISTANCE }, (_, index) => `${prefix}${index}`).join(" ");
    expect(diffBlockWords(many("a"), many("b"), createWordDiffBudget())).toBeNull();
    const budget = createWordDiffBudget(10);
    expect(diffBlockWords("một hai ba", "một bốn ba", budget)).not.toBeNull();
    expect(budget.remainingSteps).toBeLessThan(10);
    const spent = createWordDiffBudget(0);
    expect(diffBlockWords("một hai ba", "một bốn ba", spent)).toBeNull();
    expect(diffBlockWords("một hai ba", "một hai ba", spent)).toEqual([{ op: "equal", text: normalizeText("một hai ba") }]);
  });
});
