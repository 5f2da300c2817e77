import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simpleDiff } from "lib0/diff";
import * as Y from "yjs";
import { resolveTextAnchor, textBetween } from "./anchors";
import { createLiveAnchor, liveBlockText, pointOfRelativePosition, relativePositionAt, resolveLiveAnchor } from "./anchors-yjs";
import type { SectionContent } from "./document";

/** Fixed seed: a failure is the same failure on every machine. */
const SEED = 20261211;
/** Enough runs to meet inserts and deletes at, before, after and inside both ends many times. */
const RUNS = 200;

const FIELD = "default";

function paragraph(id: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  element.setAttribute("id", id);
  const inner = new Y.XmlText();
  inner.insert(0, text);
  element.insert(0, [inner]);
  return element;
}

function textOf(fragment: Y.XmlFragment, index: number): Y.XmlText {
  const element = fragment.get(index) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

/**
 * The anchored paragraph's characters are all distinct and none of them is ever typed by the
 * edits (which type ASCII), so which of the anchored characters survive is known exactly.
 */
const ANCHORED_LENGTH = 40;
const ANCHORED_TEXT = Array.from({ length: ANCHORED_LENGTH }, (_, index) => String.fromCodePoint(0x4e00 + index)).join("");
const isOriginal = (char: string) => ANCHORED_TEXT.includes(char);

type Edit =
  | { kind: "insert"; replica: number; block: number; at: number; text: string }
  | { kind: "delete"; replica: number; block: number; at: number; length: number }
  | { kind: "format"; replica: number; block: number; at: number; length: number }
  | { kind: "newBlock"; replica: number; before: number; text: string }
  | { kind: "sync"; from: number; to: number };

const REPLICAS = 3;

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), replica: fc.nat(REPLICAS - 1), block: fc.nat(2), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.stringMatching(/^[a-z ]{1,6}$/) }),
  fc.record({ kind: fc.constant("delete" as const), replica: fc.nat(REPLICAS - 1), block: fc.nat(2), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("format" as const), replica: fc.nat(REPLICAS - 1), block: fc.nat(2), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("newBlock" as const), replica: fc.nat(REPLICAS - 1), before: fc.nat(3), text: fc.stringMatching(/^[a-z ]{1,10}$/) }),
  fc.record({ kind: fc.constant("sync" as const), from: fc.nat(REPLICAS - 1), to: fc.nat(REPLICAS - 1) }),
);

/** The anchored paragraph (id "p1") in a replica's fragment, wherever inserted blocks put it. */
function anchoredIndex(fragment: Y.XmlFragment, id = "p1"): number {
  return fragment.toArray().findIndex((child) => child instanceof Y.XmlElement && child.getAttribute("id") === id);
}

function apply(docs: Y.Doc[], edit: Edit, counter: { next: number }) {
  if (edit.kind === "sync") {
    Y.applyUpdate(docs[edit.to], Y.encodeStateAsUpdate(docs[edit.from], Y.encodeStateVector(docs[edit.to])));
    return;
  }
  const fragment = docs[edit.replica].getXmlFragment(FIELD);
  if (edit.kind === "newBlock") {
    const at = Math.min(edit.before, fragment.length);
    fragment.insert(at, [paragraph(`n${counter.next++}`, edit.text)]);
    return;
  }
  // Blocks 0 and 2 are the anchored paragraph's neighbours; 1 is the anchored paragraph itself.
  const anchored = anchoredIndex(fragment);
  const index = edit.block === 1 ? anchored : edit.block === 0 ? Math.max(0, anchored - 1) : Math.min(fragment.length - 1, anchored + 1);
  const text = textOf(fragment, index);
  const at = Math.floor(edit.at * text.length);
  if (edit.kind === "insert") text.insert(at, edit.text);
  if (edit.kind === "delete") text.delete(at, Math.min(edit.length, text.length - at));
  if (edit.kind === "format") text.format(at, Math.min(edit.length, text.length - at), { bold: true });
}

