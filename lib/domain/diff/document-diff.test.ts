import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical";
import { plainText, type DocumentSnapshot } from "../document";
import { decomposed, heading, paragraph, section, snapshot, text } from "../fixtures/builders";
import { generateLargeHandbook } from "../fixtures/large-handbook";
import {
  SEED_BROKEN_SENTENCE_END,
  SEED_BROKEN_SENTENCE_START,
  SEED_CLOSING_HEADING,
  SEED_PARAGRAPHS,
} from "../fixtures/seed-chapter";
import { countWords, normalizeText } from "../text";
import { applyDocumentDiff, diffDocuments, isEmptyDiff, type BlockDiff, type SectionDiff } from "./index";

function sectionOf(diff: ReturnType<typeof diffDocuments>, id: string): SectionDiff {
  const found = diff.sections.find((candidate) => candidate.sectionId === id);
  if (!found) throw new Error(`no section ${id} in diff`);
  return found;
}

function blockOf(sectionDiff: SectionDiff, id: string): BlockDiff {
  const found = sectionDiff.blocks.find((candidate) => candidate.blockId === id);
  if (!found) throw new Error(`no block ${id} in section ${sectionDiff.sectionId}`);
  return found;
}

function threeSections(): DocumentSnapshot {
  return snapshot([
    section("a", "Chính phủ điện tử", [paragraph("Đầu tiên là chính phủ điện tử.", "a1"), paragraph("Số hoá tài nguyên.", "a2")]),
    section("b", "Chính phủ số", [paragraph("Phát triển cao hơn là chính phủ số.", "b1")]),
    section("c", "Chính phủ thông minh", [paragraph("Cao nhất là chính phủ thông minh.", "c1")]),
  ]);
}

describe("diffDocuments on a document and itself", () => {
  it("finds nothing when a whole generated handbook is compared with a copy of itself", () => {
    const handbook = generateLargeHandbook({ words: 5_000, seed: 7 });
    const diff = diffDocuments(handbook, structuredClone(handbook));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.stats).toEqual({
      wordsAdded: 0,
      wordsRemoved: 0,
      sectionsAdded: 0,
      sectionsRemoved: 0,
      sectionsMoved: 0,
      sectionsRenamed: 0,
      sectionsChanged: 0,
      blocksChanged: 0,
      blocksCoarse: 0,
      blocksAdded: 0,
      blocksRemoved: 0,
      linesRemoved: 0,
      blocksJoined: 0,
      blocksSplit: 0,
      blocksMoved: 0,
      repeatedRemoved: 0,
      repeatedAdded: 0,
    });
    const blockCount = handbook.sections.reduce((count, current) => count + current.content.content.length, 0);
    expect(diff.sections.flatMap((current) => current.blocks)).toHaveLength(blockCount);
  });

  it("treats null attributes and decomposed text as the same document, as canonicalJson does", () => {
    const before = threeSections();
    const after = decomposed(structuredClone(before));
    after.sections[0].content.content[0].attrs = { id: "a1", textAlign: null };
    expect(isEmptyDiff(diffDocuments(before, after))).toBe(true);
  });
});

