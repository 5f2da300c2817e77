import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { plainText, type RichNode } from "../domain/document";
import { isWordToken, tokenize } from "../domain/text";
import { pdfFonts, pdfInfo, pdfOutline, pdfText } from "../testing/pdf-tools";
import { MAX_PDF_TEXT_CHARS, PDF_BODY_AREA, renderPdf } from "./render";
import { renderVersionPdf, versionPdfModel, type VersionPdfInput } from "./version-pdf";

const text = (value: string, marks: RichNode["marks"] = []): RichNode => ({ type: "text", text: value, marks });
const paragraph = (...content: RichNode[]): RichNode => ({ type: "paragraph", content });
const item = (...content: RichNode[]): RichNode => ({ type: "listItem", content });
const cell = (type: "tableCell" | "tableHeader", value: string): RichNode => ({ type, content: [paragraph(text(value))] });

const PERMALINK = "https://camnang.example/cam-nang-chuyen-doi-so/v/2";
const HASH = "3f1c9a0e5b7d2c4f6a8e0b1d3c5f7a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a";

/** Every node type of the editor's schema, every mark, a decomposed (NFD) sentence, and enough text for several pages. */
const RICH_SECTION: RichNode = {
  type: "doc",
  content: [
    paragraph(
      text("Văn bản thường, "),
      text("đậm", [{ type: "bold" }]),
      text(", "),
      text("nghiêng", [{ type: "italic" }]),
      text(", "),
      text("đậm nghiêng", [{ type: "bold" }, { type: "italic" }]),
      text(", "),
      text("gạch chân", [{ type: "underline" }]),
      text(", "),
      text("gạch ngang", [{ type: "strike" }]),
      text(", "),
      text("mã nguồn", [{ type: "code" }]),
      text(", "),
      text("Cổng Chính phủ", [{ type: "link", attrs: { href: "https://chinhphu.vn" } }]),
      text(", "),
      text("thư góp ý", [{ type: "link", attrs: { href: "mailto:gopy@mic.gov.vn" } }]),
      text(" và "),
      text("liên kết bị chặn", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
      text("."),
      { type: "hardBreak" },
      text("Dòng sau chỗ ngắt dòng."),
    ),
    paragraph(text("Chuyển đổi số là một quá trình thay đổi tổng thể và toàn diện.".normalize("NFD"))),
    { type: "heading", attrs: { level: 3 }, content: [text("Các mức độ phát triển")] },
    {
      type: "bulletList",
      content: [
        item(paragraph(text("Chính phủ điện tử")), { type: "bulletList", content: [item(paragraph(text("Số hoá quy trình nghiệp vụ")))] }),
        item(paragraph(text("Chính phủ số"))),
      ],
    },
    { type: "orderedList", attrs: { start: 1 }, content: [item(paragraph(text("Bước đầu tiên"))), item(paragraph(text("Bước tiếp theo")))] },
    { type: "blockquote", content: [paragraph(text("Nhận thức vẫn là yếu tố quan trọng nhất để đi đến thành công."))] },
    { type: "codeBlock", attrs: { language: null }, content: [text("xin_chao()\n  tra_ve 1")] },
    { type: "horizontalRule" },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [cell("tableHeader", "Mức độ"), cell("tableHeader", "Trọng tâm")] },
        { type: "tableRow", content: [cell("tableCell", "Chính phủ điện tử"), cell("tableCell", "Tin học hoá quy trình")] },
        { type: "tableRow", content: [cell("tableCell", "Chính phủ thông minh"), cell("tableCell", "Dự báo và kiến tạo")] },
      ],
    },
    ...Array.from({ length: 45 }, (_, index) =>
      paragraph(text(`Đoạn ${index + 1}. Chính phủ hoạt động, vận hành, ban hành chính sách dựa trên năng lực khai thác và phân tích dữ liệu, lấy dữ liệu là trung tâm.`)),
    ),
  ],
};

const CLOSING_SECTION: RichNode = { type: "doc", content: [paragraph(text("Cuốn Cẩm nang này sẽ luôn được chỉnh lý, cập nhật, bổ sung."))] };

