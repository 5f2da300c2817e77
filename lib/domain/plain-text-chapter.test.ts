import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plainText } from "./document";
import { parsePlainTextChapter } from "./plain-text-chapter";

const seedText = fs.readFileSync(path.resolve(__dirname, "../../prisma/seed/ky-18-sau-chinh-phu-so-la-gi.txt"), "utf8");

describe("parsePlainTextChapter", () => {
  const chapter = parsePlainTextChapter(seedText, "Kỳ 18 (kì cuối): Sau chính phủ số là gì?");

  it("splits the seed chapter at its part heading into two sections", () => {
    expect(chapter.title).toBe("Cẩm nang chuyển đổi số Kỳ 18 (kì cuối): Sau chính phủ số là gì?");
    expect(chapter.sections.map((section) => section.title)).toEqual(["Kỳ 18 (kì cuối): Sau chính phủ số là gì?", "Lời tổng kết"]);
    expect(chapter.sections[1].slug).toBe("loi-tong-ket");
  });

  it("keeps every paragraph of the source, flaws included, in NFC", () => {
    const all = chapter.sections.map((section) => plainText(section.content)).join("\n");
    expect(all).toContain("khi đó là");
    expect(all).toContain("ĐÁNH GIÁ BÀI VIẾT");
    expect(all.normalize("NFC")).toBe(all);
    expect(chapter.sections[0].content.content).toHaveLength(4);
  });

  it("gives every block a stable id, the same on every parse", () => {
    const again = parsePlainTextChapter(seedText, "Kỳ 18 (kì cuối): Sau chính phủ số là gì?");
    const ids = chapter.sections.flatMap((section) => section.content.content.map((block) => block.attrs?.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.sections.flatMap((section) => section.content.content.map((block) => block.attrs?.id))).toEqual(ids);
  });
});
