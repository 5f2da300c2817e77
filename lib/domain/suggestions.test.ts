import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RichNode, SectionContent } from "./document";
import {
  acceptanceOrder,
  applySuggestion,
  approvalGateForSuggestions,
  blockText,
  checkSuggestion,
  locateQuote,
  quoteAt,
  replaceBlockText,
  suggestionKind,
  SUGGESTION_LIMITS,
} from "./suggestions";

const SEED = { seed: 20261217, numRuns: 300 };

function paragraph(id: string, ...parts: (string | [string, string])[]): RichNode {
  return {
    type: "paragraph",
    attrs: { id },
    content: parts.map((part) => (typeof part === "string" ? { type: "text", text: part } : { type: "text", text: part[0], marks: [{ type: part[1] }] })),
  };
}

const section = (...blocks: RichNode[]): SectionContent => ({ type: "doc", content: blocks });

describe("suggestion kinds and checks", () => {
  it("names insertions, deletions and replacements", () => {
    expect(suggestionKind("", "mới")).toBe("insert");
    expect(suggestionKind("cũ", "")).toBe("delete");
    expect(suggestionKind("cũ", "mới")).toBe("replace");
  });

  it("refuses empty, unchanged, oversized and structural suggestions", () => {
    const quote = { offset: 0, exact: "số", prefix: "", suffix: "" };
    expect(checkSuggestion({ quote: { ...quote, exact: "" }, replacement: "" })).toBe("empty");
    expect(checkSuggestion({ quote, replacement: "số" })).toBe("unchanged");
    expect(checkSuggestion({ quote: { ...quote, exact: "x".repeat(SUGGESTION_LIMITS.maxExactChars + 1) }, replacement: "y" })).toBe("exact_too_long");
    expect(checkSuggestion({ quote, replacement: "y".repeat(SUGGESTION_LIMITS.maxReplacementChars + 1) })).toBe("replacement_too_long");
    expect(checkSuggestion({ quote: { ...quote, offset: -1 }, replacement: "y" })).toBe("bad_offset");
    expect(checkSuggestion({ quote, replacement: "a\nb" })).toBe("control_characters");
    expect(checkSuggestion({ quote, replacement: "chuyển đổi" })).toBeNull();
  });

  it("holds approval while any suggestion is pending, with the count", () => {
    expect(approvalGateForSuggestions(0)).toEqual({ ok: true });
    expect(approvalGateForSuggestions(3)).toEqual({ ok: false, pending: 3 });
  });
});

describe("locating a quote", () => {
  it("tells a repeated word apart by its context", () => {
    const text = "số hoá là số hoá, không phải số hoá";
    const second = text.indexOf("số", 3);
    const quote = quoteAt(text, second, second + 2, 6);
    expect(locateQuote(text, quote)).toEqual({ from: second, to: second + 2 });
  });

  it("follows the quote after text is added before it, and gives up when the quoted words changed", () => {
    const text = "Chuyển đổi số là quá trình thay đổi tổng thể";
    const from = text.indexOf("quá trình");
    const quote = quoteAt(text, from, from + "quá trình".length);
    const edited = `Mở đầu. ${text}`;
    expect(locateQuote(edited, quote)).toEqual({ from: from + 8, to: from + 8 + "quá trình".length });
    expect(locateQuote(text.replace("quá trình", "hành trình"), quote)).toBeNull();
  });

  it("places an insertion by its context, and into an empty block", () => {
    const text = "Một hai ba";
    expect(locateQuote(text, quoteAt(text, 3, 3))).toEqual({ from: 3, to: 3 });
    expect(locateQuote("", { offset: 0, exact: "", prefix: "", suffix: "" })).toEqual({ from: 0, to: 0 });
    expect(locateQuote("khác hẳn", { offset: 3, exact: "", prefix: "Một", suffix: " hai" })).toBeNull();
  });

  it("finds every quote where it was taken (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat(), (text, a, b) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.min(text.length, from + (Math.max(a, b) % 7));
        expect(locateQuote(text, quoteAt(text, from, to))).toEqual({ from, to });
      }),
      SEED,
    );
  });

  it("still finds a quote after an edit away from it (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 10 }), (before, word, added) => {
        const text = `${before} «${word}» đuôi`;
        const from = before.length + 2;
        const quote = quoteAt(text, from, from + word.length, 4);
        const edited = added + text;
        const found = locateQuote(edited, quote);
        expect(found).not.toBeNull();
        expect(edited.slice(found!.from, found!.to)).toBe(word);
      }),
      SEED,
    );
  });
});

