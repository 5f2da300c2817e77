import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/domain/canonical";
import { MAX_DERIVED_TITLE_CHARS } from "@/lib/domain/chapter";
import type { Mark, RichNode, SectionContent } from "@/lib/domain/document";
import { createRandom } from "@/lib/domain/fixtures/random";
import { handbookSchema } from "./extensions";
import { markdownToSections, sectionToMarkdown, sectionsToMarkdown } from "./markdown";

const text = (value: string, ...marks: Mark[]): RichNode => (marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: RichNode[]): RichNode => ({ type: "paragraph", content });
const heading = (level: number, value: string): RichNode => ({ type: "heading", attrs: { level }, content: [text(value)] });
const doc = (...content: RichNode[]): SectionContent => ({ type: "doc", content });
const item = (...content: RichNode[]): RichNode => ({ type: "listItem", content });
const bullets = (...items: RichNode[]): RichNode => ({ type: "bulletList", content: items });
const numbered = (start: number, ...items: RichNode[]): RichNode => ({ type: "orderedList", attrs: { start }, content: items });
const bold: Mark = { type: "bold" };
const italic: Mark = { type: "italic" };
const strike: Mark = { type: "strike" };
const code: Mark = { type: "code" };
const underline: Mark = { type: "underline" };
const link = (href: string): Mark => ({ type: "link", attrs: { href } });
const cell = (type: "tableHeader" | "tableCell", value: string, align?: string): RichNode => {
  const node: RichNode = { type, content: [paragraph(text(value))] };
  if (align) node.attrs = { align };
  return node;
};
const row = (...cells: RichNode[]): RichNode => ({ type: "tableRow", content: cells });

/**
 * Work counted instead of time, so that a loaded machine cannot fail the test and a quadratic
 * parser cannot pass it: every character read (charCodeAt, codePointAt, charAt), every character
 * a search, a slice or a regular expression passes over (indexOf from its start to what it found,
 * the length of a slice, a match from where it started to its end, or to the end of the text when
 * none), while `run` runs. markdown-it and our own rules read the text almost only through these,
 * so a rule that rescans the rest of a line at every position shows here as quadratic growth.
 * Backtracking inside a single regular expression is not seen; the patterns in ./markdown.ts have
 * no nested or adjacent quantifiers to backtrack over, and HANDBOOK_TAG reads at most MAX_TAG_CHARS.
 */
function countWork(run: () => void): number {
  let work = 0;
  const strings = String.prototype;
  const originals = { charCodeAt: strings.charCodeAt, codePointAt: strings.codePointAt, charAt: strings.charAt, indexOf: strings.indexOf, slice: strings.slice, substring: strings.substring, exec: RegExp.prototype.exec };
  strings.charCodeAt = function (this: string, position: number) {
    work += 1;
    return originals.charCodeAt.call(this, position);
  };
  strings.codePointAt = function (this: string, position: number) {
    work += 1;
    return originals.codePointAt.call(this, position);
  };
  strings.charAt = function (this: string, position: number) {
    work += 1;
    return originals.charAt.call(this, position);
  };
  strings.indexOf = function (this: string, search: string, from?: number) {
    const found = originals.indexOf.call(this, search, from);
    work += (found === -1 ? this.length : found + search.length) - Math.max(0, from ?? 0);
    return found;
  };
  strings.slice = function (this: string, start?: number, end?: number) {
    const part = originals.slice.call(this, start, end);
    work += part.length;
    return part;
  };
  strings.substring = function (this: string, start: number, end?: number) {
    const part = originals.substring.call(this, start, end);
    work += part.length;
    return part;
  };
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const match = originals.exec.call(this, input);
    const text = String(input);
    work += 1 + (match ? match.index + match[0].length : this.sticky ? from : text.length) - from;
    return match;
  };
  try {
    run();
  } finally {
    Object.assign(strings, { charCodeAt: originals.charCodeAt, codePointAt: originals.codePointAt, charAt: originals.charAt, indexOf: originals.indexOf, slice: originals.slice, substring: originals.substring });
    RegExp.prototype.exec = originals.exec;
  }
  return work;
}