describe("diffDocuments on sections", () => {
  it("reports an inserted section as added without calling its neighbours moved", () => {
    const before = threeSections();
    const after = structuredClone(before);
    after.sections.splice(1, 0, section("new", "Kinh tế số", [paragraph("Kinh tế số là gì?", "n1")]));
    const diff = diffDocuments(before, after);
    expect(diff.sections.map((current) => [current.sectionId, current.status, current.moved])).toEqual([
      ["a", "unchanged", false],
      ["new", "added", false],
      ["b", "unchanged", false],
      ["c", "unchanged", false],
    ]);
    expect(diff.stats.wordsAdded).toBe(countWords("Kinh tế số là gì?"));
  });

  it("places a removed section where it stood", () => {
    const before = threeSections();
    const after = structuredClone(before);
    after.sections.splice(1, 1);
    const diff = diffDocuments(before, after);
    expect(diff.sections.map((current) => [current.sectionId, current.status])).toEqual([
      ["a", "unchanged"],
      ["b", "removed"],
      ["c", "unchanged"],
    ]);
    expect(sectionOf(diff, "b").blocks.every((block) => block.status === "removed")).toBe(true);
    expect(diff.stats.sectionsRemoved).toBe(1);
  });

  it("reports the one section that moved, not every section it shifted", () => {
    const handbook = generateLargeHandbook({ words: 4_000, seed: 3, wordsPerSection: { min: 150, max: 300 } });
    const after = structuredClone(handbook);
    const [moved] = after.sections.splice(1, 1);
    after.sections.push(moved);
    const diff = diffDocuments(handbook, after);
    expect(diff.sections.filter((current) => current.moved).map((current) => current.sectionId)).toEqual([moved.id]);
    expect(diff.stats.sectionsMoved).toBe(1);
    expect(diff.stats.wordsAdded + diff.stats.wordsRemoved).toBe(0);
    const movedDiff = sectionOf(diff, moved.id);
    expect(movedDiff.status).toBe("unchanged");
    expect([movedDiff.positionBefore, movedDiff.positionAfter]).toEqual([1, handbook.sections.length - 1]);
    expect(diff.sections.map((current) => current.sectionId)).toEqual(after.sections.map((current) => current.id));
  });

  it("reports a renamed section as renamed and changed, with both titles", () => {
    const before = threeSections();
    const after = structuredClone(before);
    after.sections[2].title = "Chính phủ thông minh và bền vững";
    const renamed = sectionOf(diffDocuments(before, after), "c");
    expect(renamed).toMatchObject({
      status: "changed",
      renamed: true,
      titleBefore: "Chính phủ thông minh",
      titleAfter: "Chính phủ thông minh và bền vững",
    });
  });
});

