import { describe, expect, it } from "vitest";
import { countWords, foldDiacritics, tokenize } from "./text";

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
