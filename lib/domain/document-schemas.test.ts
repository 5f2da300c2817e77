import { describe, expect, it } from "vitest";
import { sectionContentSchema } from "./document-schemas";
import { parseStoredJson } from "./stored-json";

const stored = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2, id: "h1" }, content: [{ type: "text", text: "Điều 1" }] },
    { attrs: { id: "p1" }, type: "paragraph", content: [{ type: "text", marks: [{ type: "bold" }], text: "Cán bộ" }, { type: "hardBreak" }] },
  ],
};

describe("sectionContentSchema", () => {
  it("lets stored content through as it was written, key order included", () => {
    const text = JSON.stringify(stored);
    const read = parseStoredJson(sectionContentSchema, text, "SectionRevision.content");
    expect(JSON.stringify(read)).toBe(text);
  });

  it("refuses a root that is not a doc, a node without a type, and marks or text of the wrong kind", () => {
    const refused = [
      { type: "paragraph", content: [] },
      { type: "doc" },
      { type: "doc", content: [{ content: [] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: 7 }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a", marks: [{ attrs: {} }] }] }] },
      { type: "doc", content: [{ type: "paragraph", attrs: [] }] },
      { type: "doc", content: [{ type: "paragraph", content: {} }] },
    ];
    for (const value of refused) {
      expect(() => parseStoredJson(sectionContentSchema, JSON.stringify(value), "ProposalSection.content"), JSON.stringify(value)).toThrow(/^ProposalSection\.content: does not hold/);
    }
  });
});
