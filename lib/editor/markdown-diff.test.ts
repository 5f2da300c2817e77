import { describe, expect, it } from "vitest";
import { diffDocuments } from "@/lib/domain/diff";
import { diffAsText, type DiffTextWords } from "@/lib/domain/history/diff-text";
import { versionMarkdown, type ExportMetadata } from "@/lib/domain/history/export-formats";
import { stripFrontMatter } from "@/lib/domain/history/markdown-snapshot";
import { diffSummary } from "@/lib/i18n/diff-summary";
import { chapterSections, markdownSnapshot, sectionsToMarkdown } from "./markdown";

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
    const diff = diffDocuments(before, after);
    const text = diffAsText(diff, WORDS, diffSummary(diff, "vi"));
    expect(text).toContain("## Mở đầu (thay đổi)");
    expect(text).toContain("~ Chính phủ [-điện tử -]{+số +}là bước [-đầu-]{+tiếp theo+}.");
    expect(text.split("\n")[0]).toBe("2 mục thay đổi: +6 −7 từ; 1 mục mới");
    expect(text).toContain("- Đoạn sẽ bị xóa.");
    expect(text).toContain("## Mục mới (mục mới)");
    expect(text).toContain("+ Nội dung mới.");
  });

  it("says so when nothing changed", () => {
    const same = markdownSnapshot("## A\n\nB\n");
    const diff = diffDocuments(same, same);
    expect(diffAsText(diff, WORDS, diffSummary(diff, "en"))).toBe("No changes\n");
  });

  it("identifies sections by title slugs, unique within a file", () => {
    const snapshot = markdownSnapshot("## Lời tổng kết\n\nA\n\n## Lời tổng kết\n\nB\n");
    expect(snapshot.sections.map((section) => section.id)).toEqual(["loi-tong-ket", "loi-tong-ket-2"]);
  });

  it("strips front matter only at the very start", () => {
    expect(stripFrontMatter("---\ntitle: \"x\"\n---\n\n## A\n")).toBe("\n## A\n");
    expect(stripFrontMatter("## A\n\n---\n\nB\n---\n")).toBe("## A\n\n---\n\nB\n---\n");
  });

  it("reads an exported version back as its sections, front matter ignored", () => {
    const meta: ExportMetadata = {
      documentSlug: "cam-nang",
      documentTitle: "Cẩm nang",
      number: 3,
      hash: "a".repeat(64),
      prevHash: null,
      publishedAt: new Date("2026-02-03T04:05:06Z"),
      permalink: "https://camnang.example/cam-nang/v/3",
    };
    const paragraph = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    const exported = versionMarkdown(meta, sectionsToMarkdown([
      { title: "Mở đầu", content: paragraph("Chính phủ số là gì?") },
      { title: "Lời tổng kết", content: paragraph("Tài liệu mở.") },
    ]));
    expect(chapterSections(exported).map((section) => section.title)).toEqual(["Mở đầu", "Lời tổng kết"]);
  });
});