describe("applying a suggestion", () => {
  it("replaces one word inside formatted text, keeping the marks around it", () => {
    const block = paragraph("b1", "Cẩm nang ", ["chuyển đổi", "bold"], " số");
    const replaced = replaceBlockText(block, 9, 15, "biến");
    expect(replaced.content).toEqual([
      { type: "text", text: "Cẩm nang " },
      { type: "text", text: "biến đổi", marks: [{ type: "bold" }] },
      { type: "text", text: " số" },
    ]);
  });

  it("applies to the named block only, and reports a missing block or changed text", () => {
    const content = section(paragraph("a", "số hoá"), paragraph("b", "số hoá"));
    const target = { blockId: "b", quote: quoteAt("số hoá", 0, 2), replacement: "chuyển đổi số" };
    const applied = applySuggestion(content, target);
    expect(applied.ok && applied.content.content!.map(blockText)).toEqual(["số hoá", "chuyển đổi số hoá"]);
    expect(applySuggestion(content, { ...target, blockId: "zz" })).toEqual({ ok: false, reason: "block_missing" });
    expect(applySuggestion(section(paragraph("b", "khác")), target)).toEqual({ ok: false, reason: "text_changed" });
  });

  it("inserts into an empty paragraph", () => {
    const applied = applySuggestion(section({ type: "paragraph", attrs: { id: "e" } }), { blockId: "e", quote: { offset: 0, exact: "", prefix: "", suffix: "" }, replacement: "Mới" });
    expect(applied.ok && applied.content.content![0].content).toEqual([{ type: "text", text: "Mới" }]);
  });

  const leaves = fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 8 }), bold: fc.boolean() }), { minLength: 1, maxLength: 6 });

  it("changes exactly the quoted text, whatever the marks (property)", () => {
    fc.assert(
      fc.property(leaves, fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), (parts, a, b, replacement) => {
        const block = paragraph("p", ...parts.map((part): string | [string, string] => (part.bold ? [part.text, "bold"] : part.text)));
        const text = blockText(block);
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.min(text.length, from + (Math.max(a, b) % 9));
        const result = replaceBlockText(block, from, to, replacement);
        expect(blockText(result)).toBe(text.slice(0, from) + replacement + text.slice(to));
        for (const leaf of result.content ?? []) expect((leaf.text ?? "").length).toBeGreaterThan(0);
      }),
      SEED,
    );
  });

  it("accepts several suggestions of one block from its end, so each still finds its words (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 8 }), fc.string({ maxLength: 4 }), (words, replacement) => {
        const text = words.join(" ");
        let content = section(paragraph("p", text));
        const targets = words
          .map((word, index) => ({ word, start: words.slice(0, index).join(" ").length + (index > 0 ? 1 : 0) }))
          .filter((_, index) => index % 2 === 0)
          .map(({ word, start }, index) => ({ blockId: "p", quote: quoteAt(text, start, start + word.length), replacement, createdAt: new Date(index) }));
        let expected = text;
        for (const target of [...targets].sort((x, y) => y.quote.offset - x.quote.offset)) {
          expected = expected.slice(0, target.quote.offset) + replacement + expected.slice(target.quote.offset + target.quote.exact.length);
        }
        for (const target of acceptanceOrder(targets)) {
          const applied = applySuggestion(content, target);
          expect(applied.ok).toBe(true);
          if (applied.ok) content = applied.content;
        }
        expect(blockText(content.content![0])).toBe(expected);
      }),
      SEED,
    );
  });
});

describe("formatting suggestions", () => {
  it("are named, keep their words and refuse changing them", () => {
    const quote = quoteAt("Chuyển đổi số", 11, 13);
    expect(suggestionKind("số", "số", { mark: "bold", action: "add" })).toBe("format");
    expect(checkSuggestion({ quote, replacement: "số", format: { mark: "bold", action: "add" } })).toBeNull();
    expect(checkSuggestion({ quote, replacement: "số hoá", format: { mark: "bold", action: "add" } })).toBe("format_changes_text");
    expect(checkSuggestion({ quote: { ...quote, exact: "" }, replacement: "", format: { mark: "italic", action: "add" } })).toBe("empty");
  });

  it("add a mark to the quoted words across text nodes and remove it again, the text unchanged (property)", () => {
    const block = paragraph("p", "Chuyển ", ["đổi", "italic"], " số là quá trình");
    const text = blockText(block);
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), fc.constantFrom("bold" as const, "italic" as const), (a, b, mark) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const added = applySuggestion(section(block), { blockId: "p", quote: quoteAt(text, from, to), replacement: text.slice(from, to), format: { mark, action: "add" } });
        if (from === to) return;
        expect(added.ok).toBe(true);
        if (!added.ok) return;
        const result = added.content.content![0];
        expect(blockText(result)).toBe(text);
        // Every character of the range carries the mark; outside it, marks are as before.
        let offset = 0;
        for (const leaf of result.content ?? []) {
          const length = (leaf.text ?? "").length;
          expect(length).toBeGreaterThan(0);
          const has = (leaf.marks ?? []).some((candidate) => candidate.type === mark);
          if (offset >= from && offset + length <= to) expect(has).toBe(true);
          offset += length;
        }
        const removed = applySuggestion(added.content, { blockId: "p", quote: quoteAt(text, from, to), replacement: text.slice(from, to), format: { mark, action: "remove" } });
        expect(removed.ok && blockText(removed.content.content![0])).toBe(text);
        if (removed.ok) expect((removed.content.content![0].content ?? []).some((leaf) => (leaf.marks ?? []).some((candidate) => candidate.type === mark && mark === "bold"))).toBe(false);
      }),
      SEED,
    );
    const bolded = applySuggestion(section(block), { blockId: "p", quote: quoteAt(text, 11, 13), replacement: "số", format: { mark: "bold", action: "add" } });
    expect(bolded.ok && bolded.content.content![0].content).toEqual([
      { type: "text", text: "Chuyển " },
      { type: "text", text: "đổi", marks: [{ type: "italic" }] },
      { type: "text", text: " " },
      { type: "text", text: "số", marks: [{ type: "bold" }] },
      { type: "text", text: " là quá trình" },
    ]);
    const unbolded = bolded.ok ? applySuggestion(bolded.content, { blockId: "p", quote: quoteAt(text, 11, 13), replacement: "số", format: { mark: "bold", action: "remove" } }) : bolded;
    expect(unbolded.ok && unbolded.content.content![0]).toEqual(block);
  });
});