describe("diffDocuments on blocks", () => {
  it("aligns blocks by id and reports the single moved block as moved", () => {
    const blocks = ["Một.", "Hai.", "Ba.", "Bốn.", "Năm."].map((value, index) => paragraph(value, `p${index}`));
    const before = snapshot([section("s", "Mục", blocks)]);
    const after = snapshot([section("s", "Mục", [blocks[1], blocks[2], blocks[3], blocks[0], blocks[4]])]);
    const diff = diffDocuments(before, after);
    const moves = sectionOf(diff, "s").blocks.filter((block) => block.moved);
    expect(moves.map((block) => block.blockId)).toEqual(["p0"]);
    expect(moves[0].status).toBe("unchanged");
    expect(diff.stats.blocksChanged).toBe(1);
  });

  it("matches blocks without ids by identical text, then by word overlap", () => {
    const before = snapshot([
      section("s", "Mục", [
        paragraph("Dữ liệu là trung tâm của chính phủ số."),
        paragraph("Cơ quan nhà nước các cấp từng bước cung cấp dữ liệu mở và mở dữ liệu."),
        paragraph("Chính phủ thông minh có tính dự báo trước."),
      ]),
    ]);
    const after = snapshot([
      section("s", "Mục", [
        paragraph("Cơ quan nhà nước các cấp từng bước cung cấp dữ liệu mở và mở dữ liệu cho người dân."),
        paragraph("Chính phủ thông minh có tính dự báo trước."),
        paragraph("Dữ liệu là trung tâm của chính phủ số."),
      ]),
    ]);
    const blocks = sectionOf(diffDocuments(before, after), "s").blocks;
    expect(blocks.map((block) => [block.status, block.moved, block.indexBefore, block.indexAfter, block.move?.role ?? null])).toEqual([
      ["removed", false, 0, null, "origin"],
      ["changed", false, 1, 0, null],
      ["unchanged", false, 2, 1, null],
      ["unchanged", true, 0, 2, "destination"],
    ]);
    expect(blocks[0].move).toEqual({ id: "m1", role: "origin", sectionId: "s", index: 2, acrossSections: false });
    expect(blocks[3].move).toEqual({ id: "m1", role: "destination", sectionId: "s", index: 0, acrossSections: false });
    expect(blocks[1].words?.filter((word) => word.op !== "equal")).toEqual([{ op: "insert", text: " cho người dân" }]);
  });

  it("never pairs two different paragraphs of the seed chapter that carry no ids", () => {
    for (const [index, first] of SEED_PARAGRAPHS.entries()) {
      for (const second of SEED_PARAGRAPHS.slice(index + 1)) {
        const before = snapshot([section("s", "Mục", [paragraph(first)])]);
        const after = snapshot([section("s", "Mục", [paragraph(second)])]);
        const statuses = sectionOf(diffDocuments(before, after), "s").blocks.map((block) => block.status);
        expect(statuses).toEqual(["removed", "added"]);
      }
    }
  });

  it("never pairs two blocks that carry different ids, however alike their text", () => {
    const before = snapshot([section("s", "Mục", [paragraph("Chuyển đổi số là một quá trình.", "old")])]);
    const after = snapshot([section("s", "Mục", [paragraph("Chuyển đổi số là một quá trình dài.", "new")])]);
    const blocks = sectionOf(diffDocuments(before, after), "s").blocks;
    expect(blocks.map((block) => [block.blockId, block.status])).toEqual([
      ["old", "removed"],
      ["new", "added"],
    ]);
  });

  it("shows a word replaced inside a block as one deletion and one insertion, syllables whole", () => {
    const before = snapshot([section("s", "Mục", [paragraph("Chính phủ số lấy dữ liệu là trung tâm.", "p")])]);
    const after = snapshot([section("s", "Mục", [paragraph("Chính phú số lấy thông tin là trung tâm.", "p")])]);
    const diff = diffDocuments(before, after);
    expect(blockOf(sectionOf(diff, "s"), "p").words).toEqual([
      { op: "equal", text: "Chính " },
      { op: "delete", text: "phủ" },
      { op: "insert", text: "phú" },
      { op: "equal", text: " số lấy " },
      { op: "delete", text: "dữ liệu" },
      { op: "insert", text: "thông tin" },
      { op: "equal", text: " là trung tâm." },
    ]);
    expect(diff.stats).toMatchObject({ wordsAdded: 3, wordsRemoved: 3, sectionsChanged: 1, blocksChanged: 1 });
  });

  it("flags formatting-only changes separately while the words stay equal", () => {
    const before = snapshot([
      section("s", "Mục", [
        paragraph([text("Chính phủ "), text("số", [{ type: "link", attrs: { href: "https://a.gov.vn" } }]), text(" là gì?")], "p"),
        heading("Lời tổng kết", 3, "h"),
        paragraph("Nhận thức là quan trọng nhất.", "q"),
      ]),
    ]);
    const after = snapshot([
      section("s", "Mục", [
        paragraph(
          [text("Chính phủ", [{ type: "bold" }]), text(" "), text("số", [{ type: "link", attrs: { href: "https://b.gov.vn" } }]), text(" là gì?")],
          "p",
        ),
        heading("Lời tổng kết", 4, "h"),
        heading("Nhận thức là quan trọng nhất.", 3, "q"),
      ]),
    ]);
    const diffed = sectionOf(diffDocuments(before, after), "s");
    const formatting = diffed.blocks.map((block) => [block.status, block.words?.every((word) => word.op === "equal"), block.formatChanges]);
    expect(formatting).toEqual([
      ["changed", true, [{ kind: "mark", mark: "bold", change: "added" }, { kind: "mark", mark: "link", change: "changed" }]],
      ["changed", true, [{ kind: "headingLevel", from: 3, to: 4 }]],
      ["changed", true, [{ kind: "nodeType", from: "paragraph", to: "heading" }]],
    ]);
  });

  it("does not call the marks of inserted words a formatting change", () => {
    const before = snapshot([section("s", "Mục", [paragraph("Chính phủ số.", "p")])]);
    const after = snapshot([section("s", "Mục", [paragraph([text("Chính phủ "), text("rất", [{ type: "bold" }]), text(" số.")], "p")])]);
    const block = blockOf(sectionOf(diffDocuments(before, after), "s"), "p");
    expect(block.formatChanges).toEqual([]);
    expect(block.words?.filter((word) => word.op !== "equal")).toEqual([{ op: "insert", text: "rất " }]);
  });
});