/** How much more work `run` does for an input GROWTH_FACTOR times longer: about GROWTH_FACTOR when linear, its square when quadratic. */
function workGrowth(run: (size: number) => void, size: number): number {
  run(size); // Warm-up: lazily built tables and caches are not the input's work.
  return countWork(() => run(size * GROWTH_FACTOR)) / countWork(() => run(size));
}

/** Inputs are compared at one size and at GROWTH_FACTOR times it. */
const GROWTH_FACTOR = 4;
/** Linear work grows by GROWTH_FACTOR (4), quadratic by its square (16); the bound leaves room for per-call constants. */
const MAX_LINEAR_GROWTH = 6;
/** Large enough that the work per character outweighs the fixed work of a parse. */
const HOSTILE_INPUT_CHARS = 10_000;
const LONG_LINE_CHARS = 20_000;

/** The content in the editor's own JSON shape (every attribute present), as the parser gives it. */
function normalized(content: RichNode): RichNode {
  return handbookSchema().nodeFromJSON(content).toJSON();
}

/** The one section Markdown reads back from a section's own Markdown. */
function roundTrip(content: SectionContent): SectionContent {
  const sections = markdownToSections(sectionToMarkdown(content));
  expect(sections).toHaveLength(1);
  return (sections[0] as { content: SectionContent }).content;
}

function expectRoundTrip(content: SectionContent): void {
  expect(canonicalJson(roundTrip(content))).toBe(canonicalJson(normalized(content)));
}

describe("sectionToMarkdown", () => {
  it("writes headings from level 3, paragraphs and inline marks", () => {
    const markdown = sectionToMarkdown(
      doc(
        heading(3, "Mục tiêu"),
        paragraph(text("Chính phủ số", bold), text(" là "), text("ưu tiên", italic), text(" và "), text("cũ", strike), text(" "), text("npm test", code)),
      ),
    );
    expect(markdown).toBe("### Mục tiêu\n\n**Chính phủ số** là *ưu tiên* và ~~cũ~~ `npm test`\n");
  });

  it("writes links with their address and keeps spaces outside the delimiters", () => {
    const markdown = sectionToMarkdown(doc(paragraph(text("Xem "), text("Cổng thông tin ", link("https://chinhphu.vn"), bold), text("nhé"))));
    expect(markdown).toBe("Xem [**Cổng thông tin**](https://chinhphu.vn) nhé\n");
  });

  it("raises headings of level 1 and 2 to level 3 so that they never split a section", () => {
    expect(sectionToMarkdown(doc(heading(1, "A"), heading(2, "B")))).toBe("### A\n\n### B\n");
  });

  it("writes nested lists, quotes, code blocks, rules and hard breaks", () => {
    const markdown = sectionToMarkdown(
      doc(
        bullets(item(paragraph(text("một")), numbered(3, item(paragraph(text("ba"))), item(paragraph(text("bốn")))))),
        { type: "blockquote", content: [paragraph(text("trích")), paragraph(text("dẫn"))] },
        { type: "codeBlock", attrs: { language: "ts" }, content: [text("a\n\nb")] },
        { type: "horizontalRule" },
        paragraph(text("dòng 1"), { type: "hardBreak" }, text("dòng 2")),
      ),
    );
    expect(markdown).toBe(
      ["- một", "", "  3. ba", "  4. bốn", "", "> trích", ">", "> dẫn", "", "```ts", "a", "", "b", "```", "", "---", "", "dòng 1\\", "dòng 2", ""].join("\n"),
    );
  });

  it("writes tables as GFM pipe tables with alignment and escaped pipes", () => {
    const markdown = sectionToMarkdown(
      doc({
        type: "table",
        content: [row(cell("tableHeader", "Chỉ số"), cell("tableHeader", "Mục tiêu", "right")), row(cell("tableCell", "a | b"), cell("tableCell", "80%"))],
      }),
    );
    expect(markdown).toBe("| Chỉ số | Mục tiêu |\n| --- | ---: |\n| a \\| b | 80% |\n");
  });

  it("escapes text that would otherwise read as Markdown syntax", () => {
    const markdown = sectionToMarkdown(doc(paragraph(text("# không phải tiêu đề")), paragraph(text("1. không phải danh sách")), paragraph(text("*sao* và [ngoặc]"))));
    expect(markdown).toBe("\\# không phải tiêu đề\n\n1\\. không phải danh sách\n\n\\*sao\\* và \\[ngoặc\\]\n");
  });
});

