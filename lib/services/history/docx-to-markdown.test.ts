import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { plainText } from "../../domain/document";
import { markdownToSections } from "../../editor/markdown";
import { docxToMarkdown } from "./docx-to-markdown";

/** Builds the smallest Word document mammoth reads: one document part with styled paragraphs. */
async function makeDocx(paragraphs: { style?: string; text: string; bold?: boolean }[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  const body = paragraphs
    .map((paragraph) => {
      const style = paragraph.style ? `<w:pPr><w:pStyle w:val="${paragraph.style}"/></w:pPr>` : "";
      const run = paragraph.bold ? `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${paragraph.text}</w:t></w:r>` : `<w:r><w:t xml:space="preserve">${paragraph.text}</w:t></w:r>`;
      return `<w:p>${style}${run}</w:p>`;
    })
    .join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("docxToMarkdown", () => {
  it("turns Word headings into Markdown headings and keeps Vietnamese text", async () => {
    const markdown = await docxToMarkdown(
      await makeDocx([
        { style: "Heading1", text: "Kỳ 19: Dữ liệu mở" },
        { text: "Dữ liệu là tài nguyên của chính phủ số." },
        { style: "Heading2", text: "Mở dữ liệu" },
        { text: "Cơ quan nhà nước công bố dữ liệu mở.", bold: true },
      ]),
    );
    expect(markdown).toMatch(/^# Kỳ 19: Dữ liệu mở/m);
    expect(markdown).toMatch(/^## Mở dữ liệu/m);
    const sections = markdownToSections(markdown);
    expect(sections.map((section) => section.title)).toEqual(["Kỳ 19: Dữ liệu mở", "Mở dữ liệu"]);
    expect(plainText(sections[0].content)).toBe("Dữ liệu là tài nguyên của chính phủ số.");
    expect(plainText(sections[1].content)).toBe("Cơ quan nhà nước công bố dữ liệu mở.");
    expect(JSON.stringify(sections[1].content)).toContain('"bold"');
  });

  it("refuses a file that is not a Word document", async () => {
    await expect(docxToMarkdown(Buffer.from("# chỉ là Markdown"))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
