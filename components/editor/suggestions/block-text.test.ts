import { getSchema } from "@tiptap/core";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockText, quoteAt } from "@/lib/domain/suggestions";
import type { RichNode } from "@/lib/domain/document";
import { handbookExtensions } from "@/lib/editor/extensions";
import { locateInDocument, offsetOfPosition, positionOfOffset, readFormatChange, readTextChange, topBlockById, topBlockText } from "./block-text";

const schema = getSchema(handbookExtensions());

/** "Chuyển đổi " + bold "số" + " là quá trình", then a list with one item. */
const CONTENT: RichNode = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      attrs: { id: "p1" },
      content: [
        { type: "text", text: "Chuyển đổi " },
        { type: "text", text: "số", marks: [{ type: "bold" }] },
        { type: "text", text: " là quá trình" },
      ],
    },
    { type: "bulletList", attrs: { id: "l1" }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "một mục" }] }] }] },
    { type: "paragraph", attrs: { id: "p2" } },
  ],
};

function state() {
  return EditorState.create({ schema, doc: schema.nodeFromJSON(CONTENT) });
}

describe("suggestion offsets in the editor's document", () => {
  it("count a block's text as the domain does, and map every offset to a position and back", () => {
    const doc = state().doc;
    for (const id of ["p1", "l1"]) {
      const block = topBlockById(doc, id)!;
      const domainText = blockText(CONTENT.content!.find((node) => node.attrs?.id === id)!);
      expect(topBlockText(block)).toBe(domainText);
      for (let offset = 0; offset <= domainText.length; offset++) {
        const pos = positionOfOffset(block, offset)!;
        expect(offsetOfPosition(block, pos)).toBe(offset);
      }
    }
    const empty = topBlockById(doc, "p2")!;
    expect(topBlockText(empty)).toBe("");
    expect(positionOfOffset(empty, 0)).toBe(empty.pos + 1);
  });

  it("find a quote's words in the document (the same characters as in the block's text)", () => {
    const doc = state().doc;
    const text = "Chuyển đổi số là quá trình";
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const range = locateInDocument(doc, "p1", quoteAt(text, from, to));
        expect(range).not.toBeNull();
        expect(doc.textBetween(range!.from, range!.to)).toBe(text.slice(from, to));
      }),
    );
    expect(locateInDocument(doc, "p1", { offset: 0, exact: "không có", prefix: "", suffix: "" })).toBeNull();
    expect(locateInDocument(doc, "nowhere", { offset: 0, exact: "số", prefix: "", suffix: "" })).toBeNull();
  });
});

describe("reading what a person typed as a text change", () => {
  const at = (word: string) => {
    const doc = state().doc;
    const block = topBlockById(doc, "p1")!;
    const offset = topBlockText(block).indexOf(word);
    return { from: positionOfOffset(block, offset)!, to: positionOfOffset(block, offset + word.length)! };
  };

  it("reads typing over a selection, deleting it and inserting at the caret, across marks", () => {
    const range = at("quá trình");
    let current = state();
    const selection = TextSelection.create(current.doc, range.from, range.to);
    const replace = current.tr.setSelection(selection).insertText("hành trình");
    expect(readTextChange(replace, selection)).toEqual({ ok: true, change: { blockId: "p1", from: 17, to: 26, text: "hành trình" } });
    current = state();
    const spanning = at("đổi số");
    expect(readTextChange(current.tr.delete(spanning.from, spanning.to), current.selection)).toEqual({ ok: true, change: { blockId: "p1", from: 7, to: 13, text: "" } });
    expect(readTextChange(current.tr.insertText("toàn diện ", range.from), current.selection)).toEqual({ ok: true, change: { blockId: "p1", from: 17, to: 17, text: "toàn diện " } });
  });

  it("reads bold or italic on words as a formatting change, and nothing else as one", () => {
    const current = state();
    const range = at("quá trình");
    expect(readFormatChange(current.tr.addMark(range.from, range.to, schema.marks.bold.create()))).toEqual({ blockId: "p1", from: 17, to: 26, format: { mark: "bold", action: "add" } });
    const bold = at("số");
    expect(readFormatChange(current.tr.removeMark(bold.from, bold.to, schema.marks.bold))).toEqual({ blockId: "p1", from: 11, to: 13, format: { mark: "bold", action: "remove" } });
    expect(readFormatChange(current.tr.addMark(range.from, range.to, schema.marks.code.create()))).toBeNull();
    expect(readFormatChange(current.tr.insertText("x", range.from))).toBeNull();
  });

  it("refuses what a suggestion cannot carry: formatting, a new paragraph, an edit across blocks", () => {
    const current = state();
    const range = at("quá trình");
    expect(readTextChange(current.tr.addMark(range.from, range.to, schema.marks.bold.create()), current.selection)).toEqual({ ok: false, reason: "formatting" });
    expect(readTextChange(current.tr.split(range.from), current.selection)).toEqual({ ok: false, reason: "structure" });
    const second = topBlockById(current.doc, "l1")!;
    expect(readTextChange(current.tr.delete(range.from, second.pos + 4), current.selection)).toEqual({ ok: false, reason: "structure" });
  });
});