describe("the repaired seed sentence", () => {
  const brokenParagraphs = (withIds: boolean): DocumentSnapshot =>
    snapshot([
      section("ket", SEED_CLOSING_HEADING, [
        paragraph(SEED_BROKEN_SENTENCE_START, withIds ? "start" : undefined),
        paragraph(SEED_BROKEN_SENTENCE_END, withIds ? "end" : undefined),
      ]),
    ]);
  const repaired = (withIds: boolean): DocumentSnapshot =>
    snapshot([
      section("ket", SEED_CLOSING_HEADING, [
        paragraph(`${SEED_BROKEN_SENTENCE_START} ${SEED_BROKEN_SENTENCE_END}`, withIds ? "start" : undefined),
      ]),
    ]);

  it("shows joining “... là” with “Vua Lý Thái Tổ. ...” as one join that changes no word", () => {
    const diff = diffDocuments(brokenParagraphs(true), repaired(true));
    const blocks = sectionOf(diff, "ket").blocks;
    expect(blocks.map((block) => [block.blockId, block.status, block.regroup?.kind, block.regroup?.indexes])).toEqual([
      ["start", "changed", "join", [0, 1]],
    ]);
    expect(blocks[0].words).toEqual([{ op: "equal", text: normalizeText(`${SEED_BROKEN_SENTENCE_START} ${SEED_BROKEN_SENTENCE_END}`) }]);
    expect(blocks[0].regroup?.seams).toEqual([normalizeText(SEED_BROKEN_SENTENCE_START).length + 1]);
    expect(diff.stats).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, blocksJoined: 1, blocksRemoved: 0, blocksChanged: 1 });
    expect(canonicalJson(applyDocumentDiff(brokenParagraphs(true), diff))).toBe(canonicalJson(repaired(true)));
  });

  it("finds the same join when the paragraphs carry no ids, and the split when read backwards", () => {
    const diff = diffDocuments(brokenParagraphs(false), repaired(false));
    expect(sectionOf(diff, "ket").blocks.map((block) => [block.status, block.regroup?.kind])).toEqual([["changed", "join"]]);
    expect(diff.stats).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, blocksJoined: 1 });
    const backward = diffDocuments(repaired(false), brokenParagraphs(false));
    const split = sectionOf(backward, "ket").blocks;
    expect(split.map((block) => [block.status, block.regroup?.kind, block.regroup?.indexes])).toEqual([["changed", "split", [0, 1]]]);
    expect(backward.stats).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, blocksSplit: 1, blocksAdded: 0 });
    expect(canonicalJson(applyDocumentDiff(repaired(false), backward))).toBe(canonicalJson(brokenParagraphs(false)));
  });

  it("counts the words that really changed inside a join", () => {
    const edited = repaired(true);
    const joinedNode = edited.sections[0].content.content[0];
    joinedNode.content = [{ type: "text", text: `${SEED_BROKEN_SENTENCE_START} vị vua ${SEED_BROKEN_SENTENCE_END.replace("Hoa Lư", "Hoa-Lư")}` }];
    const diff = diffDocuments(brokenParagraphs(true), edited);
    const [joined] = sectionOf(diff, "ket").blocks;
    expect(joined.regroup?.kind).toBe("join");
    expect(joined.words?.filter((word) => word.op !== "equal")).toEqual([
      { op: "insert", text: "vị vua " },
      { op: "delete", text: " " },
      { op: "insert", text: "-" },
    ]);
    expect(diff.stats).toMatchObject({ wordsAdded: 2, wordsRemoved: 0, blocksJoined: 1 });
  });
});

