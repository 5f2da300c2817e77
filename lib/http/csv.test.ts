import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, UTF8_BOM } from "./csv";

describe("CSV for spreadsheets", () => {
  it("turns cells that a spreadsheet would run as formulas into text", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","Bấm")')).toBe(`"'=HYPERLINK(""http://evil.example"",""Bấm"")"`);
    for (const trigger of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${trigger}1+1`)).toBe(`"'${trigger}1+1"`);
    }
  });

  it("leaves ordinary text alone, quoted, with quotes doubled", () => {
    expect(csvCell("Nguyễn Thị Lan")).toBe('"Nguyễn Thị Lan"');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("1=1")).toBe('"1=1"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(null)).toBe('""');
  });

  it("protects JSON cells too", () => {
    expect(csvCell({ email: "=cmd|' /C calc'!A0" })).toBe(`"{""email"":""=cmd|' /C calc'!A0""}"`);
    expect(csvCell(["-2+3"])).toBe(`"[""-2+3""]"`);
  });

  it("starts with a UTF-8 byte-order mark so Excel shows Vietnamese", () => {
    const document = csvDocument(["tên"], [["Bộ Tài chính"], ["@SUM(A1)"]]);
    expect(document.startsWith(UTF8_BOM)).toBe(true);
    expect(new TextEncoder().encode(document).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(document).toBe(`${UTF8_BOM}"tên"\r\n"Bộ Tài chính"\r\n"'@SUM(A1)"\r\n`);
  });
});
