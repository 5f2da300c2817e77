import { describe, expect, it } from "vitest";
import { diffDocuments, type DocumentDiff, type FormatChange } from "../domain/diff";
import { paragraph, section, snapshot, text } from "../domain/fixtures/builders";
import { SEED_BROKEN_SENTENCE_END, SEED_BROKEN_SENTENCE_START } from "../domain/fixtures/seed-chapter";
import { countWords } from "../domain/text";
import { diffSummary, formatChangeText } from "./diff-summary";
import type { Locale } from "./locales";

const summarizeDiff = (diff: DocumentDiff, locale: Locale) => diffSummary(diff, locale);
const describeFormatChange = (change: FormatChange, locale: Locale) => formatChangeText(change, locale);

describe("summarizeDiff", () => {
  const before = snapshot([
    section("a", "Chính phủ số", [paragraph("Lấy dữ liệu là trung tâm.", "a1")]),
    section("b", "Kinh tế số", [paragraph("Kinh tế số.", "b1")]),
    section("c", "Xã hội số", [paragraph("Xã hội số.", "c1")]),
  ]);

  it("names the one section that changed, with what happened to it", () => {
    const after = structuredClone(before);
    after.sections[0].title = "Chính phủ số và dữ liệu";
    after.sections.push(after.sections.shift() ?? after.sections[0]);
    const diff = diffDocuments(before, after);
    expect(summarizeDiff(diff, "vi")).toBe("Mục “Chính phủ số và dữ liệu”: đổi tên từ “Chính phủ số”, chuyển vị trí");
    expect(summarizeDiff(diff, "en")).toBe("Section “Chính phủ số và dữ liệu”: renamed from “Chính phủ số”, moved");
  });

  it("counts several changed sections with their words, additions and removals", () => {
    const after = structuredClone(before);
    after.sections[0].content.content = [paragraph("Lấy dữ liệu mở là trung tâm.", "a1")];
    after.sections.splice(1, 1);
    after.sections.push(section("d", "Kỹ năng số", [paragraph("Kỹ năng số cho mọi người.", "d1")]));
    const diff = diffDocuments(before, after);
    expect(summarizeDiff(diff, "vi")).toBe("3 mục thay đổi: +7 −3 từ; 1 mục mới, 1 mục bị xóa");
    expect(summarizeDiff(diff, "en")).toBe("3 sections changed: +7 −3 words; 1 added, 1 removed");
  });

  it("says formatting changed when no word did", () => {
    const after = structuredClone(before);
    after.sections[2].content.content = [paragraph([text("Xã hội số.", [{ type: "italic" }])], "c1")];
    expect(summarizeDiff(diffDocuments(before, after), "vi")).toBe("Mục “Xã hội số”: thay đổi định dạng");
  });
});

describe("summaries of structural edits", () => {
  it("says “nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng” for the seed's kind of repair, in both languages", () => {
    const closing = "Chuyển đổi số là một quá trình thay đổi tổng thể và toàn diện.";
    const half = (value: string, id: string) => paragraph(value, id);
    const before = snapshot([
      section("ket", "Lời tổng kết", [
        half(SEED_BROKEN_SENTENCE_START, "p1"),
        half(SEED_BROKEN_SENTENCE_END, "p2"),
        half("Đất nước hiện nay lại đứng trước một cuộc chuyển đổi khác, với Chương trình", "p3"),
        half("Chuyển đổi số quốc gia đến năm 2025 và định hướng đến năm 2030.", "p4"),
        paragraph(closing, "p5"),
        paragraph(closing, "p6"),
        paragraph("ĐÁNH GIÁ BÀI VIẾT", "p7"),
      ]),
    ]);
    const after = snapshot([
      section("ket", "Lời tổng kết", [
        paragraph(`${SEED_BROKEN_SENTENCE_START} ${SEED_BROKEN_SENTENCE_END}`, "p1"),
        paragraph("Đất nước hiện nay lại đứng trước một cuộc chuyển đổi khác, với Chương trình Chuyển đổi số quốc gia đến năm 2025 và định hướng đến năm 2030.", "p3"),
        paragraph(closing, "p5"),
      ]),
    ]);
    const diff = diffDocuments(before, after);
    const removed = countWords(closing) + 4;
    expect(diff.stats).toMatchObject({ blocksJoined: 2, repeatedRemoved: 1, linesRemoved: 1, wordsAdded: 0, wordsRemoved: removed });
    expect(summarizeDiff(diff, "vi")).toBe(`Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa ${removed} từ`);
    expect(summarizeDiff(diff, "en")).toBe(
      `Section “Lời tổng kết”: 2 paragraphs joined, 1 repeated paragraph removed, 1 line removed, ${removed} words removed`,
    );
    expect(summarizeDiff(diffDocuments(after, before), "vi")).toBe(
      `Mục “Lời tổng kết”: tách 2 đoạn, thêm 1 đoạn lặp lại, thêm ${removed} từ`,
    );
  });

  it("names moves across sections in the summary of several sections", () => {
    const before = snapshot([
      section("a", "Chính phủ số", [paragraph("Lấy dữ liệu là trung tâm của mọi quyết định.", "a1"), paragraph("Số hoá tài nguyên.", "a2")]),
      section("b", "Kinh tế số", [paragraph("Kinh tế số.", "b1")]),
    ]);
    const after = structuredClone(before);
    const [moved] = after.sections[0].content.content.splice(0, 1);
    moved.content = [text("Lấy dữ liệu là trung tâm của mọi chính sách.")];
    after.sections[1].content.content.push(moved);
    const diff = diffDocuments(before, after);
    expect(summarizeDiff(diff, "vi")).toBe("2 mục thay đổi: +2 −2 từ; chuyển 1 đoạn");
    expect(summarizeDiff(diff, "en")).toBe("2 sections changed: +2 −2 words; 1 paragraph moved");
  });
});

describe("describeFormatChange", () => {
  it("words each kind of formatting change in Vietnamese and English", () => {
    const changes = [
      { kind: "nodeType", from: "paragraph", to: "heading" },
      { kind: "headingLevel", from: 3, to: 4 },
      { kind: "attribute", name: "textAlign", from: null, to: "center" },
      { kind: "mark", mark: "bold", change: "added" },
      { kind: "mark", mark: "link", change: "changed" },
      { kind: "structure" },
    ] as const;
    expect(changes.map((change) => describeFormatChange(change, "vi"))).toEqual([
      "kiểu khối: đoạn văn → tiêu đề",
      "cấp tiêu đề 3 → 4",
      "thuộc tính textAlign: (trống) → center",
      "thêm in đậm",
      "đổi liên kết",
      "cấu trúc thay đổi",
    ]);
    expect(changes.map((change) => describeFormatChange(change, "en"))).toEqual([
      "block type: paragraph → heading",
      "heading level 3 → 4",
      "attribute textAlign: (none) → center",
      "bold added",
      "link changed",
      "structure changed",
    ]);
  });
});
