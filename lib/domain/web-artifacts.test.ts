import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plainText } from "./document";
import { parsePlainTextChapter } from "./plain-text-chapter";
import { repairWebArtifacts } from "./web-artifacts";

const seedText = fs.readFileSync(path.resolve(__dirname, "../../prisma/seed/ky-18-sau-chinh-phu-so-la-gi.txt"), "utf8");

describe("repairWebArtifacts on the seed chapter", () => {
  const closing = parsePlainTextChapter(seedText).sections[1];
  const repaired = repairWebArtifacts(closing.content);
  const texts = repaired.content.map((block) => plainText(block));

  it("joins the sentence broken after “khi đó là”", () => {
    expect(texts.some((text) => text.includes("khi đó là Vua Lý Thái Tổ. Điều quan trọng nhất"))).toBe(true);
    expect(texts.some((text) => text.startsWith("Vua Lý Thái Tổ"))).toBe(false);
  });

  it("joins the sentence broken after “phê duyệt Chương trình”", () => {
    expect(texts.some((text) => text.includes("phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025"))).toBe(true);
  });

  it("drops the repeated closing paragraph and the rating widget line", () => {
    expect(texts.filter((text) => text.startsWith("Chuyển đổi số là một quá trình thay đổi tổng thể"))).toHaveLength(1);
    expect(texts).not.toContain("ĐÁNH GIÁ BÀI VIẾT");
  });

  it("keeps the block ids of the paragraphs it keeps", () => {
    const originalIds = new Set(closing.content.content.map((block) => block.attrs?.id));
    for (const block of repaired.content) expect(originalIds.has(block.attrs?.id)).toBe(true);
  });

  it("leaves a text without flaws unchanged", () => {
    expect(repairWebArtifacts(repaired)).toEqual(repaired);
  });
});