describe("markdownToSections", () => {
  it("splits a chapter at # and ## headings and takes their text as titles", () => {
    const sections = markdownToSections("# Chương 1\n\nMở đầu.\n\n## 1.1 **Khái niệm**\n\nNội dung.\n\n### Chi tiết\n\nThêm.\n\n## 1.2 Trống\n");
    expect(sections.map((section) => section.title)).toEqual(["Chương 1", "1.1 Khái niệm", "1.2 Trống"]);
    expect(sections[1]?.content).toEqual(normalized(doc(paragraph(text("Nội dung.")), heading(3, "Chi tiết"), paragraph(text("Thêm.")))));
    expect(normalized(sections[2]?.content ?? doc())).toEqual(normalized(doc({ type: "paragraph" })));
  });

  it("turns text before the first heading into a section titled from its first line", () => {
    const sections = markdownToSections("**Kỷ nguyên số** và chính phủ\ntiếp tục ở đây.\n\nĐoạn hai.\n\n## Tiếp theo\n\nx\n");
    expect(sections[0]?.title).toBe("Kỷ nguyên số và chính phủ");
    expect(sections[0]?.content.content).toHaveLength(2);
    expect(sections[1]?.title).toBe("Tiếp theo");
  });

  it("shortens a long derived title", () => {
    const [section] = markdownToSections(`${"chữ ".repeat(100)}\n`);
    expect(section?.title.length).toBeLessThanOrEqual(MAX_DERIVED_TITLE_CHARS);
    expect(section?.title.endsWith("…")).toBe(true);
  });

  it("does not split at a # line inside a fenced code block", () => {
    const sections = markdownToSections("## A\n\n```sh\n# comment\n## another\n```\n");
    expect(sections).toHaveLength(1);
    expect(sections[0]?.content).toEqual(normalized(doc({ type: "codeBlock", attrs: { language: "sh" }, content: [text("# comment\n## another")] })));
  });

  it("gives nothing for empty input", () => {
    expect(markdownToSections("")).toEqual([]);
    expect(markdownToSections("\n  \n")).toEqual([]);
  });

  it("normalizes decomposed Vietnamese to NFC", () => {
    const [section] = markdownToSections("## Chuyển đổi số\n\nDữ liệu mở\n".normalize("NFD"));
    expect(section?.title).toBe("Chuyển đổi số".normalize("NFC"));
    expect(section?.content.content[0]?.content?.[0]?.text).toBe("Dữ liệu mở".normalize("NFC"));
  });

  it("reads emphasis the way CommonMark does for nested and adjacent delimiters", () => {
    const [section] = markdownToSections("***cả hai*** *nghiêng***đậm** 2 * 3 snake_case_name __đậm__ _nghiêng_\n");
    expect(section?.content.content[0]).toEqual(normalized(paragraph(
      text("cả hai", bold, italic),
      text(" "),
      text("nghiêng", italic),
      text("đậm", bold),
      text(" 2 * 3 snake_case_name "),
      text("đậm", bold),
      text(" "),
      text("nghiêng", italic),
    )));
  });

  it("reads links, autolinks, titles, images, entities, underline and line breaks", () => {
    const [section] = markdownToSections(
      'Xem [trang **chính**](https://chinhphu.vn "Cổng") hoặc <https://mic.gov.vn>.\n![logo](https://x.vn/a.png) &amp; <u>gạch</u>  \ndòng mới<br>dòng ba\nnối tiếp\n',
    );
    expect(section?.content.content[0]).toEqual(normalized(paragraph(
      text("Xem "),
      text("trang ", { type: "link", attrs: { href: "https://chinhphu.vn", title: "Cổng" } }),
      text("chính", { type: "link", attrs: { href: "https://chinhphu.vn", title: "Cổng" } }, bold),
      text(" hoặc "),
      text("https://mic.gov.vn", link("https://mic.gov.vn")),
      text(". logo & "),
      text("gạch", underline),
      { type: "hardBreak" },
      text("dòng mới"),
      { type: "hardBreak" },
      text("dòng ba nối tiếp"),
    )));
  });

  it("keeps a link over code when both are written, as the schema allows only one", () => {
    const [section] = markdownToSections("[`npm`](https://npmjs.com) và `**không đậm**`\n");
    expect(section?.content.content[0]).toEqual(normalized(paragraph(text("npm", link("https://npmjs.com")), text(" và "), text("**không đậm**", code))));
  });

  it("reads lists with lazy continuation lines, nested lists and a paragraph first in every item", () => {
    const [section] = markdownToSections("- một\ndòng tiếp\n- hai\n\n  đoạn thứ hai\n  1. con\n-\n\n2020. Năm\n");
    expect(section?.content).toEqual(
      normalized(doc(
        bullets(
          item(paragraph(text("một dòng tiếp"))),
          item(paragraph(text("hai")), paragraph(text("đoạn thứ hai")), numbered(1, item(paragraph(text("con"))))),
          item({ type: "paragraph" }),
        ),
        numbered(2020, item(paragraph(text("Năm")))),
      )),
    );
  });

  it("reads tables with alignment, escaped pipes and <br> line breaks", () => {
    const [section] = markdownToSections("| A | B |\n|:--|:-:|\n| x \\| y | dòng<br>hai |\n| thiếu |\n");
    expect(section?.content).toEqual(
      normalized(doc({
        type: "table",
        content: [
          row(cell("tableHeader", "A", "left"), cell("tableHeader", "B", "center")),
          row(cell("tableCell", "x | y", "left"), {
            type: "tableCell",
            attrs: { align: "center" },
            content: [paragraph(text("dòng"), { type: "hardBreak" }, text("hai"))],
          }),
          row(cell("tableCell", "thiếu", "left"), { type: "tableCell", attrs: { align: "center" }, content: [{ type: "paragraph" }] }),
        ],
      })),
    );
  });

  it("reads Windows line endings and a byte order mark", () => {
    const sections = markdownToSections("\ufeff## Tiêu đề\r\n\r\nNội dung\r\n");
    expect(sections).toEqual([{ title: "Tiêu đề", content: normalized(doc(paragraph(text("Nội dung")))) }]);
  });

  it("reads hostile input with work growing linearly in its length", () => {
    for (const unit of ["[[[[", "a*b [c `d ", "`` ` ", "- a\n\n", "*a **b ", "~~a ~~"]) {
      const growth = workGrowth((size) => markdownToSections(unit.repeat(Math.ceil(size / unit.length))), HOSTILE_INPUT_CHARS);
      expect(growth, JSON.stringify(unit)).toBeLessThan(MAX_LINEAR_GROWTH);
    }
  });

  it("reads and writes long heading, emphasis and word lines with work growing linearly in the line", () => {
    // The old hand-written parser matched whole lines with backtracking regular expressions
    // (`[ \t]+(.*?)…[ \t]*$`), quadratic in the line: a 20,000-character heading took 0.7 s and
    // a 2 MiB one would have taken about two hours.
    const lines: ((size: number) => string)[] = [
      (size) => `# a${" ".repeat(size)}b`,
      (size) => `**a${" ".repeat(size)}b**`,
      (size) => "a ".repeat(size / 2),
    ];
    for (const line of lines) {
      const growth = workGrowth((size) => {
        for (const section of markdownToSections(line(size))) sectionToMarkdown(section.content);
      }, LONG_LINE_CHARS);
      expect(growth, line(8)).toBeLessThan(MAX_LINEAR_GROWTH);
    }
    expect(markdownToSections(`# a${" ".repeat(40_000)}b`)[0]?.title).toBe("a b");
  });

  it("does not overflow the stack on deeply nested quotes", () => {
    const sections = markdownToSections(`${">".repeat(5000)} sâu\n`);
    expect(sections).toHaveLength(1);
  });
});

