import { describe, expect, it } from "vitest";
import { diffDocuments, diffSummaryFacts, summaryFactsFromStats, SUMMARY_FACTS_KEY, type DiffSummaryFacts, type DocumentDiff, type FormatChange } from "../domain/diff";
import { paragraph, section, snapshot, text } from "../domain/fixtures/builders";
import { SEED_BROKEN_SENTENCE_END, SEED_BROKEN_SENTENCE_START } from "../domain/fixtures/seed-chapter";
import { countWords } from "../domain/text";
import { diffSummary, formatChangeText, sectionSummaryText, summaryText, versionSummaryText } from "./diff-summary";
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

describe("summary facts rendered in the reader's language", () => {
  const none = { wordsAdded: 0, wordsRemoved: 0, blocksAdded: 0, blocksRemoved: 0, blocksChanged: 0, joined: 0, split: 0, moved: 0, repeatedRemoved: 0, repeatedAdded: 0, linesRemoved: 0 };
  const oneSection = (counts: Partial<typeof none>): DiffSummaryFacts => ({
    version: 1,
    documentRenamedTo: null,
    addressChangedTo: null,
    sectionsAdded: 0,
    sectionsRemoved: 0,
    sectionsMoved: 0,
    sectionsRenamed: 0,
    totals: { ...none, ...counts },
    sections: [{ sectionId: "ket", title: "Lời tổng kết", status: "changed", renamedFrom: null, moved: false, addressChanged: false, counts: { ...none, ...counts } }],
  });

  it("says one and several in English with its plural forms, and the same form for any count in Vietnamese", () => {
    const single = oneSection({ joined: 1, repeatedRemoved: 1, linesRemoved: 1, wordsRemoved: 1 });
    expect(summaryText(single, "en")).toBe("Section “Lời tổng kết”: 1 paragraph joined, 1 repeated paragraph removed, 1 line removed, 1 word removed");
    expect(summaryText(single, "vi")).toBe("Mục “Lời tổng kết”: nối 1 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa 1 từ");
    const several = oneSection({ joined: 2, split: 3, moved: 2, repeatedRemoved: 2, linesRemoved: 4, wordsAdded: 5, wordsRemoved: 32 });
    expect(summaryText(several, "en")).toBe(
      "Section “Lời tổng kết”: 2 paragraphs joined, 3 paragraphs split, 2 paragraphs moved, 2 repeated paragraphs removed, 4 lines removed, 5 words added, 32 words removed",
    );
    expect(summaryText(several, "vi")).toBe("Mục “Lời tổng kết”: nối 2 đoạn, tách 3 đoạn, chuyển 2 đoạn, xóa 2 đoạn lặp lại, xóa 4 dòng, thêm 5 từ, xóa 32 từ");
  });

  it("renders what it stored: the facts of the seed's repair, written as JSON and read back, say the same in both languages as the diff", () => {
    const before = snapshot([
      section("ket", "Lời tổng kết", [
        paragraph(SEED_BROKEN_SENTENCE_START, "p1"),
        paragraph(SEED_BROKEN_SENTENCE_END, "p2"),
        paragraph("Chuyển đổi số là một quá trình thay đổi tổng thể.", "p5"),
        paragraph("Chuyển đổi số là một quá trình thay đổi tổng thể.", "p6"),
        paragraph("ĐÁNH GIÁ BÀI VIẾT", "p7"),
      ]),
      section("b", "Kinh tế số", [paragraph("Kinh tế số.", "b1")]),
    ]);
    const after = snapshot([
      section("ket", "Lời tổng kết", [paragraph(`${SEED_BROKEN_SENTENCE_START} ${SEED_BROKEN_SENTENCE_END}`, "p1"), paragraph("Chuyển đổi số là một quá trình thay đổi tổng thể.", "p5")]),
      section("b", "Kinh tế số mới", [paragraph("Kinh tế số.", "b1")]),
    ]);
    const diff = diffDocuments(before, after);
    const stored = JSON.stringify({ ...diff.stats, [SUMMARY_FACTS_KEY]: diffSummaryFacts(diff) });
    const facts = summaryFactsFromStats(stored);
    expect(facts).not.toBeNull();
    for (const locale of ["vi", "en"] as const) expect(summaryText(facts as DiffSummaryFacts, locale)).toBe(diffSummary(diff, locale));
    expect(summaryText(facts as DiffSummaryFacts, "en")).toBe("2 sections changed: +0 −15 words; 1 renamed, 1 paragraph joined, 1 repeated paragraph removed, 1 line removed");
    expect(summaryText(facts as DiffSummaryFacts, "vi")).toBe("2 mục thay đổi: +0 −15 từ; 1 mục đổi tên, nối 1 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng");
    // A section feed says that section's part in the same words.
    const closing = (facts as DiffSummaryFacts).sections.find((candidate) => candidate.sectionId === "ket");
    expect(closing && sectionSummaryText(closing, "en")).toBe("Section “Lời tổng kết”: 1 paragraph joined, 1 repeated paragraph removed, 1 line removed, 15 words removed");
    const renamed = (facts as DiffSummaryFacts).sections.find((candidate) => candidate.sectionId === "b");
    expect(renamed && sectionSummaryText(renamed, "vi")).toBe("Mục “Kinh tế số mới”: đổi tên từ “Kinh tế số”");
  });

  it("reads no facts from a row stored before they were (text only), or from facts of another shape, so the stored text is shown", () => {
    expect(summaryFactsFromStats('{"wordsAdded":3,"wordsRemoved":1}')).toBeNull();
    expect(summaryFactsFromStats("{}")).toBeNull();
    expect(summaryFactsFromStats("not json")).toBeNull();
    expect(summaryFactsFromStats(JSON.stringify({ [SUMMARY_FACTS_KEY]: { ...oneSection({ joined: 1 }), version: 99 } }))).toBeNull();
    expect(summaryFactsFromStats(JSON.stringify({ [SUMMARY_FACTS_KEY]: { ...oneSection({ joined: -1 }) } }))).toBeNull();
    const old = { summary: "Mục “Lời tổng kết”: xóa 3 từ", summaryFacts: null };
    expect(versionSummaryText(old, "en")).toBe("Mục “Lời tổng kết”: xóa 3 từ");
    expect(versionSummaryText({ summary: old.summary, summaryFacts: oneSection({ wordsRemoved: 3 }) }, "en")).toBe("Section “Lời tổng kết”: 3 words removed");
  });
});