function syncAll(docs: Y.Doc[]) {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe("live anchors (Yjs relative positions)", () => {
  it("keeps covering the same surviving words through concurrent edits around and inside the range", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: ANCHORED_LENGTH - 1 }),
        fc.integer({ min: 1, max: ANCHORED_LENGTH }),
        fc.array(editArbitrary, { minLength: 1, maxLength: 40 }),
        (startOffset, length, edits) => {
          const endOffset = Math.min(ANCHORED_LENGTH, startOffset + length);
          const origin = new Y.Doc();
          const fragment = origin.getXmlFragment(FIELD);
          fragment.insert(0, [paragraph("p0", "the paragraph before"), paragraph("p1", ANCHORED_TEXT), paragraph("p2", "the paragraph after")]);
          const anchor = createLiveAnchor(fragment, "s1", { blockId: "p1", offset: startOffset }, { blockId: "p1", offset: endOffset });
          expect(anchor?.quote).toBe(ANCHORED_TEXT.slice(startOffset, endOffset));
          const covered = new Set(ANCHORED_TEXT.slice(startOffset, endOffset));

          const docs = Array.from({ length: REPLICAS }, () => new Y.Doc());
          for (const doc of docs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
          const counter = { next: 0 };
          for (const edit of edits) apply(docs, edit, counter);
          syncAll(docs);

          const results = docs.map((doc) => resolveLiveAnchor(doc, doc.getXmlFragment(FIELD), anchor!));
          // Every replica, once converged, sees the same range.
          for (const result of results) expect(result).toEqual(results[0]);
          const survivingText = liveBlockText(docs[0].getXmlFragment(FIELD), "p1") ?? "";
          const surviving = [...survivingText].filter((char) => covered.has(char)).join("");
          const result = results[0];
          if (surviving.length === 0) {
            // Only typed text can be left between the ends, never an original character.
            expect(result === null || [...result.quote].every((char) => !isOriginal(char))).toBe(true);
            return;
          }
          expect(result).not.toBeNull();
          expect(result!.start.blockId).toBe("p1");
          expect(result!.end.blockId).toBe("p1");
          // Exactly the surviving anchored characters, in order; none from outside the range.
          expect([...result!.quote].filter(isOriginal).join("")).toBe(surviving);
          // (Text typed where an end's own character was deleted may join the range: the end
          // stands where that character was, and Yjs places the typing right after it.)
          expect(survivingText.slice(result!.start.offset, result!.end.offset)).toBe(result!.quote);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("keeps text typed right before or right after the range outside it", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FIELD);
    fragment.insert(0, [paragraph("p1", "một hai ba bốn")]);
    const anchor = createLiveAnchor(fragment, "s1", { blockId: "p1", offset: 4 }, { blockId: "p1", offset: 10 })!;
    expect(anchor.quote).toBe("hai ba");
    textOf(fragment, 0).insert(10, "X");
    textOf(fragment, 0).insert(4, "Y");
    textOf(fragment, 0).insert(7, "Z");
    expect(resolveLiveAnchor(doc, fragment, anchor)?.quote).toBe("haZi ba");
  });

  it("finds points in nested blocks and across hard breaks as plainText() counts them", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FIELD);
    const list = new Y.XmlElement("bulletList");
    list.setAttribute("id", "l1");
    const items = ["một", "hai ba"].map((text, index) => {
      const item = new Y.XmlElement("listItem");
      item.setAttribute("id", `i${index}`);
      item.insert(0, [paragraph(`ip${index}`, text)]);
      return item;
    });
    list.insert(0, items);
    const withBreak = new Y.XmlElement("paragraph");
    withBreak.setAttribute("id", "p2");
    const first = new Y.XmlText();
    first.insert(0, "trên");
    const second = new Y.XmlText();
    second.insert(0, "dưới");
    withBreak.insert(0, [first, new Y.XmlElement("hardBreak"), second]);
    fragment.insert(0, [list, withBreak]);

    expect(liveBlockText(fragment, "l1")).toBe("một\nhai ba");
    expect(liveBlockText(fragment, "p2")).toBe("trên\ndưới");
    for (const [blockId, text] of [["l1", "một\nhai ba"], ["p2", "trên\ndưới"]] as const) {
      for (let offset = 0; offset <= text.length; offset++) {
        for (const assoc of [0, -1] as const) {
          const position = relativePositionAt(fragment, { blockId, offset }, assoc)!;
          expect(pointOfRelativePosition(doc, fragment, position)).toEqual({ blockId, offset });
        }
      }
    }
    const anchor = createLiveAnchor(fragment, "s1", { blockId: "l1", offset: 4 }, { blockId: "p2", offset: 4 })!;
    expect(anchor.quote).toBe("hai ba\ntrên");
  });

  it("is gone when its block is deleted, and refuses positions that are not base64 of one", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FIELD);
    fragment.insert(0, [paragraph("p0", "trước"), paragraph("p1", "giữa")]);
    const anchor = createLiveAnchor(fragment, "s1", { blockId: "p1", offset: 0 }, { blockId: "p1", offset: 4 })!;
    expect(resolveLiveAnchor(doc, fragment, { start: "%%%", end: anchor.end })).toBeNull();
    fragment.delete(1, 1);
    expect(resolveLiveAnchor(doc, fragment, anchor)).toBeNull();
    expect(createLiveAnchor(fragment, "s1", { blockId: "p1", offset: 0 }, { blockId: "p1", offset: 1 })).toBeNull();
  });
});

