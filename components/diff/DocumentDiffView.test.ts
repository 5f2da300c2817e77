import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { diffDocuments, type DocumentDiff } from "@/lib/domain/diff";
import { heading, paragraph, section, snapshot, text } from "@/lib/domain/fixtures/builders";
import { DocumentDiffView, type DocumentDiffViewProps } from "./DocumentDiffView";
import { planDiffView } from "./view-plan";

function render(props: DocumentDiffViewProps): string {
  return renderToStaticMarkup(createElement(DocumentDiffView, props));
}

const unchangedParagraphs = ["Một.", "Hai.", "Ba.", "Bốn."].map((value, index) => paragraph(value, `u${index}`));

function sampleDiff(): DocumentDiff {
  const before = snapshot([
    section("intro", "Giới thiệu", [paragraph("Cẩm nang mở.", "i1")]),
    section("ket", "Lời tổng kết", [
      paragraph("Chính phủ số lấy dữ liệu là trung tâm.", "p1"),
      ...unchangedParagraphs,
      paragraph("Đoạn sẽ bị xóa.", "gone"),
      heading("Nhận thức", 3, "h"),
    ]),
    section("old", "Mục cũ", [paragraph("Nội dung cũ.", "o1")]),
  ]);
  const after = snapshot([
    section("intro", "Giới thiệu", [paragraph("Cẩm nang mở.", "i1")]),
    section("ket", "Lời tổng kết", [
      paragraph("Chính phủ số lấy thông tin là trung tâm.", "p1"),
      ...unchangedParagraphs,
      heading("Nhận thức", 4, "h"),
      paragraph([text("Đoạn "), text("mới", [{ type: "bold" }]), text(".")], "new"),
    ]),
    section("moi", "Mục mới", [paragraph("Nội dung mới.", "m1")]),
  ]);
  return diffDocuments(before, after);
}

describe("planDiffView", () => {
  it("numbers each run of changed blocks and each section-level change once, and folds the rest", () => {
    const plan = planDiffView(sampleDiff());
    expect(plan.changeCount).toBe(4);
    expect(plan.sections.map((item) => (item.kind === "section" ? item.section.sectionId : "folded"))).toEqual([
      "folded",
      "ket",
      "old",
      "moi",
    ]);
    const ket = plan.sections[1];
    if (ket.kind !== "section") throw new Error("expected a section");
    expect(ket.items.map((item) => (item.kind === "change" ? `change ${item.number}` : item.kind))).toEqual([
      "change 1",
      "fold",
      "change 2",
    ]);
  });
});

