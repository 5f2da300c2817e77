import { describe, expect, it } from "vitest";
import { chapterDocument, derivedTitle, MAX_DERIVED_TITLE_CHARS, splitChapter, withContentHeadings } from "./chapter";
import type { RichNode, SectionContent } from "./document";

const text = (value: string): RichNode => ({ type: "text", text: value });
const paragraph = (value: string): RichNode => ({ type: "paragraph", content: [text(value)] });
const heading = (level: number, value: string): RichNode => ({ type: "heading", attrs: { level }, content: [text(value)] });
const doc = (...content: RichNode[]): SectionContent => ({ type: "doc", content });

describe("splitChapter", () => {
  it("starts a section at every top-level level 1 or 2 heading, titled by its text", () => {
    const sections = splitChapter(doc(heading(1, "Chương  1"), paragraph("a"), heading(3, "Chi tiết"), heading(2, "Mục 2")), "");
    expect(sections).toEqual([
      { title: "Chương 1", content: doc(paragraph("a"), heading(3, "Chi tiết")) },
      { title: "Mục 2", content: doc({ type: "paragraph" }) },
    ]);
  });

  it("titles text before the first heading by its first line, and ignores an empty lead", () => {
    expect(splitChapter(doc(paragraph("Mở đầu dài"), heading(2, "B")), "Mở đầu")[0]?.title).toBe("Mở đầu");
    expect(splitChapter(doc({ type: "paragraph" }, heading(2, "B")), "").map((section) => section.title)).toEqual(["B"]);
    expect(splitChapter(doc({ type: "paragraph" }), "")).toEqual([]);
  });

  it("shortens a long derived title to fit a table of contents", () => {
    const title = derivedTitle("chữ ".repeat(100));
    expect(title.length).toBeLessThanOrEqual(MAX_DERIVED_TITLE_CHARS);
    expect(title.endsWith("…")).toBe(true);
  });
});

describe("chapterDocument", () => {
  it("writes titles as level 2 headings and keeps content headings at level 3 or deeper", () => {
    const chapter = chapterDocument([{ title: " Giới\nthiệu ", content: doc(heading(1, "A"), { type: "blockquote", content: [heading(2, "B")] }, heading(6, "C")) }]);
    expect(chapter).toEqual(doc(heading(2, "Giới thiệu"), heading(3, "A"), { type: "blockquote", content: [heading(3, "B")] }, heading(6, "C")));
    expect(splitChapter(chapter, "")).toEqual([{ title: "Giới thiệu", content: withContentHeadings(doc(heading(1, "A"), { type: "blockquote", content: [heading(2, "B")] }, heading(6, "C"))) }]);
  });
});
