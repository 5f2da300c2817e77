import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RichNode } from "../document";
import { isWordToken, normalizeText, tokenize } from "../text";
import { BlockTexts } from "./block-texts";
import { countChangedWords, coverageByContainment, joinedText, PART_WORD_COVERAGE, wordCoverage } from "./regroup";
import { countChangedBlockWords, createWordDiffBudget, diffBlockWords } from "./word-diff";

/** Word sets as block matching builds them: lowercased word tokens of the NFC text. */
function words(text: string): Set<string> {
  return new Set(tokenize(text).filter(isWordToken).map((word) => word.toLowerCase()));
}

/**
 * Pieces that make token boundaries hard: Vietnamese syllables precomposed and decomposed,
 * a lone combining mark, case, digits, punctuation runs, spaces and a non-BMP letter.
 */
const piece = fc.constantFrom("Việt", "vie\u0302\u0323t", "nam", "Nam", "\u0301", "a", "b", "ab", "12", " ", "  ", ",", ".", "…", "-", "\n", "𝒜");
const text = fc.array(piece, { maxLength: 12 }).map((pieces) => normalizeText(pieces.join("")));

describe("coverageByContainment", () => {
  it("decides only what the word sets decide: a part standing whole in the target covers it", () => {
    fc.assert(
      fc.property(text, text, text, fc.boolean(), (part, left, right, embed) => {
        const target = embed ? normalizeText(left + part + right) : left;
        const decided = coverageByContainment(part, target);
        if (decided === null) return;
        expect(decided).toBe(wordCoverage(words(part), words(target)) >= PART_WORD_COVERAGE);
      }),
      { numRuns: 2_000 },
    );
  });

  it("leaves a part found only inside a longer word to the word sets", () => {
    expect(coverageByContainment("nam", "Việt namx")).toBeNull();
    expect(coverageByContainment("nam", "Việt nam, xa")).toBe(true);
    expect(coverageByContainment(", .", "a , . b")).toBe(false);
  });
});

describe("countChangedBlockWords", () => {
  it("counts what the word diff shows and spends the same budget, down to a spent one", () => {
    fc.assert(
      fc.property(text, text, text, fc.integer({ min: 0, max: 60 }), (shared, before, after, steps) => {
        const beforeText = shared + before + shared;
        const afterText = shared + after + shared;
        const counted = createWordDiffBudget(steps);
        const diffed = createWordDiffBudget(steps);
        const words = diffBlockWords(beforeText, afterText, diffed);
        expect(countChangedBlockWords(beforeText, afterText, counted)).toBe(words === null ? null : countChangedWords(words));
        expect(counted.remainingSteps).toBe(diffed.remainingSteps);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("BlockTexts", () => {
  const anyText = fc.oneof(text, fc.string({ unit: "binary", maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 20 }));
  const paragraph = (value: string): RichNode => ({ type: "paragraph", content: value.length > 0 ? [{ type: "text", text: value }] : [] });

  it("joins parts as joinedText() does, already NFC, with the seams where each part begins", () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), (values) => {
        const parts = values.map(paragraph);
        const texts = new BlockTexts();
        const joined = texts.joined(parts);
        expect(joined).toBe(joinedText(parts));
        expect(normalizeText(joined)).toBe(joined);
        const seams = texts.seams(parts);
        expect(seams).toHaveLength(parts.length - 1);
        seams.forEach((seam, index) => {
          expect(joined[seam - 1]).toBe(" ");
          expect(joined.startsWith(texts.text(parts[index + 1]), seam)).toBe(true);
        });
      }),
      { numRuns: 2_000 },
    );
  });
});
