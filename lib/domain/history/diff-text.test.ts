import { describe, expect, it } from "vitest";
import { diffDocuments } from "../diff";
import { diffAsText, type DiffTextWords } from "./diff-text";
import { markdownSnapshot, stripFrontMatter } from "./markdown-snapshot";

/** Domain tests stay pure (no catalog); these stand in for the catalog's diff.text words. */
const WORDS: DiffTextWords = {
  sectionStatus: { added: "mục mới", removed: "mục bị xóa", changed: "thay đổi", unchanged: "không đổi" },
  moved: "chuyển vị trí",
  renamedFrom: (previousTitle) => `tên cũ “${previousTitle}”`,
};

describe("diffs as text and Markdown files as snapshots", () => {
  it("shows word changes wdiff-style and whole paragraphs with - and +", () => {
    const before = markdownSnapshot("## Mở đầu\n\nChính phủ điện tử là bước đầu.\n\nĐoạn sẽ bị xóa.\n");
    const after = markdownSnapshot("## Mở đầu\n\nChính phủ số là bước tiếp theo.\n\n## Mục mới\n\nNội dung mới.\n");
    const text = diffAsText(diffDocuments(before, after), WORDS);
    expect(text).toContain("## Mở đầu (thay đổi)");
    expect(text).toContain("~ Chính phủ [-điện tử -]{+số +}là bước [-đầu-]{+tiếp theo+}.");
    expect(text.split("\n")[0]).toBe("2 mục thay đổi: +6 −7 từ; 1 mục mới");
    expect(text).toContain("- Đoạn sẽ bị xóa.");
    expect(text).toContain("## Mục mới (mục mới)");
    expect(text).toContain("+ Nội dung mới.");
  });

  it("says so when nothing changed", () => {
    const same = markdownSnapshot("## A\n\nB\n");
    expect(diffAsText(diffDocuments(same, same), WORDS, "en")).toBe("No changes\n");
  });

  it("identifies sections by title slugs, unique within a file", () => {
    const snapshot = markdownSnapshot("## Lời tổng kết\n\nA\n\n## Lời tổng kết\n\nB\n");
    expect(snapshot.sections.map((section) => section.id)).toEqual(["loi-tong-ket", "loi-tong-ket-2"]);
  });

  it("strips front matter only at the very start", () => {
    expect(stripFrontMatter("---\ntitle: \"x\"\n---\n\n## A\n")).toBe("\n## A\n");
    expect(stripFrontMatter("## A\n\n---\n\nB\n---\n")).toBe("## A\n\n---\n\nB\n---\n");
  });
});
