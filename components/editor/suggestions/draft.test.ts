import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { draftCaret, foldChange, type SuggestionDraft } from "./draft";

const TEXT = "Chuyển đổi số là quá trình lâu dài";

/** What the block would read with the draft applied. */
function applied(draft: SuggestionDraft): string {
  return TEXT.slice(0, draft.from) + draft.text + TEXT.slice(draft.to);
}

describe("the suggestion being typed", () => {
  it("grows by typing at the caret and shrinks by Backspace, as the words would in the document", () => {
    let step = foldChange(null, { blockId: "p", from: 17, to: 26, text: "h" });
    for (const char of "ành trình") step = foldChange(step.draft, { blockId: "p", from: draftCaret(step.draft), to: draftCaret(step.draft), text: char });
    expect(step).toEqual({ draft: { blockId: "p", from: 17, to: 26, text: "hành trình" }, finished: null });
    const caret = draftCaret(step.draft);
    step = foldChange(step.draft, { blockId: "p", from: caret - 1, to: caret, text: "" });
    expect(step.draft.text).toBe("hành trìn");
  });

  it("extends a deletion with Backspace before it and Delete after it, and turns typing after a deletion into a replacement", () => {
    let step = foldChange(null, { blockId: "p", from: 13, to: 14, text: "" });
    step = foldChange(step.draft, { blockId: "p", from: 12, to: 13, text: "" });
    step = foldChange(step.draft, { blockId: "p", from: 12, to: 13, text: "" });
    expect(step.draft).toEqual({ blockId: "p", from: 12, to: 15, text: "" });
    step = foldChange(step.draft, { blockId: "p", from: 12, to: 12, text: "x" });
    expect(step.draft).toEqual({ blockId: "p", from: 12, to: 15, text: "x" });
  });

  it("finishes the draft when the next change is elsewhere", () => {
    const first = foldChange(null, { blockId: "p", from: 0, to: 6, text: "Đổi" });
    const second = foldChange(first.draft, { blockId: "p", from: 20, to: 20, text: "!" });
    expect(second).toEqual({ draft: { blockId: "p", from: 20, to: 20, text: "!" }, finished: first.draft });
    expect(foldChange(first.draft, { blockId: "q", from: 0, to: 0, text: "a" }).finished).toEqual(first.draft);
  });

  it("always reads as the document would after the same keystrokes at the caret (typing and Backspace)", () => {
    fc.assert(
      fc.property(fc.nat(TEXT.length), fc.nat(TEXT.length), fc.array(fc.oneof(fc.constantFrom("a", "ư", " "), fc.constant("⌫")), { maxLength: 30 }), (a, b, keys) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        // Typing over the selection first, as the person does.
        let step = foldChange(null, { blockId: "p", from, to, text: "x" });
        let expected = TEXT.slice(0, from) + "x";
        const tail = TEXT.slice(to);
        for (const key of keys) {
          const caret = draftCaret(step.draft);
          if (key === "⌫") {
            if (expected.length <= from) continue;
            step = foldChange(step.draft, { blockId: "p", from: caret - 1, to: caret, text: "" });
            expected = expected.slice(0, -1);
          } else {
            step = foldChange(step.draft, { blockId: "p", from: caret, to: caret, text: key });
            expected += key;
          }
          expect(step.finished).toBeNull();
        }
        expect(applied(step.draft)).toBe(expected + tail);
      }),
    );
  });
});
