import { describe, expect, it } from "vitest";
import { createRandom } from "../domain/fixtures/random";
import { breakLines, type BreakOptions, type Line, type StyledText } from "./line-breaking";

/** Every character one point wide, bold ones two: widths the tests can count. */
const options = (width: number, extra: Partial<BreakOptions<string>> = {}): BreakOptions<string> => ({
  width,
  measure: (text, style) => Array.from(text).length * (style === "bold" ? 2 : 1),
  sameStyle: (a, b) => a === b,
  ...extra,
});

const plain = (text: string): StyledText<string> => ({ text, style: "plain" });
const texts = (lines: Line<string>[]) => lines.map((line) => line.fragments.map((fragment) => fragment.text).join(""));

describe("breakLines", () => {
  it("fills each line with as many words as fit and breaks at spaces", () => {
    expect(texts(breakLines([plain("Có ba mức độ phát triển của chính phủ")], options(12)))).toEqual(["Có ba mức độ", "phát triển", "của chính", "phủ"]);
  });

  it("collapses runs of white space, also across runs, and drops it at line ends", () => {
    const lines = breakLines([plain("  một   hai "), plain("  ba")], options(100));
    expect(texts(lines)).toEqual(["một hai ba"]);
    expect(lines[0].width).toBe(10);
  });

  it("keeps a word whose pieces have different styles together and places fragments by their widths", () => {
    const lines = breakLines([plain("xin "), { text: "chà", style: "bold" }, plain("o bạn")], options(11));
    expect(texts(lines)).toEqual(["xin chào", "bạn"]);
    expect(lines[0].fragments).toEqual([
      { text: "xin ", style: "plain", x: 0, width: 4 },
      { text: "chà", style: "bold", x: 4, width: 6 },
      { text: "o", style: "plain", x: 10, width: 1 },
    ]);
  });

  it("cuts a word wider than the line between characters, and only such a word", () => {
    const hash = "0123456789abcdef";
    expect(texts(breakLines([plain(`mã ${hash} hết`)], options(6)))).toEqual(["mã", "012345", "6789ab", "cdef", "hết"]);
  });

  it("starts a new line at a hard break, and draws no empty line for a break at the very end", () => {
    expect(texts(breakLines([plain("một"), plain("\n"), plain("hai"), plain("\n")], options(50)))).toEqual(["một", "hai"]);
    expect(texts(breakLines([plain("một"), plain("\n"), plain("\n"), plain("hai")], options(50)))).toEqual(["một", "", "hai"]);
  });

  it("gives an empty paragraph one empty line", () => {
    expect(texts(breakLines([], options(50)))).toEqual([""]);
  });

  it("keeps the indentation and inner spaces of code, and tabs as four spaces", () => {
    const code = "function f() {\n  return  1;\n\tdone\n}";
    expect(texts(breakLines([plain(code)], options(40, { preserveSpaces: true })))).toEqual(["function f() {", "  return  1;", "    done", "}"]);
  });

  it("never makes a line wider than the width unless it holds a single character, and loses no word (seeded random texts)", () => {
    const random = createRandom(20261201);
    const vocabulary = ["chính", "phủ", "số", "dữ", "liệu", "mở", "https://camnang.gov.vn/cam-nang-chuyen-doi-so/v/2", "a", "Việt", "Nam"];
    for (let round = 0; round < 300; round += 1) {
      const runs: StyledText<string>[] = [];
      const words: string[] = [];
      for (let index = random.int(0, 40); index > 0; index -= 1) {
        const word = random.pick(vocabulary);
        words.push(word);
        runs.push({ text: `${word}${random.chance(0.2) ? "   " : " "}`, style: random.chance(0.3) ? "bold" : "plain" });
      }
      const width = random.int(3, 60);
      const lines = breakLines(runs, options(width));
      for (const line of lines) {
        const characters = line.fragments.reduce((total, fragment) => total + Array.from(fragment.text).length, 0);
        if (characters > 1) expect(line.width).toBeLessThanOrEqual(width);
      }
      expect(texts(lines).join("").replace(/\s+/g, "")).toBe(words.join(""));
    }
  });
});