describe("moves, repeats, lists and tables", () => {
  const sectionA = (blocks = ["Đầu tiên là chính phủ điện tử với các dịch vụ công trực tuyến.", "Dữ liệu là trung tâm của chính phủ số và của mọi quyết định."]) =>
    section("a", "Chính phủ điện tử", blocks.map((value, index) => paragraph(value, `a${index}`)));

  it("reports a paragraph moved to another section with one word changed as one move with one word change", () => {
    const before = snapshot([sectionA(), section("b", "Chính phủ số", [paragraph("Phát triển cao hơn là chính phủ số.", "b0")])]);
    const after = structuredClone(before);
    const [moved] = after.sections[0].content.content.splice(1, 1);
    moved.content = [text("Dữ liệu là trung tâm của chính phủ số và của mọi chính sách.")];
    after.sections[1].content.content.push(moved);
    const diff = diffDocuments(before, after);
    const origin = blockOf(sectionOf(diff, "a"), "a1");
    const destination = blockOf(sectionOf(diff, "b"), "a1");
    expect(origin).toMatchObject({ status: "removed", move: { id: "m1", role: "origin", sectionId: "b", index: 1, acrossSections: true } });
    expect(destination).toMatchObject({
      status: "changed",
      moved: true,
      indexBefore: null,
      indexAfter: 1,
      move: { id: "m1", role: "destination", sectionId: "a", index: 1, acrossSections: true },
    });
    expect(destination.words?.filter((word) => word.op !== "equal")).toEqual([
      { op: "delete", text: "quyết định" },
      { op: "insert", text: "chính sách" },
    ]);
    expect(diff.stats).toMatchObject({ blocksMoved: 1, blocksAdded: 0, blocksRemoved: 0, wordsAdded: 2, wordsRemoved: 2 });
    expect(canonicalJson(applyDocumentDiff(before, diff))).toBe(canonicalJson(after));
  });

  it("links a paragraph without id moved far within its section and edited, across paragraphs that kept their order", () => {
    const blocks = [
      "Có ba mức độ phát triển của chính phủ trong thời đại số.",
      "Chính phủ điện tử tập trung vào việc số hoá các nguồn tài nguyên.",
      "Chính phủ số lấy dữ liệu là trung tâm của mọi hoạt động.",
      "Chính phủ thông minh có tính dự báo trước cho người dân.",
    ];
    const before = snapshot([section("s", "Mục", blocks.map((value) => paragraph(value)))]);
    const after = snapshot([
      section("s", "Mục", [paragraph(blocks[1]), paragraph(blocks[2]), paragraph(blocks[3]), paragraph("Có ba mức độ phát triển của chính phủ trong kỷ nguyên số.")]),
    ]);
    const diff = diffDocuments(before, after);
    const ends = sectionOf(diff, "s").blocks.filter((block) => block.move);
    expect(ends.map((block) => [block.move?.role, block.status, block.indexBefore, block.indexAfter])).toEqual([
      ["origin", "removed", 0, null],
      ["destination", "changed", 0, 3],
    ]);
    expect(diff.stats).toMatchObject({ blocksMoved: 1, wordsAdded: 2, wordsRemoved: 2, blocksAdded: 0, blocksRemoved: 0 });
  });

  it("reports a section moved and edited as moved, with its word change", () => {
    const before = threeSections();
    const after = structuredClone(before);
    const [moved] = after.sections.splice(0, 1);
    moved.content.content[1] = paragraph("Số hoá mọi tài nguyên.", "a2");
    after.sections.push(moved);
    const diff = diffDocuments(before, after);
    const movedSection = sectionOf(diff, "a");
    expect(movedSection).toMatchObject({ status: "changed", moved: true, positionBefore: 0, positionAfter: 2 });
    expect(diff.stats).toMatchObject({ sectionsMoved: 1, wordsAdded: 1, wordsRemoved: 0 });
  });

  it("reports deleting one of two identical paragraphs as removing a repeated paragraph", () => {
    const closing = "Chuyển đổi số là một quá trình thay đổi tổng thể và toàn diện.";
    for (const withIds of [true, false]) {
      const before = snapshot([
        section("s", "Mục", [paragraph("Đất nước đứng trước một cuộc chuyển đổi.", withIds ? "p" : undefined), paragraph(closing, withIds ? "q" : undefined), paragraph(closing, withIds ? "r" : undefined), paragraph("ĐÁNH GIÁ BÀI VIẾT", withIds ? "x" : undefined)]),
      ]);
      const after = snapshot([section("s", "Mục", [paragraph("Đất nước đứng trước một cuộc chuyển đổi.", withIds ? "p" : undefined), paragraph(closing, withIds ? "q" : undefined)])]);
      const diff = diffDocuments(before, after);
      const removed = sectionOf(diff, "s").blocks.filter((block) => block.status === "removed");
      expect(removed.map((block) => [block.indexBefore, block.repeated])).toEqual([
        [2, true],
        [3, false],
      ]);
      expect(diff.stats).toMatchObject({ repeatedRemoved: 1, linesRemoved: 1, blocksRemoved: 2, wordsRemoved: countWords(closing) + 4 });
    }
  });

  it("shows a list item added and a table row added as such, and a changed cell by itself", () => {
    const list = (items: string[]) => ({
      type: "bulletList",
      attrs: { id: "l" },
      content: items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
    });
    const cell = (value: string) => ({ type: "tableCell", content: [paragraph(value)] });
    const table = (rows: string[][]) => ({ type: "table", attrs: { id: "t" }, content: rows.map((row) => ({ type: "tableRow", content: row.map(cell) })) });
    const before = snapshot([
      section("s", "Mục", [list(["Dữ liệu mở", "Mở dữ liệu"]), table([["Mức", "Tên"], ["1", "Chính phủ điện tử"], ["2", "Chính phủ số"]])]),
    ]);
    const after = snapshot([
      section("s", "Mục", [
        list(["Dữ liệu mở", "Kinh tế số", "Mở dữ liệu"]),
        table([["Mức", "Tên"], ["1", "Chính phủ điện tử"], ["2", "Chính phủ số hoá"], ["3", "Chính phủ thông minh"]]),
      ]),
    ]);
    const diffed = sectionOf(diffDocuments(before, after), "s");
    expect(blockOf(diffed, "l").items?.map((item) => [item.status, item.indexBefore, item.indexAfter])).toEqual([
      ["unchanged", 0, 0],
      ["added", null, 1],
      ["unchanged", 1, 2],
    ]);
    const rows = blockOf(diffed, "t").items ?? [];
    expect(rows.map((row) => [row.status, row.indexBefore, row.indexAfter])).toEqual([
      ["unchanged", 0, 0],
      ["unchanged", 1, 1],
      ["changed", 2, 2],
      ["added", null, 3],
    ]);
    expect(rows[2].cells?.map((current) => [current.status, current.words?.filter((word) => word.op !== "equal") ?? null])).toEqual([
      ["unchanged", null],
      ["changed", [{ op: "insert", text: " hoá" }]],
    ]);
  });
});