describe("round trip", () => {
  it("preserves headings, paragraphs and every inline mark", () => {
    expectRoundTrip(
      doc(
        heading(3, "Mục tiêu"),
        heading(5, "Chi tiết"),
        paragraph(
          text("Chính phủ số", bold),
          text(" là "),
          text("ưu tiên", bold, italic),
          text(" hàng đầu", italic),
          text("; "),
          text("cũ", strike),
          text(" "),
          text("mã `x`", code),
          text(" và "),
          text("gạch dưới", underline),
          text(" "),
          text("liên kết", link("https://chinhphu.vn/path_(1)")),
          text(" "),
          text("đậm trong liên kết", link("mailto:lienhe@mic.gov.vn"), bold),
        ),
      ),
    );
  });

  it("preserves characters that Markdown would read as syntax", () => {
    expectRoundTrip(
      doc(
        paragraph(text("# dấu thăng, > lớn hơn, - gạch, + cộng, 1. số, * sao *, _gạch dưới_, ~~ngã~~, `huyền`, [a](b), <u>, &amp;, a\\b, 5 | 6")),
        paragraph(text("- không phải danh sách")),
        paragraph(text("2020. Năm")),
        paragraph(text("---")),
      ),
    );
  });

  it("preserves lists, nested lists, quotes, code, rules, tables and hard breaks", () => {
    expectRoundTrip(
      doc(
        bullets(
          item(paragraph(text("Dữ liệu mở"))),
          item(paragraph(text("Nền tảng số")), numbered(3, item(paragraph(text("Định danh"))), item(paragraph(text("Thanh toán"))))),
          item(paragraph(text("Hai đoạn")), paragraph(text("trong một mục"))),
        ),
        numbered(1, item(paragraph(text("Một")))),
        { type: "blockquote", content: [paragraph(text("Lấy người dân")), bullets(item(paragraph(text("làm trung tâm"))))] },
        { type: "codeBlock", attrs: { language: "typescript" }, content: [text("const a = 1;\n\n```\nconst b = `x`;")] },
        { type: "codeBlock", content: [text("# không phải tiêu đề")] },
        { type: "horizontalRule" },
        {
          type: "table",
          content: [
            row(cell("tableHeader", "Chỉ số"), cell("tableHeader", "Mục tiêu", "center")),
            row(cell("tableCell", "Dịch vụ | công"), cell("tableCell", "80%", "center")),
          ],
        },
        paragraph(text("dòng một", bold), { type: "hardBreak" }, text("dòng hai", bold)),
      ),
    );
  });

  it("reads back a whole chapter written by sectionsToMarkdown", () => {
    const sections = [
      { title: "Giới thiệu", content: doc(paragraph(text("Mở đầu"))) },
      { title: "Chương *1*: Thể chế", content: doc(heading(3, "Luật"), paragraph(text("Nội dung"))) },
      { title: "Trống", content: doc({ type: "paragraph" }) },
      { title: "Ngôn ngữ C#", content: doc(paragraph(text("x"))) },
      { title: "Dấu #", content: doc(heading(4, "Mục #"), paragraph(text("y"))) },
    ];
    const back = markdownToSections(sectionsToMarkdown(sections));
    expect(back.map((section) => section.title)).toEqual(sections.map((section) => section.title));
    expect(back.map((section) => canonicalJson(normalized(section.content)))).toEqual(sections.map((section) => canonicalJson(normalized(section.content))));
  });
});

