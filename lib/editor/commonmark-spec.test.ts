import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/domain/canonical";
import { withoutFenceNewline } from "./commonmark-spec.test-support";
import spec from "./fixtures/commonmark-spec.json";
import { htmlToDocument } from "./html-import";
import { markdownToDocument } from "./markdown";

/**
 * The CommonMark specification's own examples (see the fixture's `source`) for the subset the
 * handbook claims: each example's Markdown must read as the document its expected HTML reads
 * as, both in the editor's schema (HTML through Tiptap's parser, as Word imports are read).
 */
describe("CommonMark spec examples", () => {
  it("covers every section the handbook's subset has", () => {
    const sections = new Set(spec.examples.map((example) => example.section));
    for (const section of ["Tabs", "Backslash escapes", "Thematic breaks", "ATX headings", "Setext headings", "Indented code blocks", "Fenced code blocks", "Paragraphs", "Block quotes", "List items", "Lists", "Code spans", "Emphasis and strong emphasis", "Links", "Autolinks", "Hard line breaks", "Soft line breaks"]) {
      expect(sections.has(section), section).toBe(true);
    }
    expect(spec.examples.length).toBeGreaterThan(400);
  });

  it.each(spec.examples.map((example) => [example.example, example.section, example] as const))("example %i (%s)", (_number, _section, example) => {
    expect(canonicalJson(markdownToDocument(example.markdown))).toBe(canonicalJson(withoutFenceNewline(htmlToDocument(example.html))));
  });
});