const INPUT: VersionPdfInput = {
  documentTitle: "Cẩm nang chuyển đổi số",
  versionNumber: 2,
  publishedAt: new Date("2026-03-12T02:30:00Z"),
  effectiveDate: "2026-07-01",
  hash: HASH,
  previousHash: null,
  permalink: PERMALINK,
  sections: [
    { title: "Kỳ 18 (kì cuối): Sau chính phủ số là gì?", content: RICH_SECTION },
    { title: "Lời tổng kết", content: CLOSING_SECTION },
  ],
  locale: "vi",
};

function words(value: string): string[] {
  return tokenize(value).filter(isWordToken);
}

/** Every URL that a link annotation of the file opens (annotation dictionaries are not compressed). */
function linkTargets(pdf: Buffer): string[] {
  return [...pdf.toString("latin1").matchAll(/\/S \/URI\s*\/URI \(([^)]*)\)/g)].map((match) => match[1]).sort();
}

describe("the PDF of a version", () => {
  let pdf: Buffer;
  let pageCount: number;
  beforeAll(async () => {
    pdf = await renderVersionPdf(INPUT);
    pageCount = Number(pdfInfo(pdf).Pages);
  });

  it("embeds Be Vietnam Pro, subset, in all four static faces and no other font", () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "BeVietnamPro-Bold",
      "BeVietnamPro-BoldItalic",
      "BeVietnamPro-Italic",
      "BeVietnamPro-Regular",
    ]);
    for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
  });

  it("reads back, in NFC, every word of every section in order, with only list numbers added", () => {
    const body = pdfText(pdf, { first: 3, crop: PDF_BODY_AREA });
    expect(body).toBe(body.normalize("NFC"));
    expect(body).toContain("Chuyển đổi số là một quá trình thay đổi tổng thể và toàn diện.");
    const expected = INPUT.sections.flatMap((section) => [...words(section.title), ...words(plainText(section.content))]);
    const extras: string[] = [];
    let next = 0;
    for (const word of words(body)) {
      if (next < expected.length && word === expected[next]) next += 1;
      else extras.push(word);
    }
    expect(expected.slice(next)).toEqual([]);
    expect(extras).toEqual(["1", "2"]);
  });

  it("prints the version, its dates, its hash, its permalink and the page number on every page", () => {
    for (let page = 1; page <= pageCount; page += 1) {
      const onPage = pdfText(pdf, { first: page, last: page }).replace(/\s+/g, " ");
      expect(onPage).toContain(`Trang ${page}/${pageCount}`);
      expect(onPage).toContain("Phiên bản 2 · Ban hành: 09:30 12 thg 3, 2026 · Hiệu lực từ: 1 tháng 7, 2026");
      expect(onPage).toContain(`Mã băm SHA-256: ${HASH}`);
      expect(onPage).toContain(PERMALINK);
    }
    expect(pageCount).toBeGreaterThan(3);
  });

  it("has a title page with the facts, and leaves the effective date out when it is unknown", async () => {
    const titlePage = pdfText(pdf, { first: 1, last: 1, crop: PDF_BODY_AREA });
    for (const line of ["Cẩm nang chuyển đổi số", "Phiên bản 2", "Hiệu lực từ", "1 tháng 7, 2026", "Mã băm phiên bản trước", "không có — phiên bản đầu tiên", PERMALINK]) {
      expect(titlePage).toContain(line);
    }
    const undated = await renderVersionPdf({ ...INPUT, effectiveDate: null });
    expect(pdfText(undated)).not.toContain("Hiệu lực từ");
  });

  it("has one bookmark per section, headings nested under their section, each pointing at its page's left edge", () => {
    const outline = pdfOutline(pdf);
    expect(outline.map((entry) => entry.title)).toEqual(INPUT.sections.map((section) => section.title));
    expect(outline[0].children.map((entry) => entry.title)).toEqual(["Các mức độ phát triển"]);
    expect(outline[1].children).toEqual([]);
    for (const entry of outline) expect(pdfText(pdf, { first: entry.page, last: entry.page, crop: PDF_BODY_AREA })).toContain(entry.title);
    const destinations = [...pdf.toString("latin1").matchAll(/\/Dest \[\d+ 0 R \/XYZ (\S+) (\S+) (\S+)\]/g)];
    expect(destinations).toHaveLength(3);
    for (const [, left] of destinations) expect(left).toBe("0");
  });

  it("lists the sections and their headings with the pages they start on", () => {
    const outline = pdfOutline(pdf);
    const contents = pdfText(pdf, { first: 2, last: 2, crop: PDF_BODY_AREA, layout: true })
      .split("\n")
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    expect(contents[0]).toBe("Mục lục");
    const entries = [outline[0], outline[0].children[0], outline[1]];
    expect(contents.slice(1)).toEqual(entries.map((entry) => `${entry.title} ${entry.page}`));
    expect(outline[1].page).toBeGreaterThan(outline[0].page);
  });

  it("links only http, https and mailto targets (and the permalink)", () => {
    expect(new Set(linkTargets(pdf))).toEqual(new Set(["https://chinhphu.vn", "mailto:gopy@mic.gov.vn", PERMALINK]));
    expect(pdf.toString("latin1")).not.toContain("javascript:");
  });

  it("is the same bytes every time, dated by the publication and identified by the version", async () => {
    const again = await renderVersionPdf(INPUT);
    expect(again.equals(pdf)).toBe(true);
    const identity = versionPdfModel(INPUT).info.fileIdentity;
    expect(identity).toContain(HASH);
    const id = createHash("sha256").update(identity).digest().subarray(0, 16).toString("hex");
    expect(pdf.toString("latin1")).toContain(`/ID [<${id}> <${id}>]`);
    const info = pdfInfo(pdf);
    expect(info).toMatchObject({ CreationDate: "2026-03-12T02:30:00Z", ModDate: "2026-03-12T02:30:00Z", Title: "Cẩm nang chuyển đổi số — Phiên bản 2", Creator: "Cẩm nang mở" });
    const other = await renderVersionPdf({ ...INPUT, hash: HASH.replace("3f", "40") });
    expect(other.toString("latin1")).not.toContain(`/ID [<${id}>`);
  });

  it("speaks English when asked", async () => {
    const english = await renderVersionPdf({ ...INPUT, locale: "en" });
    const all = pdfText(english).replace(/\s+/g, " ");
    for (const phrase of ["Contents", "Version 2", "Published: 12 Mar 2026, 09:30", "In force from: 1 July 2026", "SHA-256 hash", "Previous version's hash", "Page 1 of"]) {
      expect(all).toContain(phrase);
    }
    expect(all).not.toContain("Mục lục");
  });
});