/** A seeded generator, so that a failing document can be reproduced from its seed. */
function randomSource(seed: number): () => number {
  return createRandom(seed).next;
}

const WORDS = [
  "Chính", "phủ", "số", "dữ", "liệu", "mở", "2020.", "1)", "#1", "a*b", "x_y", "~~", "`mã`", "[z]", "(1)", "|", "\\",
  "&amp;", "<u>", "<br>", "**", "_", "!", "-", "+", ">", "=", "https://x.vn", "ưu-tiên", "Điều", "15,5%", "***",
];
const HREFS = ["https://chinhphu.vn", "https://x.vn/a_b*c", "https://x.vn/(a)", "https://x.vn/a)b", "mailto:a@b.vn"];

function generateDocument(random: () => number): SectionContent {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = (count: number): string => Array.from({ length: count }, () => pick(WORDS)).join(" ");

  /** Marked segments separated by spaces, the way prose carries formatting. */
  const inline = (allowBreaks: boolean): RichNode[] => {
    const nodes: RichNode[] = [];
    const segments = 1 + Math.floor(random() * 5);
    for (let index = 0; index < segments; index += 1) {
      if (index > 0) {
        if (allowBreaks && random() < 0.15) nodes.push({ type: "hardBreak" });
        else nodes.push(text(" "));
      }
      const value = words(1 + Math.floor(random() * 3));
      const roll = random();
      if (roll < 0.1) {
        nodes.push(text(value, code));
        continue;
      }
      const marks: Mark[] = [];
      if (roll < 0.3) marks.push(link(pick(HREFS)));
      for (const mark of [bold, italic, strike, underline]) if (random() < 0.25) marks.push(mark);
      nodes.push(text(value, ...marks));
    }
    return mergeText(nodes);
  };

  const paragraphNode = (allowBreaks = true): RichNode => ({ type: "paragraph", content: inline(allowBreaks) });
  const list = (depth: number): RichNode => {
    const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const content: RichNode[] = [paragraphNode()];
      if (random() < 0.2) content.push(paragraphNode());
      if (depth < 2 && random() < 0.3) content.push(list(depth + 1));
      return item(...content);
    });
    return random() < 0.5 ? bullets(...items) : numbered(Math.floor(random() * 12), ...items);
  };
  const block = (depth: number): RichNode => {
    const roll = random();
    if (roll < 0.35) return paragraphNode();
    if (roll < 0.45) return { type: "heading", attrs: { level: 3 + Math.floor(random() * 4) }, content: inline(false) };
    if (roll < 0.6) return list(0);
    if (roll < 0.68 && depth < 2) return { type: "blockquote", content: [block(depth + 1), block(depth + 1)] };
    if (roll < 0.76) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.2 ? "" : pick(["```", "# x", "  indented", "a | b", "~~~", "- item", words(2)])));
      const content = lines.join("\n");
      const node: RichNode = { type: "codeBlock" };
      if (random() < 0.5) node.attrs = { language: "ts" };
      if (content.length > 0) node.content = [text(content)];
      return node;
    }
    if (roll < 0.82) return { type: "horizontalRule" };
    if (roll < 0.92) {
      const width = 1 + Math.floor(random() * 3);
      const align = Array.from({ length: width }, () => pick([undefined, "left", "center", "right"]));
      const tableRow = (type: "tableHeader" | "tableCell"): RichNode =>
        row(
          ...align.map((alignment) => {
            const node: RichNode = { type, content: [paragraphNode(false)] };
            if (alignment) node.attrs = { align: alignment };
            return node;
          }),
        );
      return { type: "table", content: [tableRow("tableHeader"), ...Array.from({ length: Math.floor(random() * 3) }, () => tableRow("tableCell"))] };
    }
    return paragraphNode();
  };
  return doc(...Array.from({ length: 1 + Math.floor(random() * 5) }, () => block(0)));
}

/** Adjacent text with the same marks is one node, as ProseMirror stores it. */
function mergeText(nodes: RichNode[]): RichNode[] {
  const merged: RichNode[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (node.type === "text" && previous?.type === "text" && canonicalJson(previous.marks ?? []) === canonicalJson(node.marks ?? [])) {
      merged[merged.length - 1] = { ...previous, text: `${previous.text ?? ""}${node.text ?? ""}` };
      continue;
    }
    merged.push(node);
  }
  return merged;
}

describe("round trip of generated documents", () => {
  it("preserves text and structure of 300 random documents full of Markdown punctuation", () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const content = generateDocument(randomSource(seed));
      const markdown = sectionToMarkdown(content);
      const sections = markdownToSections(markdown);
      expect(sections, `seed ${seed}\n${markdown}`).toHaveLength(1);
      expect(canonicalJson(sections[0]?.content), `seed ${seed}\n${markdown}`).toBe(canonicalJson(normalized(content)));
    }
  });
});
