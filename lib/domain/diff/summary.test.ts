import { describe, expect, it } from "vitest";
import { paragraph, section, snapshot, text } from "../fixtures/builders";
import { describeFormatChange, diffDocuments, summarizeDiff } from "./index";

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