describe("renderPdf", () => {
  it("renders a section that is a plain table, without a table of contents", async () => {
    const model = versionPdfModel(INPUT);
    const pdf = await renderPdf({
      ...model,
      contentsTitle: null,
      sections: [{ title: "Tổng hợp ý kiến", body: { kind: "table", columns: ["Ý kiến", "Tiếp thu, giải trình"], rows: [["Bổ sung định nghĩa", "Tiếp thu"], ["Bỏ đoạn kết", "Giải trình: giữ nguyên"]] } }],
    });
    expect(pdfOutline(pdf).map((entry) => [entry.title, entry.page])).toEqual([["Tổng hợp ý kiến", 2]]);
    expect(words(pdfText(pdf, { first: 2, crop: PDF_BODY_AREA }))).toEqual(words("Tổng hợp ý kiến Ý kiến Tiếp thu, giải trình Bổ sung định nghĩa Tiếp thu Bỏ đoạn kết Giải trình: giữ nguyên"));
  });

  it("refuses, before laying anything out, a document beyond the size limit", async () => {
    const huge: RichNode = { type: "doc", content: [paragraph(text("a".repeat(MAX_PDF_TEXT_CHARS)))] };
    await expect(renderVersionPdf({ ...INPUT, sections: [{ title: "Quá dài", content: huge }] })).rejects.toMatchObject({ code: "UNPROCESSABLE", messageKey: "pdfTooLarge" });
  });
});
