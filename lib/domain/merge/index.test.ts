import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical";
import type { DocumentSnapshot, RichNode } from "../document";
import { MergeResolutionError, mergeDocuments, resolveConflict, sectionAsNode } from "./index";
import {
  blockText,
  bulletList,
  copy,
  documentOf,
  findBlock,
  heading,
  listItem,
  paragraph,
  section,
  sectionById,
  text,
} from "./test-support";

const FIRST_SENTENCE = "Chuyển đổi số là quá trình thay đổi tổng thể.";
const MIDDLE_SENTENCE = "Nó bao gồm con người, thể chế và công nghệ.";
const LAST_SENTENCE = "Dữ liệu là tài nguyên mới của nền kinh tế.";
const LONG_TEXT = `${FIRST_SENTENCE} ${MIDDLE_SENTENCE} ${LAST_SENTENCE}`;

function baseDocument(): DocumentSnapshot {
  return documentOf([
    section("s1", "Kỳ 1: Khái niệm", [
      heading("h1", 3, "Chuyển đổi số là gì"),
      paragraph("p1", LONG_TEXT),
      paragraph("p2", "Chính phủ số lấy người dân làm trung tâm."),
      paragraph("p3", "Doanh nghiệp số tạo ra giá trị mới."),
    ]),
    section("s2", "Kỳ 2: Thể chế", [paragraph("q1", "Thể chế đi trước một bước."), paragraph("q2", "Hành lang pháp lý rõ ràng.")]),
    section("s3", "Kỳ 3: Hạ tầng", [paragraph("r1", "Hạ tầng số phủ khắp cả nước.")]),
  ]);
}

type Edit = (snapshot: DocumentSnapshot) => void;

function edited(...edits: Edit[]): DocumentSnapshot {
  const snapshot = baseDocument();
  for (const edit of edits) edit(snapshot);
  return snapshot;
}

function blocksOf(snapshot: DocumentSnapshot, sectionId: string): RichNode[] {
  return sectionById(snapshot, sectionId).content.content;
}

const setText =
  (id: string, value: string): Edit =>
  (snapshot) => {
    const block = findBlock(snapshot, id);
    if (!block) throw new Error(`no block ${id}`);
    block.content = [text(value)];
  };

const removeBlock =
  (sectionId: string, id: string): Edit =>
  (snapshot) => {
    const blocks = blocksOf(snapshot, sectionId);
    blocks.splice(
      blocks.findIndex((block) => block.attrs?.id === id),
      1,
    );
  };

const insertAfter =
  (sectionId: string, afterId: string | null, block: RichNode): Edit =>
  (snapshot) => {
    const blocks = blocksOf(snapshot, sectionId);
    blocks.splice(afterId === null ? 0 : blocks.findIndex((candidate) => candidate.attrs?.id === afterId) + 1, 0, block);
  };

const retitle =
  (sectionId: string, title: string): Edit =>
  (snapshot) => {
    sectionById(snapshot, sectionId).title = title;
  };

const removeSection =
  (sectionId: string): Edit =>
  (snapshot) => {
    snapshot.sections = snapshot.sections.filter((candidate) => candidate.id !== sectionId);
  };

const orderSections =
  (...ids: string[]): Edit =>
  (snapshot) => {
    snapshot.sections = ids.map((id) => sectionById(snapshot, id));
  };

const orderBlocks =
  (sectionId: string, ...ids: string[]): Edit =>
  (snapshot) => {
    const current = sectionById(snapshot, sectionId);
    current.content.content = ids.map((id) => {
      const block = current.content.content.find((candidate) => candidate.attrs?.id === id);
      if (!block) throw new Error(`no block ${id}`);
      return block;
    });
  };

/** Head swaps s1/s2 and s3/s4, the proposal swaps s2/s3: no single order honours all three swaps. */
function incompatibleSectionOrders() {
  const withFourth: Edit = (snapshot) => void snapshot.sections.push(section("s4", "Kỳ 4: Con người", [paragraph("x1", "Kỹ năng số.")]));
  return mergeDocuments(
    edited(withFourth),
    edited(withFourth, orderSections("s2", "s1", "s4", "s3")),
    edited(withFourth, orderSections("s1", "s3", "s2", "s4")),
  );
}

function expectSame(actual: unknown, expected: unknown): void {
  expect(canonicalJson(actual)).toBe(canonicalJson(expected));
}

