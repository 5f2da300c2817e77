import { describe, expect, it } from "vitest";
import { buildSnippet, foldText, matchText, parseQuery, snippetText } from "./search";

function find(text: string, query: string) {
  const parsed = parseQuery(query);
  if (!parsed) throw new Error("empty query");
  const target = foldText(text);
  const match = matchText(target, parsed);
  return match ? { ...match, matched: match.ranges.map((range) => target.text.slice(range.start, range.end)) } : null;
}

describe("search", () => {
  it("finds “chính phủ số” from a query typed without diacritics", () => {
    expect(find("Sau chính phủ số là gì?", "chinh phu so")).toMatchObject({ score: 2, matched: ["chính phủ số"] });
  });

  it("ignores case and the stroke of đ", () => {
    expect(find("Đổi mới tư duy quản lý", "DOI MOI")).toMatchObject({ score: 2, matched: ["Đổi mới"] });
  });

  it("matches a query with diacritics against text with them too", () => {
    expect(find("Chuyển đổi số quốc gia", "chuyển đổi")).toMatchObject({ score: 2, matched: ["Chuyển đổi"] });
  });

  it("matches every word anywhere when they are not a phrase, with a lower score", () => {
    expect(find("Số hóa là bước đầu của chính phủ", "chinh phu so")).toMatchObject({ score: 1, matched: ["Số", "chính", "phủ"] });
  });

  it("requires every word", () => {
    expect(find("Chính phủ điện tử", "chinh phu so")).toBeNull();
  });

  it("matches words by their start, not inside other words", () => {
    expect(find("Cơ sở dữ liệu", "so")).toMatchObject({ matched: ["sở"] });
    expect(find("Khoa học", "hoa")).toBeNull();
    expect(find("Sống số", "son")).toMatchObject({ matched: ["Sốn"] });
  });

  it("lets punctuation and line breaks sit between the words of a phrase", () => {
    expect(find("chính phủ,\nsố", "chinh phu so")).toMatchObject({ score: 2, matched: ["chính phủ,\nsố"] });
  });

  it("maps matches back to decomposed (NFD) input after normalizing it", () => {
    const decomposed = "Chính phủ số".normalize("NFD");
    expect(find(decomposed, "chinh phu so")).toMatchObject({ matched: ["Chính phủ số"] });
  });

  it("keeps characters outside the basic plane whole", () => {
    expect(find("Biểu tượng 𝔸 và chính phủ", "chinh")).toMatchObject({ matched: ["chính"] });
  });

  it("has no query without words", () => {
    expect(parseQuery("  …, !! ")).toBeNull();
    expect(parseQuery("Chính  phủ chính")).toEqual({ terms: ["chinh", "phu"], phrase: "chinh phu" });
  });

  it("cuts a snippet at spaces around the first match and marks the match", () => {
    const text = `${"mở đầu ".repeat(30)}chính phủ số ${"kết thúc ".repeat(30)}`.trim();
    const target = foldText(text);
    const match = matchText(target, parseQuery("chinh phu so")!)!;
    const snippet = buildSnippet(target.text, match.ranges, 20);
    expect(snippet.truncatedStart).toBe(true);
    expect(snippet.truncatedEnd).toBe(true);
    expect(snippet.parts.filter((part) => part.match).map((part) => part.text)).toEqual(["chính phủ số"]);
    const line = snippetText(snippet);
    expect(line.startsWith("…mở đầu") || line.startsWith("…đầu")).toBe(true);
    expect(line.endsWith("…")).toBe(true);
    expect(line.length).toBeLessThan(80);
  });

  it("shows short text whole", () => {
    const target = foldText("Chính phủ số");
    const snippet = buildSnippet(target.text, matchText(target, parseQuery("so")!)!.ranges);
    expect(snippetText(snippet)).toBe("Chính phủ số");
    expect(snippet.parts).toEqual([{ text: "Chính phủ ", match: false }, { text: "số", match: true }]);
  });
});
