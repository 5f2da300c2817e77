import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { plainText, type RichNode } from "../../domain/document";
import { ensureBlockIds, validateSectionContent } from "../../editor/content";
import { docxToSections, MAX_DOCX_ENTRIES, MAX_DOCX_UNCOMPRESSED_BYTES } from "./docx-import";

interface Run {
  text: string;
  bold?: boolean;
  underline?: boolean;
}
type Block = { style?: string; runs: Run[] } | { table: string[][] };

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function runXml(run: Run): string {
  const properties = `${run.bold ? "<w:b/>" : ""}${run.underline ? '<w:u w:val="single"/>' : ""}`;
  return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ""}<w:t xml:space="preserve">${run.text}</w:t></w:r>`;
}

function paragraphXml(style: string | undefined, runs: Run[]): string {
  return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${runs.map(runXml).join("")}</w:p>`;
}

/** The smallest Word document mammoth reads: a content-types part, the package relationships and a document part. */
function wordArchive(blocks: Block[]): JSZip {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  const body = blocks
    .map((block) =>
      "table" in block
        ? `<w:tbl>${block.table.map((row) => `<w:tr>${row.map((cell) => `<w:tc>${paragraphXml(undefined, [{ text: cell }])}</w:tc>`).join("")}</w:tr>`).join("")}</w:tbl>`
        : paragraphXml(block.style, block.runs),
    )
    .join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip;
}

async function makeDocx(blocks: Block[]): Promise<Buffer> {
  return wordArchive(blocks).generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function types(node: RichNode): string[] {
  return [node.type, ...(node.content ?? []).flatMap(types)];
}

describe("docxToSections", () => {
  it("turns Word headings 1 and 2 into sections and keeps Vietnamese text, marks, deeper headings and tables", async () => {
    const sections = await docxToSections(
      await makeDocx([
        { style: "Heading1", runs: [{ text: "Kỳ 19: Dữ liệu mở" }] },
        { runs: [{ text: "Dữ liệu là tài nguyên của chính phủ số." }] },
        { style: "Heading2", runs: [{ text: "Mở dữ liệu" }] },
        { runs: [{ text: "Cơ quan nhà nước ", bold: true }, { text: "công bố", underline: true }, { text: " dữ liệu mở." }] },
        { style: "Heading3", runs: [{ text: "Chi tiết" }] },
        { table: [["Chỉ tiêu", "2025"], ["Dịch vụ công", "80%"]] },
      ]),
    );
    expect(sections.map((section) => section.title)).toEqual(["Kỳ 19: Dữ liệu mở", "Mở dữ liệu"]);
    expect(plainText(sections[0]!.content)).toBe("Dữ liệu là tài nguyên của chính phủ số.");
    const second = sections[1]!.content;
    expect(second.content[0]?.content).toEqual([
      { type: "text", text: "Cơ quan nhà nước ", marks: [{ type: "bold" }] },
      { type: "text", text: "công bố", marks: [{ type: "underline" }] },
      { type: "text", text: " dữ liệu mở." },
    ]);
    expect(second.content[1]).toMatchObject({ type: "heading", attrs: { level: 3 } });
    expect(types(second)).toContain("table");
    expect(plainText(second)).toContain("Dịch vụ công");
    for (const section of sections) {
      const result = validateSectionContent(ensureBlockIds(section.content));
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });

  it("gives decomposed Vietnamese as NFC", async () => {
    const [section] = await docxToSections(await makeDocx([{ style: "Heading1", runs: [{ text: "Chuyển đổi số".normalize("NFD") }] }, { runs: [{ text: "Dữ liệu".normalize("NFD") }] }]));
    expect(section?.title).toBe("Chuyển đổi số".normalize("NFC"));
    expect(plainText(section!.content)).toBe("Dữ liệu".normalize("NFC"));
  });

  it("refuses a file that is not a Word document", async () => {
    await expect(docxToSections(Buffer.from("# chỉ là Markdown"))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const notWord = new JSZip();
    notWord.file("a.txt", "không phải Word");
    await expect(docxToSections(await notWord.generateAsync({ type: "nodebuffer" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses an archive with more entries than a document has, before mammoth reads it", async () => {
    const zip = wordArchive([{ runs: [{ text: "a" }] }]);
    for (let index = 0; index <= MAX_DOCX_ENTRIES; index += 1) zip.file(`word/media/${index}.xml`, "");
    await expect(docxToSections(await zip.generateAsync({ type: "nodebuffer" }))).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", messageKey: "docxTooManyEntries" });
  });

  it("refuses a zip bomb by counting what actually inflates", async () => {
    const zip = wordArchive([{ runs: [{ text: "a" }] }]);
    // Zeros deflate about a thousand to one: a file of a few dozen kilobytes that inflates past the limit.
    zip.file("word/media/bomb.bin", new Uint8Array(MAX_DOCX_UNCOMPRESSED_BYTES + 1));
    const bomb = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(MAX_DOCX_UNCOMPRESSED_BYTES / 100);
    await expect(docxToSections(bomb)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", messageKey: "docxTooLarge" });
  });
});

describe("docxToSections and hyperlinks", () => {
  async function docxWithLink(target: string): Promise<Buffer> {
    const zip = wordArchive([]);
    zip.file(
      "word/_rels/document.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${target}" TargetMode="External"/></Relationships>`,
    );
    const body = `${paragraphXml("Heading1", [{ text: "Liên kết" }])}<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>Cổng dịch vụ công</w:t></w:r></w:hyperlink></w:p>`;
    zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  it("keeps a web link", async () => {
    const [section] = await docxToSections(await docxWithLink("https://dichvucong.gov.vn/"));
    expect(section?.content.content[0]?.content?.[0]).toMatchObject({ text: "Cổng dịch vụ công", marks: [{ type: "link", attrs: { href: "https://dichvucong.gov.vn/" } }] });
  });

  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])(
    "refuses the whole file when a link is unsafe (%s), naming the link",
    async (target) => {
      const escaped = target.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      await expect(docxToSections(await docxWithLink(escaped))).rejects.toMatchObject({ messageKey: "docxUnsafeLink", messageParams: { href: target } });
    },
  );
});