describe("mergeDocuments: text inside a block", () => {
  it("keeps both edits when head changes the first sentence of a paragraph and the proposal the last", () => {
    const head = edited(setText("p1", LONG_TEXT.replace("tổng thể", "toàn diện")));
    const proposal = edited(setText("p1", LONG_TEXT.replace("tài nguyên mới", "tư liệu sản xuất mới")));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(blockText(result.merged, "p1")).toBe(
      `Chuyển đổi số là quá trình thay đổi toàn diện. ${MIDDLE_SENTENCE} Dữ liệu là tư liệu sản xuất mới của nền kinh tế.`,
    );
    expect(result.changedFromProposal).toBe(true);
  });

  it("reports a conflict that holds the proposal's words when both sides change the same words", () => {
    const head = edited(setText("p2", "Chính phủ số lấy doanh nghiệp làm trung tâm."));
    const proposal = edited(setText("p2", "Chính phủ số lấy công dân làm trung tâm."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([
      {
        id: "s1:p2:block-text",
        sectionId: "s1",
        blockId: "p2",
        kind: "block-text",
        base: findBlock(baseDocument(), "p2"),
        head: findBlock(head, "p2"),
        proposal: findBlock(proposal, "p2"),
      },
    ]);
    expect(blockText(result.merged, "p2")).toBe("Chính phủ số lấy công dân làm trung tâm.");
  });

  it("does not treat the same change made on both sides as a conflict", () => {
    const change = setText("p2", "Chính phủ số lấy người dân và doanh nghiệp làm trung tâm.");
    const result = mergeDocuments(baseDocument(), edited(change), edited(change));
    expect(result.conflicts).toEqual([]);
    expect(result.changedFromProposal).toBe(false);
    expectSame(result.merged, edited(change));
  });

  it("reports a conflict when one side inserts words right where the other replaced some", () => {
    const head = edited(setText("p3", "Doanh nghiệp số tạo ra của cải mới."));
    const proposal = edited(setText("p3", "Doanh nghiệp số tạo ra giá trị gia tăng mới."));
    expect(mergeDocuments(baseDocument(), head, proposal).conflicts.map((conflict) => conflict.kind)).toEqual([
      "block-text",
    ]);
  });

  it("merges word by word inside text that carries unchanged marks", () => {
    const marked = (first: string, last: string) =>
      paragraph("p2", `${first} `, text("người dân", [{ type: "bold" }]), ` làm trung tâm ${last}.`);
    const base = edited((snapshot) => void blocksOf(snapshot, "s1").splice(2, 1, marked("Chính phủ số lấy", "của mọi dịch vụ")));
    const head = copy(base);
    blocksOf(head, "s1")[2] = marked("Chính quyền số lấy", "của mọi dịch vụ");
    const proposal = copy(base);
    blocksOf(proposal, "s1")[2] = marked("Chính phủ số lấy", "của mọi dịch vụ công");
    const result = mergeDocuments(base, head, proposal);
    expect(result.conflicts).toEqual([]);
    expectSame(findBlock(result.merged, "p2"), marked("Chính quyền số lấy", "của mọi dịch vụ công"));
  });

  it("keeps line breaks as their own tokens", () => {
    const withBreak = (first: string, second: string): Edit => (snapshot) => {
      const block = findBlock(snapshot, "p3");
      if (block) block.content = [text(first), { type: "hardBreak" }, text(second)];
    };
    const base = edited(withBreak("Dòng thứ nhất của đoạn văn", "dòng thứ hai của đoạn văn"));
    const head = edited(withBreak("Dòng đầu tiên của đoạn văn", "dòng thứ hai của đoạn văn"));
    const proposal = edited(withBreak("Dòng thứ nhất của đoạn văn", "dòng thứ hai của đoạn văn này"));
    const result = mergeDocuments(base, head, proposal);
    expect(result.conflicts).toEqual([]);
    expectSame(findBlock(result.merged, "p3"), findBlock(edited(withBreak("Dòng đầu tiên của đoạn văn", "dòng thứ hai của đoạn văn này")), "p3"));
  });
});

describe("mergeDocuments: marks and attributes", () => {
  it("takes the side that alone changed a block's marks", () => {
    const bolded = paragraph("p3", text("Doanh nghiệp số", [{ type: "bold" }]), " tạo ra giá trị mới.");
    const head = edited((snapshot) => void blocksOf(snapshot, "s1").splice(3, 1, bolded));
    const proposal = edited(setText("p2", "Chính phủ số phục vụ người dân."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expectSame(findBlock(result.merged, "p3"), bolded);
    expect(blockText(result.merged, "p2")).toBe("Chính phủ số phục vụ người dân.");
  });

  it("reports a format conflict when one side changes marks and the other the words of the same block", () => {
    const head = edited((snapshot) =>
      void blocksOf(snapshot, "s1").splice(3, 1, paragraph("p3", text("Doanh nghiệp số", [{ type: "bold" }]), " tạo ra giá trị mới.")),
    );
    const proposal = edited(setText("p3", "Doanh nghiệp số tạo ra giá trị mới cho xã hội."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts.map((conflict) => conflict.id)).toEqual(["s1:p3:block-format"]);
    expectSame(findBlock(result.merged, "p3"), findBlock(proposal, "p3"));
  });

  it("reports a format conflict when one side changes a heading's level and the other its words", () => {
    const head = edited((snapshot) => void blocksOf(snapshot, "s1").splice(0, 1, heading("h1", 4, "Chuyển đổi số là gì")));
    const proposal = edited(setText("h1", "Chuyển đổi số là gì?"));
    expect(mergeDocuments(baseDocument(), head, proposal).conflicts.map((conflict) => conflict.kind)).toEqual([
      "block-format",
    ]);
  });

  it("takes a heading level that only one side changed", () => {
    const head = edited((snapshot) => void blocksOf(snapshot, "s1").splice(0, 1, heading("h1", 4, "Chuyển đổi số là gì")));
    const result = mergeDocuments(baseDocument(), head, baseDocument());
    expect(findBlock(result.merged, "h1")?.attrs).toEqual({ id: "h1", level: 4 });
  });
});

describe("mergeDocuments: blocks", () => {
  it("deletes a block one side deleted and the other left alone", () => {
    const result = mergeDocuments(baseDocument(), edited(removeBlock("s1", "p3")), edited(setText("p2", "Mới.")));
    expect(result.conflicts).toEqual([]);
    expect(findBlock(result.merged, "p3")).toBeUndefined();
    expect(blockText(result.merged, "p2")).toBe("Mới.");
  });

  it("reports a conflict and keeps the proposal's block when head deleted a block the proposal changed", () => {
    const head = edited(removeBlock("s1", "p3"));
    const proposal = edited(setText("p3", "Doanh nghiệp số tạo ra việc làm."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toMatchObject([
      { id: "s1:p3:block-removed-and-changed", kind: "block-removed-and-changed", head: null, proposal: findBlock(proposal, "p3") },
    ]);
    expect(blocksOf(result.merged, "s1").map((block) => block.attrs?.id)).toEqual(["h1", "p1", "p2", "p3"]);
  });

  it("reports a conflict and leaves the block out when the proposal deleted a block head changed", () => {
    const head = edited(setText("p3", "Doanh nghiệp số tạo ra việc làm."));
    const result = mergeDocuments(baseDocument(), head, edited(removeBlock("s1", "p3")));
    expect(result.conflicts).toMatchObject([{ kind: "block-removed-and-changed", head: findBlock(head, "p3"), proposal: null }]);
    expect(findBlock(result.merged, "p3")).toBeUndefined();
  });

  it("keeps blocks both sides inserted, in place, the proposal's first where they inserted at the same spot", () => {
    const head = edited(insertAfter("s1", "p1", paragraph("n-head", "Của head.")), insertAfter("s1", null, paragraph("n-top", "Đầu.")));
    const proposal = edited(insertAfter("s1", "p1", paragraph("n-prop", "Của đề xuất.")), insertAfter("s1", "p3", paragraph("n-end", "Cuối.")));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(blocksOf(result.merged, "s1").map((block) => block.attrs?.id)).toEqual([
      "n-top",
      "h1",
      "p1",
      "n-prop",
      "n-head",
      "p2",
      "p3",
      "n-end",
    ]);
  });

  it("places an inserted block after its nearest surviving neighbour when the other side deleted the one before it", () => {
    const head = edited(removeBlock("s1", "p2"));
    const proposal = edited(insertAfter("s1", "p2", paragraph("n1", "Mới.")));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(blocksOf(result.merged, "s1").map((block) => block.attrs?.id)).toEqual(["h1", "p1", "n1", "p3"]);
  });

  it("combines a move on one side with an edit of the moved block on the other", () => {
    const head = edited(orderBlocks("s1", "h1", "p3", "p1", "p2"));
    const proposal = edited(setText("p3", "Doanh nghiệp số dẫn dắt."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(blocksOf(result.merged, "s1").map((block) => block.attrs?.id)).toEqual(["h1", "p3", "p1", "p2"]);
    expect(blockText(result.merged, "p3")).toBe("Doanh nghiệp số dẫn dắt.");
  });

  it("combines moves of different blocks on both sides", () => {
    const head = edited(orderBlocks("s1", "p1", "h1", "p2", "p3"));
    const proposal = edited(orderBlocks("s1", "h1", "p1", "p3", "p2"));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(blocksOf(result.merged, "s1").map((block) => block.attrs?.id)).toEqual(["p1", "h1", "p3", "p2"]);
  });

  it("reports an order conflict when the two sides' moves cannot both hold", () => {
    const head = edited(orderBlocks("s1", "p1", "p2", "h1", "p3"));
    const proposal = edited(orderBlocks("s1", "h1", "p3", "p1", "p2"));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toMatchObject([{ id: "s1:section:block-order", kind: "block-order", blockId: null }]);
    expect(blocksOf(result.merged, "s1").map((block) => block.attrs?.id)).toEqual(["h1", "p3", "p1", "p2"]);
    const headOrder = resolveConflict(result, "s1:section:block-order", { keep: "head" });
    expect(blocksOf(headOrder.merged, "s1").map((block) => block.attrs?.id)).toEqual(["p1", "p2", "h1", "p3"]);
  });

  it("merges changes to different items of a list that both sides changed", () => {
    const list = (first: string, second: string, extra: RichNode[] = []) =>
      bulletList("l1", [
        listItem("li1", paragraph("lp1", first)),
        listItem("li2", paragraph("lp2", second)),
        ...extra,
      ]);
    const withList = (value: RichNode): Edit => insertAfter("s2", "q2", value);
    const base = edited(withList(list("Một", "Hai")));
    const head = edited(withList(list("Thứ nhất", "Hai")));
    const proposal = edited(withList(list("Một", "Hai", [listItem("li3", paragraph("lp3", "Ba"))])));
    const result = mergeDocuments(base, head, proposal);
    expect(result.conflicts).toEqual([]);
    expectSame(findBlock(result.merged, "l1"), list("Thứ nhất", "Hai", [listItem("li3", paragraph("lp3", "Ba"))]));
  });

  it("names the innermost block with an id in a conflict inside a list", () => {
    const list = (first: string) => bulletList("l1", [listItem("li1", paragraph("lp1", first))]);
    const base = edited(insertAfter("s2", "q2", list("Một")));
    const head = edited(insertAfter("s2", "q2", list("Số một")));
    const proposal = edited(insertAfter("s2", "q2", list("Thứ một")));
    expect(mergeDocuments(base, head, proposal).conflicts.map((conflict) => conflict.id)).toEqual(["s2:lp1:block-text"]);
  });

  it("matches blocks without ids by their place, merging a table both sides edited in different cells", () => {
    const cell = (id: string, value: string): RichNode => ({ type: "tableCell", content: [paragraph(id, value)] });
    const table = (a: string, b: string): RichNode => ({
      type: "table",
      attrs: { id: "t1" },
      content: [{ type: "tableRow", content: [cell("c1", a), cell("c2", b)] }],
    });
    const base = edited(insertAfter("s3", "r1", table("A", "B")));
    const head = edited(insertAfter("s3", "r1", table("A mới", "B")));
    const proposal = edited(insertAfter("s3", "r1", table("A", "B mới")));
    const result = mergeDocuments(base, head, proposal);
    expect(result.conflicts).toEqual([]);
    expectSame(findBlock(result.merged, "t1"), table("A mới", "B mới"));
  });

  it("does not duplicate a block without an id that both sides changed, but reports a conflict", () => {
    const base = edited(insertAfter("s3", "r1", paragraph(null, "Đoạn không mã.")));
    const head = edited(insertAfter("s3", "r1", paragraph(null, "Đoạn thiếu mã.")));
    const proposal = edited(insertAfter("s3", "r1", paragraph(null, "Đoạn chưa có mã.")));
    const result = mergeDocuments(base, head, proposal);
    expect(result.conflicts).toMatchObject([{ kind: "block-text", blockId: "~r1.paragraph.1" }]);
    expect(blocksOf(result.merged, "s3")).toHaveLength(2);
  });

  it("treats a block both sides added with the same id and the same content as one block", () => {
    const added = insertAfter("s3", "r1", paragraph("same", "Giống nhau."));
    const result = mergeDocuments(baseDocument(), edited(added), edited(added));
    expect(result.conflicts).toEqual([]);
    expect(blocksOf(result.merged, "s3")).toHaveLength(2);
  });

  it("reports a conflict for a block both sides added with the same id and different content", () => {
    const result = mergeDocuments(
      baseDocument(),
      edited(insertAfter("s3", "r1", paragraph("same", "Một."))),
      edited(insertAfter("s3", "r1", paragraph("same", "Hai."))),
    );
    expect(result.conflicts).toMatchObject([{ id: "s3:same:block-added-on-both-sides", base: null }]);
    expect(blockText(result.merged, "same")).toBe("Hai.");
  });
});

describe("mergeDocuments: sections", () => {
  it("combines retitles of different sections and keeps one side's retitle", () => {
    const head = edited(retitle("s1", "Kỳ 1: Khái niệm cơ bản"));
    const proposal = edited(retitle("s2", "Kỳ 2: Thể chế số"), setText("q1", "Thể chế luôn đi trước."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(result.merged.sections.map((candidate) => candidate.title)).toEqual([
      "Kỳ 1: Khái niệm cơ bản",
      "Kỳ 2: Thể chế số",
      "Kỳ 3: Hạ tầng",
    ]);
  });

  it("reports a title conflict when both sides retitle the same section differently", () => {
    const result = mergeDocuments(baseDocument(), edited(retitle("s1", "Khái niệm")), edited(retitle("s1", "Định nghĩa")));
    expect(result.conflicts).toEqual([
      {
        id: "s1:section:section-title",
        sectionId: "s1",
        blockId: null,
        kind: "section-title",
        base: "Kỳ 1: Khái niệm",
        head: "Khái niệm",
        proposal: "Định nghĩa",
      },
    ]);
    expect(sectionById(result.merged, "s1").title).toBe("Định nghĩa");
  });

  it("treats titles that differ only in Unicode normalization as equal", () => {
    const result = mergeDocuments(
      baseDocument(),
      edited(retitle("s1", "Kỳ 1: Khái niệm".normalize("NFD"))),
      edited(retitle("s1", "Kỳ một")),
    );
    expect(result.conflicts).toEqual([]);
    expect(sectionById(result.merged, "s1").title).toBe("Kỳ một");
  });

  it("keeps sections both sides added and drops a section one side removed and the other left alone", () => {
    const head = edited((snapshot) => void snapshot.sections.push(section("s4", "Kỳ 4: Con người", [paragraph("x1", "Kỹ năng số.")])));
    const proposal = edited(
      removeSection("s3"),
      (snapshot) => void snapshot.sections.splice(1, 0, section("s5", "Kỳ 1b: Ví dụ", [paragraph("y1", "Ví dụ.")])),
    );
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(result.merged.sections.map((candidate) => candidate.id)).toEqual(["s1", "s5", "s2", "s4"]);
  });

  it("reports a conflict with whole sections when one side removed a section the other changed", () => {
    const proposal = edited(setText("r1", "Hạ tầng số phủ khắp cả nước và vùng sâu."));
    const result = mergeDocuments(baseDocument(), edited(removeSection("s3")), proposal);
    expect(result.conflicts).toEqual([
      {
        id: "s3:section:section-removed-and-changed",
        sectionId: "s3",
        blockId: null,
        kind: "section-removed-and-changed",
        base: sectionAsNode(sectionById(baseDocument(), "s3")),
        head: null,
        proposal: sectionAsNode(sectionById(proposal, "s3")),
      },
    ]);
    expect(result.merged.sections.map((candidate) => candidate.id)).toEqual(["s1", "s2", "s3"]);
  });

  it("combines a section move on one side with edits inside the moved section on the other", () => {
    const head = edited(orderSections("s3", "s1", "s2"));
    const proposal = edited(setText("r1", "Hạ tầng số hiện đại."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.conflicts).toEqual([]);
    expect(result.merged.sections.map((candidate) => candidate.id)).toEqual(["s3", "s1", "s2"]);
    expect(blockText(result.merged, "r1")).toBe("Hạ tầng số hiện đại.");
  });

  it("combines section moves on both sides when one order honours both", () => {
    const result = mergeDocuments(baseDocument(), edited(orderSections("s2", "s3", "s1")), edited(orderSections("s3", "s1", "s2")));
    expect(result.conflicts).toEqual([]);
    expect(result.merged.sections.map((candidate) => candidate.id)).toEqual(["s3", "s2", "s1"]);
  });

  it("reports a section order conflict when both sides reorder the sections incompatibly", () => {
    const result = incompatibleSectionOrders();
    expect(result.conflicts).toEqual([
      {
        id: "document:section-order",
        sectionId: "",
        blockId: null,
        kind: "section-order",
        base: "s1\ns2\ns3\ns4",
        head: "s2\ns1\ns4\ns3",
        proposal: "s1\ns3\ns2\ns4",
      },
    ]);
    expect(result.merged.sections.map((candidate) => candidate.id)).toEqual(["s1", "s3", "s2", "s4"]);
  });

  it("merges the document title like a section title", () => {
    const head = copy(baseDocument());
    head.title = "Cẩm nang chuyển đổi số 2025";
    const result = mergeDocuments(baseDocument(), head, baseDocument());
    expect(result.merged.title).toBe("Cẩm nang chuyển đổi số 2025");
  });

  it("refuses a snapshot that repeats a section id", () => {
    const broken = baseDocument();
    broken.sections.push(copy(broken.sections[0]));
    expect(() => mergeDocuments(baseDocument(), broken, baseDocument())).toThrow("duplicate_section_id: s1");
  });
});

describe("mergeDocuments: identities", () => {
  const changed = () =>
    edited(
      setText("p1", "Khác hẳn."),
      removeBlock("s2", "q2"),
      insertAfter("s3", "r1", paragraph("z1", "Thêm.")),
      retitle("s1", "Kỳ một"),
      orderSections("s2", "s1", "s3"),
    );

  it("gives the proposal back when head has not moved", () => {
    const result = mergeDocuments(baseDocument(), baseDocument(), changed());
    expectSame(result.merged, changed());
    expect(result.changedFromProposal).toBe(false);
  });

  it("gives head back when the proposal changed nothing", () => {
    const result = mergeDocuments(baseDocument(), changed(), baseDocument());
    expectSame(result.merged, changed());
    expect(result.changedFromProposal).toBe(true);
  });

  it("gives the shared version back when both sides made the same changes", () => {
    const result = mergeDocuments(baseDocument(), changed(), changed());
    expectSame(result.merged, changed());
    expect(result.conflicts).toEqual([]);
  });
});

describe("resolveConflict", () => {
  function conflicted() {
    const head = edited(setText("p2", "Chính phủ số lấy doanh nghiệp làm trung tâm."), retitle("s2", "Thể chế A"), setText("p3", "Head."));
    const proposal = edited(setText("p2", "Chính phủ số lấy công dân làm trung tâm."), retitle("s2", "Thể chế B"));
    return { head, proposal, result: mergeDocuments(baseDocument(), head, proposal) };
  }

  it("keeps head's side when asked and leaves the other conflicts open", () => {
    const { head, result } = conflicted();
    const resolved = resolveConflict(result, "s1:p2:block-text", { keep: "head" });
    expectSame(findBlock(resolved.merged, "p2"), findBlock(head, "p2"));
    expect(resolved.conflicts.map((conflict) => conflict.id)).toEqual(["s2:section:section-title"]);
    expect(resolved.resolutions).toEqual({ "s1:p2:block-text": { keep: "head" } });
  });

  it("keeps the proposal's side when asked, and the merge is clean once every conflict is resolved", () => {
    const { result } = conflicted();
    const first = resolveConflict(result, "s1:p2:block-text", { keep: "proposal" });
    const resolved = resolveConflict(first, "s2:section:section-title", { replace: "Kỳ 2: Thể chế" });
    expect(resolved.conflicts).toEqual([]);
    expect(blockText(resolved.merged, "p2")).toBe("Chính phủ số lấy công dân làm trung tâm.");
    expect(sectionById(resolved.merged, "s2").title).toBe("Kỳ 2: Thể chế");
    expect(blockText(resolved.merged, "p3")).toBe("Head.");
  });

  it("puts a replacement block in place of the conflicting one", () => {
    const { result } = conflicted();
    const replacement = paragraph("p2", "Chính phủ số lấy người dân và doanh nghiệp làm trung tâm.");
    const resolved = resolveConflict(result, "s1:p2:block-text", { replace: replacement });
    expectSame(findBlock(resolved.merged, "p2"), replacement);
  });

  it("gives the same result as a merge that had the choices from the start", () => {
    const { head, proposal, result } = conflicted();
    const resolved = resolveConflict(result, "s1:p2:block-text", { keep: "head" });
    expectSame(resolved, mergeDocuments(baseDocument(), head, proposal, { "s1:p2:block-text": { keep: "head" } }));
  });

  it("brings back a block head changed and the proposal deleted when head's side is kept", () => {
    const head = edited(setText("p3", "Doanh nghiệp số tạo ra việc làm."));
    const result = mergeDocuments(baseDocument(), head, edited(removeBlock("s1", "p3"), insertAfter("s1", "p2", paragraph("n1", "Mới."))));
    const resolved = resolveConflict(result, "s1:p3:block-removed-and-changed", { keep: "head" });
    expect(blocksOf(resolved.merged, "s1").map((block) => block.attrs?.id)).toEqual(["h1", "p1", "p2", "n1", "p3"]);
  });

  it("removes a section when head's deletion is kept", () => {
    const result = mergeDocuments(baseDocument(), edited(removeSection("s3")), edited(setText("r1", "Khác.")));
    const resolved = resolveConflict(result, "s3:section:section-removed-and-changed", { keep: "head" });
    expect(resolved.merged.sections.map((candidate) => candidate.id)).toEqual(["s1", "s2"]);
    expect(resolved.conflicts).toEqual([]);
  });

  it("accepts a whole section as the replacement of a section conflict", () => {
    const result = mergeDocuments(baseDocument(), edited(removeSection("s3")), edited(setText("r1", "Khác.")));
    const replacement = sectionAsNode(section("s3", "Kỳ 3: Hạ tầng số", [paragraph("r1", "Thay thế.")]));
    const resolved = resolveConflict(result, "s3:section:section-removed-and-changed", { replace: replacement });
    expect(sectionById(resolved.merged, "s3").title).toBe("Kỳ 3: Hạ tầng số");
    expect(blockText(resolved.merged, "r1")).toBe("Thay thế.");
  });

  it("accepts a new order of the shared items for an order conflict and refuses one that is not a permutation", () => {
    const result = incompatibleSectionOrders();
    const resolved = resolveConflict(result, "document:section-order", { replace: "s2\ns1\ns3\ns4" });
    expect(resolved.merged.sections.map((candidate) => candidate.id)).toEqual(["s2", "s1", "s3", "s4"]);
    expect(() => resolveConflict(result, "document:section-order", { replace: "s2\ns1" })).toThrow(MergeResolutionError);
  });

  it("refuses a replacement of the wrong shape", () => {
    const { result } = conflicted();
    expect(() => resolveConflict(result, "s1:p2:block-text", { replace: "chữ" })).toThrow("invalid_replacement");
    expect(() => resolveConflict(result, "s2:section:section-title", { replace: paragraph("x", "chữ") })).toThrow(
      "invalid_replacement",
    );
  });

  it("refuses a conflict id that is not open", () => {
    const { result } = conflicted();
    const resolved = resolveConflict(result, "s1:p2:block-text", { keep: "head" });
    expect(() => resolveConflict(resolved, "s1:p2:block-text", { keep: "proposal" })).toThrow("unknown_conflict");
    expect(() => resolveConflict(result, "nope", { keep: "head" })).toThrow(MergeResolutionError);
  });

  it("marks the result as changed from the proposal when a resolution keeps head's side", () => {
    const head = edited(setText("p2", "A."));
    const proposal = edited(setText("p2", "B."));
    const result = mergeDocuments(baseDocument(), head, proposal);
    expect(result.changedFromProposal).toBe(false);
    expect(resolveConflict(result, "s1:p2:block-text", { keep: "head" }).changedFromProposal).toBe(true);
  });
});