describe("text anchors (block id and offsets)", () => {
  const content: SectionContent = {
    type: "doc",
    content: [
      { type: "paragraph", attrs: { id: "a" }, content: [{ type: "text", text: "Chuyển đổi số là gì" }] },
      { type: "paragraph", attrs: { id: "b" }, content: [{ type: "text", text: "Vua Lý Thái Tổ dời đô" }] },
    ],
  };

  it("holds its words at its offsets, within and across blocks", () => {
    expect(textBetween(content, { blockId: "a", offset: 0 }, { blockId: "a", offset: 10 })).toBe("Chuyển đổi");
    expect(textBetween(content, { blockId: "a", offset: 14 }, { blockId: "b", offset: 3 })).toBe("là gì\nVua");
    expect(textBetween(content, { blockId: "b", offset: 3 }, { blockId: "a", offset: 3 })).toBeNull();
    expect(resolveTextAnchor(content, { start: { blockId: "b", offset: 4 }, end: { blockId: "b", offset: 14 }, quote: "Lý Thái Tổ" })).toEqual({
      start: { blockId: "b", offset: 4 },
      end: { blockId: "b", offset: 14 },
      quote: "Lý Thái Tổ",
      exact: true,
    });
  });

  it("finds its words again in its block when the offsets drifted, and is gone when they are", () => {
    expect(resolveTextAnchor(content, { start: { blockId: "b", offset: 0 }, end: { blockId: "b", offset: 10 }, quote: "Lý Thái Tổ" })).toMatchObject({
      start: { blockId: "b", offset: 4 },
      exact: false,
    });
    expect(resolveTextAnchor(content, { start: { blockId: "b", offset: 0 }, end: { blockId: "b", offset: 3 }, quote: "Trần" })).toBeNull();
    expect(resolveTextAnchor(content, { start: { blockId: "z", offset: 0 }, end: { blockId: "z", offset: 3 }, quote: "Vua" })).toBeNull();
  });
});

/**
 * Typing as the editor's binding records it: y-tiptap's updateYText turns each keystroke into
 * one Yjs edit found by lib0's simpleDiff between the old and new text, caret unaware.
 */
function typeAsEditor(text: Y.XmlText, at: number, typed: string) {
  let caret = at;
  for (const char of typed) {
    const old = text.toString();
    const next = old.slice(0, caret) + char + old.slice(caret);
    const { index, remove, insert } = simpleDiff(old, next);
    text.delete(index, remove);
    text.insert(index, insert);
    caret += 1;
  }
}

describe("a range typed against at its edges by words sharing its letters", () => {
  const BEFORE = "Ba ";
  const QUOTE = "chiến lược chuyển đổi số";
  const AFTER = " đến năm 2030";

  function draft() {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FIELD);
    fragment.insert(0, [paragraph("p1", BEFORE + QUOTE + AFTER)]);
    const start = { blockId: "p1", offset: BEFORE.length };
    const end = { blockId: "p1", offset: BEFORE.length + QUOTE.length };
    const anchor = createLiveAnchor(fragment, "s1", start, end);
    if (!anchor) throw new Error("no anchor");
    return { doc, fragment, anchor, text: textOf(fragment, 0) };
  }

  it("keeps to its words when “các ” is typed right before “chiến”, though the binding puts the insertion after the “c”", () => {
    const { doc, fragment, anchor, text } = draft();
    typeAsEditor(text, BEFORE.length, "các ");
    expect(liveBlockText(fragment, "p1")).toBe(`Ba các ${QUOTE}${AFTER}`);
    // The relative positions alone took the word in: that is what the quote corrects.
    expect(resolveLiveAnchor(doc, fragment, { start: anchor.start, end: anchor.end })?.quote).toBe(`các ${QUOTE}`);
    const range = resolveLiveAnchor(doc, fragment, anchor);
    expect(range?.quote).toBe(QUOTE);
    expect(range?.start).toEqual({ blockId: "p1", offset: "Ba các ".length });
    expect(range?.end).toEqual({ blockId: "p1", offset: `Ba các ${QUOTE}`.length });
  });

  it("keeps an edit inside the range inside it", () => {
    const { doc, fragment, anchor, text } = draft();
    typeAsEditor(text, BEFORE.length + "chiến lược".length, " cụ thể");
    expect(resolveLiveAnchor(doc, fragment, anchor)?.quote).toBe("chiến lược cụ thể chuyển đổi số");
  });

  it("keeps a word glued to the range's first letters (no word boundary) as it resolves", () => {
    const { doc, fragment, anchor, text } = draft();
    typeAsEditor(text, BEFORE.length, "cá");
    expect(resolveLiveAnchor(doc, fragment, anchor)?.quote).toBe(`cá${QUOTE}`);
  });

  it("never grows for generated words typed at either edge that begin with its first or end with its last letters", () => {
    const letters = fc.stringMatching(/^[a-zăâđêôơưáàảãạc]{0,4}$/);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        letters,
        fc.integer({ min: 1, max: 3 }),
        letters,
        fc.constantFrom("before", "after", "both"),
        (sharedStart, restStart, sharedEnd, restEnd, where) => {
          const { doc, fragment, anchor, text } = draft();
          // A word beginning with the range's first letters, then a space, typed right before it;
          // a space, then a word ending with the range's last letters, typed right after it.
          if (where !== "before") typeAsEditor(text, BEFORE.length + QUOTE.length, ` ${restEnd}${QUOTE.slice(-sharedEnd)}`);
          if (where !== "after") typeAsEditor(text, BEFORE.length, `${QUOTE.slice(0, sharedStart)}${restStart} `);
          const range = resolveLiveAnchor(doc, fragment, anchor);
          expect(range?.quote).toBe(QUOTE);
          const blockText = liveBlockText(fragment, "p1") ?? "";
          expect(blockText.slice(range?.start.offset, range?.end.offset)).toBe(QUOTE);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