describe("DocumentDiffView", () => {
  it("marks words with <ins> and <del> and labels them in text for screen readers", () => {
    const html = render({ diff: sampleDiff() });
    expect(html).toContain('<del class="diff-del"><span class="diff-sr">Xóa: </span>dữ liệu</del>');
    expect(html).toContain('<ins class="diff-ins"><span class="diff-sr">Thêm: </span>thông tin</ins>');
    expect(html).toContain("Chú giải");
    expect(html).toContain('<p class="diff-summary">3 mục thay đổi: +7 −9 từ; 1 mục mới, 1 mục bị xóa</p>');
  });

  it("gives every change an anchor with links to the previous and next change", () => {
    const html = render({ diff: sampleDiff() });
    for (const number of [1, 2, 3, 4]) expect(html).toContain(`id="change-${number}"`);
    expect(html).toContain('href="#change-1"');
    expect(html).toMatch(/id="change-2"[\s\S]*?href="#change-1">Thay đổi trước<\/a><a class="diff-nav-link" href="#change-3">Thay đổi sau<\/a>/);
    expect(html).toContain('<span class="diff-nav-link diff-nav-link--disabled" aria-disabled="true">Thay đổi trước</span>');
    expect(html).not.toContain('href="#change-5"');
  });

  it("folds unchanged blocks and unchanged sections into details that open without JavaScript", () => {
    const html = render({ diff: sampleDiff() });
    expect(html).toContain("<details class=\"diff-fold\"><summary>4 đoạn không đổi</summary>");
    expect(html).toContain("<summary>1 mục không đổi</summary>");
    expect(html).toContain("<p>Hai.</p>");
  });

  it("shows section badges, formatting notes and whole added or removed blocks in words", () => {
    const html = render({ diff: sampleDiff() });
    expect(html).toContain(">Mục mới</li>");
    expect(html).toContain(">Mục bị xóa</li>");
    expect(html).toContain("Định dạng: cấp tiêu đề 3 → 4");
    expect(html).toMatch(/<ins class="diff-ins diff-ins--block"><span class="diff-sr">Thêm: <\/span><p>Đoạn <strong>mới<\/strong>.<\/p><\/ins>/);
    expect(html).toMatch(/<del class="diff-del diff-del--block"><span class="diff-sr">Xóa: <\/span><p>Đoạn sẽ bị xóa.<\/p><\/del>/);
  });

  it("lays out a before and after table side by side, in English on request", () => {
    const html = render({ diff: sampleDiff(), mode: "side-by-side", locale: "en" });
    expect(html).toContain('<th scope="col">Before</th><th scope="col">After</th>');
    expect(html).toContain('<tbody class="diff-change" id="change-1">');
    const firstRow = /<tr class="diff-row diff-row--changed">(.*?)<\/tr>/.exec(html)?.[1] ?? "";
    const [beforeCell, afterCell] = firstRow.split('<td class="diff-cell diff-cell--after">');
    expect(beforeCell).toContain('<del class="diff-del"><span class="diff-sr">Removed: </span>dữ liệu</del>');
    expect(beforeCell).not.toContain("<ins");
    expect(afterCell).toContain('<ins class="diff-ins"><span class="diff-sr">Added: </span>thông tin</ins>');
    expect(afterCell).not.toContain("<del");
    expect(html).toContain("Previous change");
    expect(html).toContain("4 unchanged paragraphs");
  });

  it("names a moved block and a block rewritten past the word-level budget", () => {
    const long = (word: string) => Array.from({ length: 700 }, (_, index) => `${word}${index}`).join(" ");
    const before = snapshot([section("a", "A", [paragraph("Một.", "p"), paragraph("Hai.", "q"), paragraph(long("cũ"), "r")])]);
    const after = snapshot([section("a", "A", [paragraph("Hai.", "q"), paragraph("Một.", "p"), paragraph(long("mới"), "r")])]);
    const html = render({ diff: diffDocuments(before, after) });
    expect(html).toContain("Chuyển đến đây <a class=\"diff-move-link\" href=\"#change-move-m1-from\">từ vị trí 1 trong mục này</a>");
    expect(html).toContain("Viết lại toàn bộ đoạn");
    expect(html).toMatch(/<del class="diff-del diff-del--block"><span class="diff-sr">Xóa: <\/span><p>cũ0 /);
    expect(html).toMatch(/<ins class="diff-ins diff-ins--block"><span class="diff-sr">Thêm: <\/span><p>mới0 /);
  });

  it("says there is nothing to see when the versions are the same", () => {
    const same = snapshot([section("a", "A", [paragraph("Một.", "p")])]);
    const html = render({ diff: diffDocuments(same, same) });
    expect(html).toContain("Không có thay đổi");
    expect(html).not.toContain('id="change-');
  });

  it("shows a formatting-only change with its marks and a note saying what changed", () => {
    const before = snapshot([section("a", "A", [paragraph("Chính phủ số.", "p")])]);
    const after = snapshot([section("a", "A", [paragraph([text("Chính phủ", [{ type: "bold" }]), text(" số.")], "p")])]);
    const html = render({ diff: diffDocuments(before, after) });
    expect(html).toContain("Định dạng: thêm in đậm");
    expect(html).toContain("<p><strong>Chính phủ</strong> số.</p>");
  });

  it("never renders a link whose address the editor would refuse", () => {
    const before = snapshot([section("a", "A", [paragraph("Một.", "p"), paragraph("Hai.", "q")])]);
    const after = snapshot([
      section("a", "A", [
        paragraph([text("Một", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]), text(".")], "p"),
        paragraph([text("Hai", [{ type: "link", attrs: { href: "https://chinhphu.vn" } }]), text(".")], "q"),
        paragraph([text("Ba", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])], "r"),
      ]),
    ]);
    const html = render({ diff: diffDocuments(before, after) });
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://chinhphu.vn" rel="noopener noreferrer nofollow">Hai</a>');
  });
});