describe("the complexity budget", () => {
  it("replaces a wholly rewritten long block at block level instead of word level", () => {
    const longText = (word: string): string => Array.from({ length: 800 }, (_, index) => `${word}${index}`).join(" ");
    const before = snapshot([section("s", "Mục", [paragraph(longText("cũ"), "p")])]);
    const after = snapshot([section("s", "Mục", [paragraph(longText("mới"), "p")])]);
    const diff = diffDocuments(before, after);
    const block = blockOf(sectionOf(diff, "s"), "p");
    expect(block).toMatchObject({ status: "changed", coarse: true, words: null });
    expect(diff.stats).toMatchObject({ wordsAdded: 800, wordsRemoved: 800, blocksCoarse: 1 });
    expect(canonicalJson(applyDocumentDiff(before, diff))).toBe(canonicalJson(after));
  });

  /**
   * The worst case (every paragraph of a 100k-word handbook rewritten, sections and blocks
   * reversed) must fall back to block-level replacement instead of exploring every word pair.
   * Its speed is measured by `npm run bench` (the diff part reports the slowest comparison);
   * tests assert behaviour, not time.
   */
  it("falls back to block-level replacement for a 100k-word handbook rewritten and reordered throughout, and stays complete", () => {
    const handbook = generateLargeHandbook({ words: 100_000, seed: 11 });
    const rewritten = structuredClone(handbook);
    rewritten.sections.reverse();
    for (const current of rewritten.sections) {
      current.content.content.reverse();
      for (const block of current.content.content) {
        for (const child of block.content ?? []) {
          if (child.type === "text" && child.text) child.text = child.text.split(" ").reverse().join(" ");
        }
      }
    }
    const diff = diffDocuments(handbook, rewritten);
    expect(diff.stats.blocksCoarse).toBeGreaterThan(0);
    expect(canonicalJson(applyDocumentDiff(handbook, diff))).toBe(canonicalJson(rewritten));
  });
});

describe("plain text of changed blocks", () => {
  it("spells each side of a list change with nested items separated by newlines", () => {
    const list = (items: string[]) => ({
      type: "bulletList",
      attrs: { id: "l" },
      content: items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
    });
    const before = snapshot([section("s", "Mục", [list(["Dữ liệu mở", "Mở dữ liệu"])])]);
    const after = snapshot([section("s", "Mục", [list(["Dữ liệu mở", "Kinh tế số", "Mở dữ liệu"])])]);
    const block = blockOf(sectionOf(diffDocuments(before, after), "s"), "l");
    const spelled = (op: "insert" | "delete") =>
      (block.words ?? []).filter((word) => word.op !== op).map((word) => word.text).join("");
    expect(spelled("insert")).toBe(plainText(before.sections[0].content.content[0]));
    expect(spelled("delete")).toBe(plainText(after.sections[0].content.content[0]));
  });
});
