import { describe, expect, it } from "vitest";
import type { RichNode } from "../domain/document";
import { contentBlocks, listMarker, PLAIN_STYLE, textLength } from "./blocks";

const text = (value: string, marks: RichNode["marks"] = []): RichNode => ({ type: "text", text: value, marks });
const paragraph = (...content: RichNode[]): RichNode => ({ type: "paragraph", content });
const doc = (...content: RichNode[]): RichNode => ({ type: "doc", content });

describe("contentBlocks", () => {
  it("turns marks into styles and keeps only http, https and mailto links", () => {
    const [block] = contentBlocks(
      doc(
        paragraph(
          text("đậm", [{ type: "bold" }, { type: "italic" }]),
          text("web", [{ type: "link", attrs: { href: "https://chinhphu.vn" } }]),
          text("thư", [{ type: "link", attrs: { href: "mailto:lienhe@mic.gov.vn" } }]),
          text("mã", [{ type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "code" }]),
          text("gạch", [{ type: "underline" }, { type: "strike" }]),
          { type: "hardBreak" },
        ),
      ),
    );
    expect(block).toEqual({
      kind: "paragraph",
      runs: [
        { text: "đậm", style: { ...PLAIN_STYLE, bold: true, italic: true } },
        { text: "web", style: { ...PLAIN_STYLE, link: "https://chinhphu.vn" } },
        { text: "thư", style: { ...PLAIN_STYLE, link: "mailto:lienhe@mic.gov.vn" } },
        { text: "mã", style: { ...PLAIN_STYLE, code: true } },
        { text: "gạch", style: { ...PLAIN_STYLE, underline: true, strike: true } },
        { text: "\n", style: PLAIN_STYLE },
      ],
    });
  });

  it("normalizes decomposed Vietnamese to NFC", () => {
    const decomposed = "Chính phủ số".normalize("NFD");
    const [block] = contentBlocks(doc(paragraph(text(decomposed))));
    expect(block).toMatchObject({ runs: [{ text: "Chính phủ số" }] });
    expect(block.kind === "paragraph" && block.runs[0].text).not.toBe(decomposed);
  });

  it("reads lists, quotes, code, rules and tables, nested", () => {
    const blocks = contentBlocks(
      doc(
        {
          type: "orderedList",
          attrs: { start: 4, type: "i" },
          content: [{ type: "listItem", content: [paragraph(text("bốn")), { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("lồng"))] }] }] }],
        },
        { type: "blockquote", content: [paragraph(text("trích"))] },
        { type: "codeBlock", content: [text("a\n  b")] },
        { type: "horizontalRule" },
        {
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableHeader", attrs: { colspan: 2 }, content: [paragraph(text("đầu"))] }] },
            { type: "tableRow", content: [{ type: "tableCell", content: [paragraph(text("ô"))] }, { type: "tableCell", content: [paragraph()] }] },
          ],
        },
      ),
    );
    expect(blocks.map((block) => block.kind)).toEqual(["list", "quote", "code", "rule", "table"]);
    expect(blocks[0]).toMatchObject({ ordered: true, start: 4, numbering: "i", items: [[{ kind: "paragraph" }, { kind: "list", ordered: false }]] });
    expect(blocks[2]).toEqual({ kind: "code", text: "a\n  b" });
    expect(blocks[4]).toMatchObject({ rows: [[{ header: true, colspan: 2 }], [{ header: false, colspan: 1 }, { blocks: [{ kind: "paragraph", runs: [] }] }]] });
    expect(textLength(blocks)).toBe("bốnlồngtríchđầuô".length + "a\n  b".length);
  });

  it("keeps the text of nodes it does not know", () => {
    const blocks = contentBlocks(doc({ type: "callout", content: [paragraph(text("vẫn còn"))] }, { type: "mystery", content: [text("chữ")] }));
    expect(blocks).toEqual([
      { kind: "paragraph", runs: [{ text: "vẫn còn", style: PLAIN_STYLE }] },
      { kind: "paragraph", runs: [{ text: "chữ", style: PLAIN_STYLE }] },
    ]);
  });
});

describe("listMarker", () => {
  it("numbers as a browser does for each list type", () => {
    expect([1, 4, 9, 14, 2026].map((number) => listMarker(number, "i"))).toEqual(["i.", "iv.", "ix.", "xiv.", "mmxxvi."]);
    expect([1, 26, 27, 52].map((number) => listMarker(number, "A"))).toEqual(["A.", "Z.", "AA.", "AZ."]);
    expect(listMarker(3, "1")).toBe("3.");
    expect(listMarker(0, "a")).toBe("0.");
  });
});