describe("DocumentDiffView on structural edits", () => {
  const first = "Công cuộc chuyển đổi này được dẫn dắt bởi người đứng đầu quốc gia khi đó là";
  const second = "Vua Lý Thái Tổ, người dời đô từ Hoa Lư ra Thăng Long.";

  it("shows a join as one paragraph with a join marker where the parts met, not as deletion and insertion", () => {
    const before = snapshot([section("ket", "Lời tổng kết", [paragraph(first, "a"), paragraph(second, "b")])]);
    const after = snapshot([section("ket", "Lời tổng kết", [paragraph(`${first} ${second}`, "a")])]);
    for (const mode of ["inline", "side-by-side"] as const) {
      const html = render({ diff: diffDocuments(before, after), mode });
      expect(html).toContain("Nối 2 đoạn");
      expect(html).toContain(`khi đó là </span><span class="diff-seam diff-seam--join" role="note">nối đoạn</span><span>Vua Lý`);
      const body = html.slice(html.indexOf("diff-section"));
      expect(body).not.toContain("<del");
      expect(body).not.toContain("<ins");
    }
    const backward = render({ diff: diffDocuments(after, before), locale: "en" });
    expect(backward).toContain("Split into 2 paragraphs");
    expect(backward).toContain(`<span class="diff-seam diff-seam--split" role="note">paragraph split</span>`);
  });

  it("links both ends of a paragraph moved to another section, with its word change at the destination", () => {
    const before = snapshot([
      section("a", "Chính phủ điện tử", [paragraph("Dữ liệu là trung tâm của chính phủ số và của mọi quyết định.", "p")]),
      section("b", "Chính phủ số", [paragraph("Phát triển cao hơn là chính phủ số.", "q")]),
    ]);
    const after = snapshot([
      section("a", "Chính phủ điện tử", []),
      section("b", "Chính phủ số", [paragraph("Phát triển cao hơn là chính phủ số.", "q"), paragraph("Dữ liệu là trung tâm của chính phủ số và của mọi chính sách.", "p")]),
    ]);
    const html = render({ diff: diffDocuments(before, after) });
    expect(html).toContain(`id="change-move-m1-from"`);
    expect(html).toContain(`id="change-move-m1-to"`);
    expect(html).toContain(`href="#change-move-m1-to">đến đoạn 2 của mục “Chính phủ số”</a>`);
    expect(html).toContain(`href="#change-move-m1-from">từ đoạn 1 của mục “Chính phủ điện tử”</a>`);
    expect(html.slice(html.indexOf("diff-section")).match(/<del class="diff-del">/g)).toHaveLength(1);
    expect(html).toContain("quyết định</del>");
    expect(html).toContain("chính sách</ins>");
  });

  it("labels a removed repeated paragraph and a removed stray line, and a table row added", () => {
    const closing = "Chuyển đổi số là một quá trình thay đổi tổng thể và toàn diện.";
    const row = (cells: string[]) => ({ type: "tableRow", content: cells.map((value) => ({ type: "tableCell", content: [paragraph(value)] })) });
    const before = snapshot([
      section("s", "Mục", [paragraph(closing, "p"), paragraph(closing, "q"), paragraph("ĐÁNH GIÁ BÀI VIẾT", "x"), { type: "table", attrs: { id: "t" }, content: [row(["1", "Chính phủ điện tử"])] }]),
    ]);
    const after = snapshot([
      section("s", "Mục", [paragraph(closing, "p"), { type: "table", attrs: { id: "t" }, content: [row(["1", "Chính phủ điện tử"]), row(["2", "Chính phủ số"])] }]),
    ]);
    const html = render({ diff: diffDocuments(before, after) });
    expect(html).toContain("Xóa đoạn lặp lại");
    expect(html).toContain("Xóa dòng");
    expect(html).toContain(`Thêm hàng:</span> <ins class="diff-ins"><span class="diff-sr">Thêm: </span>2 · Chính phủ số</ins>`);
  });
});

describe("comments anchored to words", () => {
  it("marks the words of the newer side a comment is anchored to and shows the comment beside them", () => {
    const diff = sampleDiff();
    const text = "Chính phủ số lấy thông tin là trung tâm.";
    const start = text.indexOf("thông tin là");
    const html = render({
      diff,
      remarks: [{ id: "c1", sectionId: "ket", start: { blockId: "p1", offset: start }, end: { blockId: "p1", offset: start + "thông tin là".length }, author: "Lê Văn Minh", body: "Rõ hơn." }],
    });
    const marks = [...html.matchAll(/<mark class="diff-remark-mark" data-comment-id="c1"[^>]*>([^<]*)<\/mark>/g)].map((match) => match[1]);
    // The inserted word and the equal words around it are each marked, and nothing else.
    expect(marks.join("")).toBe("thông tin là");
    expect(html).toContain('<li class="diff-remark" id="remark-c1" data-comment-id="c1"><strong>Lê Văn Minh</strong>: Rõ hơn.</li>');
    expect(html).toContain("<del");
  });

  it("marks words of an unchanged block too, opening the fold it is in", () => {
    const html = render({
      diff: sampleDiff(),
      remarks: [{ id: "c2", sectionId: "ket", start: { blockId: "u0", offset: 0 }, end: { blockId: "u0", offset: 3 }, author: "A", body: "B" }],
    });
    expect(html).toMatch(/<mark class="diff-remark-mark" data-comment-id="c2"[^>]*>Một<\/mark>/);
    expect(html).toContain('<details class="diff-fold" open=""');
  });
});
