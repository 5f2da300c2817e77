import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  characterClassAt,
  countWords,
  countWordsNormalized,
  foldDiacritics,
  isWordToken,
  TOKEN_PATTERN,
  tokenize,
  tokenizeNormalized,
  wordSet,
} from "./text";

describe("tokenize", () => {
  it("keeps each Vietnamese syllable whole and round-trips the text", () => {
    const text = "Chính phủ số, lấy dữ liệu là trung tâm.";
    const tokens = tokenize(text);
    expect(tokens.join("")).toBe(text);
    expect(tokens).toContain("Chính");
    expect(tokens).toContain("dữ");
    expect(tokens).toContain(",");
  });

  it("tokenizes decomposed (NFD) input exactly like precomposed (NFC) input", () => {
    const text = "Thăng Long trống trải giữa vùng đồng bằng";
    expect(tokenize(text.normalize("NFD"))).toEqual(tokenize(text));
  });

  it("counts words without whitespace or punctuation", () => {
    expect(countWords("Có ba mức độ phát triển.")).toBe(6);
  });
});

describe("foldDiacritics", () => {
  it("folds tones, vowel marks and đ", () => {
    expect(foldDiacritics("Chính phủ số Đất nước")).toBe("chinh phu so dat nuoc");
  });
});

/**
 * The scanner in text.ts must cut and classify exactly as the patterns that define tokens:
 * these are the definitions, written the slow way, checked against it on generated text.
 */
describe("tokenizer agrees with its defining patterns", () => {
  const patternTokens = (text: string): string[] => text.normalize("NFC").match(TOKEN_PATTERN) ?? [];
  const patternIsWord = (token: string): boolean => /[\p{L}\p{N}]/u.test(token);
  const patternCount = (text: string): number => patternTokens(text).filter(patternIsWord).length;
  const patternClass = (text: string, position: number): "word" | "space" | "other" => {
    const character = String.fromCodePoint(text.codePointAt(position) ?? 0);
    if (/[\p{L}\p{M}\p{N}]/u.test(character)) return "word";
    if (/\s/u.test(character)) return "space";
    return "other";
  };

  /** Characters where the classes meet: Vietnamese letters, lone and stacked marks, odd spaces, astral letters, digits and marks, lone surrogates. */
  const tricky = fc.constantFrom(
    "a", "Z", "7", "đ", "Đ", "ơ", "ư", "ế", "ữ", "\u0301", "\u0323", "\u0302", "\u20dd",
    " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\ufeff", "\u200b",
    ",", ".", "-", "_", "…", "“", "\u00ad",
    "\u{1d400}", "\u{1d7ce}", "\u{1d167}", "\u{1f600}", "\u{20000}", "\ud800", "\udc00", "\udbff\udfff",
    "٣", "ๆ", "中", "ǅ", "Ⅻ",
  );
  const text = fc.oneof(
    fc.array(tricky, { maxLength: 30 }).map((parts) => parts.join("")),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
  );

  it("tokenize gives the pattern's tokens, and tokenizeNormalized the same for NFC text", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(tokenize(value)).toEqual(patternTokens(value));
        expect(tokenizeNormalized(value.normalize("NFC"))).toEqual(patternTokens(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it("isWordToken, countWords and characterClassAt agree with the patterns", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(isWordToken(value)).toBe(patternIsWord(value));
        for (const token of patternTokens(value)) expect(isWordToken(token)).toBe(patternIsWord(token));
        expect(countWords(value)).toBe(patternCount(value));
        expect(countWordsNormalized(value.normalize("NFC"))).toBe(patternCount(value));
        const words = new Set(patternTokens(value).filter(patternIsWord).map((word) => word.toLowerCase()));
        expect(wordSet(value.normalize("NFC"))).toEqual(words);
        for (let position = 0; position < value.length; position++) {
          expect(characterClassAt(value, position)).toBe(patternClass(value, position));
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
