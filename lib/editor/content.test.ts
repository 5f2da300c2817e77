import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { RichNode, SectionContent } from "@/lib/domain/document";
import {
  MAX_NESTING_DEPTH,
  MAX_SECTION_JSON_BYTES,
  MAX_SECTION_TEXT_CHARS,
  checkSectionBlock,
  contentsEqual,
  ensureBlockIds,
  renderSectionHtml,
  sectionOfBlocksIsValid,
  validateSectionContent,
  type BlockCheck,
} from "./content";
import { applyContentToYDoc, contentToYDoc, yDocToContent } from "./ydoc";
import { HANDBOOK_BLOCK_TYPES } from "./extensions";
import { describeContentProblem } from "@/lib/domain/content-problems";
import { LOCALES } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";

const text = (value: string, marks?: RichNode["marks"]): RichNode => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: RichNode[]): RichNode => ({ type: "paragraph", content });
const doc = (...content: RichNode[]): SectionContent => ({ type: "doc", content });
const cell = (type: "tableCell" | "tableHeader", value: string): RichNode => ({ type, content: [paragraph(text(value))] });
/** Builders for shapes the types forbid, exactly what an untrusted client may send. */
const rawDoc = (...content: unknown[]): unknown => ({ type: "doc", content });
const rawParagraph = (...content: unknown[]): unknown => ({ type: "paragraph", content });
const link = (href: string, label = "nhấn vào đây"): RichNode => text(label, [{ type: "link", attrs: { href } }]);

/** A section using every kind of block and mark the handbook offers. */
function richSection(): SectionContent {
  return doc(
    { type: "heading", attrs: { level: 3 }, content: [text("Mục tiêu chuyển đổi số")] },
    paragraph(
      text("Chính phủ số ", [{ type: "bold" }]),
      text("là "),
      text("ưu tiên", [{ type: "italic" }, { type: "underline" }]),
      text(" hàng đầu; xem "),
      link("https://chinhphu.vn/", "Cổng thông tin"),
      { type: "hardBreak" },
      text("mã ", [{ type: "strike" }]),
      text("npm test", [{ type: "code" }]),
    ),
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [paragraph(text("Dữ liệu mở"))] },
        {
          type: "listItem",
          content: [
            paragraph(text("Nền tảng số")),
            { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [paragraph(text("Định danh"))] }] },
          ],
        },
      ],
    },
    { type: "blockquote", content: [paragraph(text("Lấy người dân làm trung tâm."))] },
    { type: "codeBlock", attrs: { language: "typescript" }, content: [text("const x = 1 < 2;")] },
    { type: "horizontalRule" },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [cell("tableHeader", "Chỉ số"), cell("tableHeader", "Mục tiêu")] },
        { type: "tableRow", content: [cell("tableCell", "Dịch vụ công trực tuyến"), cell("tableCell", "80%")] },
      ],
    },
  );
}

function counter(prefix = "blk"): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

function collect(node: RichNode, into: RichNode[] = []): RichNode[] {
  into.push(node);
  for (const child of node.content ?? []) collect(child, into);
  return into;
}

const UNSAFE_HREFS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "javascript :alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "\u0001javascript:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "javascript&colon;alert(1)",
  "%6Aavascript:alert(1)",
  "jav&#x09;ascript:alert(1)",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:image/svg+xml,<svg onload=alert(1)>",
  "//evil.example/path",
  "\\\\evil.example\\share",
  "/relative",
  "../up",
  "?query",
  "#fragment",
  "file:///etc/passwd",
  "ftp://example.com",
  "tel:+8412345",
  "https:evil.example",
  "\" onmouseover=\"alert(1)",
  "",
  ...hrefSpellings(),
];

/** The ways filters get bypassed: odd case, leading junk, characters browsers strip, encodings. */
function hrefSpellings(): string[] {
  const spellings: string[] = [];
  for (const base of ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,x"]) {
    const scheme = base.slice(0, base.indexOf(":"));
    const rest = base.slice(scheme.length);
    spellings.push(scheme.toUpperCase() + rest);
    spellings.push([...scheme].map((char, index) => (index % 2 ? char.toUpperCase() : char)).join("") + rest);
    for (const prefix of [" ", "\t", "\n", "\u0000", "\u00a0", "\ufeff", "\u200b"]) spellings.push(prefix + base);
    for (const inserted of ["\t", "\n", "\r", "\u0000"]) spellings.push(base.slice(0, 3) + inserted + base.slice(3));
    spellings.push(`&#${scheme.charCodeAt(0)};${base.slice(1)}`);
    spellings.push(`&#x${scheme.charCodeAt(0).toString(16)};${base.slice(1)}`);
    spellings.push(`%${scheme.charCodeAt(0).toString(16)}${base.slice(1)}`);
    spellings.push(base.replace(":", "&colon;"));
    spellings.push(base.replace(":", "%3A"));
  }
  return spellings;
}

/** Harmful or malformed documents, a few hundred of them, built from small families of mistakes. */
function badInputs(): { label: string; input: unknown }[] {
  const cases: { label: string; input: unknown }[] = [];
  for (const href of UNSAFE_HREFS) {
    cases.push({ label: `link ${JSON.stringify(href)}`, input: doc(paragraph(link(href))) });
    cases.push({ label: `nested link ${JSON.stringify(href)}`, input: doc({ type: "blockquote", content: [paragraph(text("a"), link(href))] }) });
    cases.push({
      label: `link in table ${JSON.stringify(href)}`,
      input: doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [paragraph(link(href))] }] }] }),
    });
  }
  for (const type of ["script", "iframe", "image", "img", "html", "mention", "details", "constructor", "__proto__", "toString", "", "Paragraph"]) {
    cases.push({ label: `node ${type}`, input: doc({ type, content: [text("x")] }) });
    cases.push({ label: `inline node ${type}`, input: doc(paragraph(text("a"), { type, attrs: { src: "x" } })) });
    cases.push({ label: `mark ${type}`, input: doc(paragraph(text("x", [{ type }]))) });
  }
  for (const type of ["textStyle", "highlight", "subscript", "superscript", "comment", "script"]) {
    cases.push({ label: `mark ${type} with attrs`, input: doc(paragraph(text("x", [{ type, attrs: { style: "color:red" } }]))) });
  }
  const nesting: [string, unknown][] = [
    ["text at top level", doc(text("x"))],
    ["paragraph in paragraph", doc({ type: "paragraph", content: [paragraph(text("x"))] })],
    ["list without items", doc({ type: "bulletList", content: [paragraph(text("x"))] })],
    ["empty list", doc({ type: "bulletList", content: [] })],
    ["list item outside a list", doc({ type: "listItem", content: [paragraph(text("x"))] })],
    ["table cell outside a table", doc({ type: "tableCell", content: [paragraph(text("x"))] })],
    ["table without rows", doc({ type: "table" })],
    ["heading in text", doc(paragraph({ type: "heading", content: [text("x")] }))],
    ["mark in code block", doc({ type: "codeBlock", content: [text("x", [{ type: "bold" }])] })],
    ["hard break in code block", doc({ type: "codeBlock", content: [{ type: "hardBreak" }] })],
    ["duplicate marks", doc(paragraph(text("x", [{ type: "bold" }, { type: "bold" }])))],
    ["empty document", doc()],
    ["nested doc", doc({ type: "doc", content: [paragraph(text("x"))] })],
    ["horizontal rule with children", doc({ type: "horizontalRule", content: [text("x")] })],
  ];
  for (const [label, input] of nesting) cases.push({ label, input });
  const shapes: [string, unknown][] = [
    ["null", null],
    ["string", "<p>hello</p>"],
    ["number", 42],
    ["array", [paragraph(text("x"))]],
    ["paragraph as root", paragraph(text("x"))],
    ["doc with object content", { type: "doc", content: { 0: paragraph(text("x")) } }],
    ["empty text", rawDoc(rawParagraph({ type: "text", text: "" }))],
    ["text that is a number", rawDoc(rawParagraph({ type: "text", text: 5 }))],
    ["text that is an object", rawDoc(rawParagraph({ type: "text", text: { toString: "x" } }))],
    ["node without type", rawDoc({ content: [text("x")] })],
    ["node type that is an object", rawDoc({ type: { name: "paragraph" } })],
    ["marks that are an object", rawDoc(rawParagraph({ type: "text", text: "x", marks: { type: "bold" } }))],
    ["mark that is a string", rawDoc(rawParagraph({ type: "text", text: "x", marks: ["bold"] }))],
    ["attrs that are a string", rawDoc({ type: "paragraph", attrs: "id=1", content: [text("x")] })],
    ["attrs that are an array", rawDoc({ type: "paragraph", attrs: ["x"], content: [text("x")] })],
    ["text with a NUL character", doc(paragraph(text("a\u0000b")))],
    ["text with an escape character", doc(paragraph(text("a\u001b[31mb")))],
    ["text with a lone surrogate", doc(paragraph(text("a\ud800b")))],
    ["link title with a NUL character", doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://x.vn", title: "a\u0000" } }])))],
  ];
  for (const [label, input] of shapes) cases.push({ label, input });
  const attributes: [string, RichNode][] = [
    ["heading level as markup", { type: "heading", attrs: { level: "1 onload=alert(1)" }, content: [text("x")] }],
    ["heading level 7", { type: "heading", attrs: { level: 7 }, content: [text("x")] }],
    ["heading level 0", { type: "heading", attrs: { level: 0 }, content: [text("x")] }],
    ["heading level 2.5", { type: "heading", attrs: { level: 2.5 }, content: [text("x")] }],
    ["heading level object", { type: "heading", attrs: { level: { valueOf: 3 } }, content: [text("x")] }],
    ["block id with quotes", { type: "paragraph", attrs: { id: "\"><script>alert(1)</script>" }, content: [text("x")] }],
    ["block id object", { type: "paragraph", attrs: { id: { $gt: "" } }, content: [text("x")] }],
    ["block id array", { type: "paragraph", attrs: { id: ["a"] }, content: [text("x")] }],
    ["block id number", { type: "paragraph", attrs: { id: 7 }, content: [text("x")] }],
    ["code language with a quote", { type: "codeBlock", attrs: { language: "js\" onclick=\"x" }, content: [text("x")] }],
    ["code language object", { type: "codeBlock", attrs: { language: { x: 1 } }, content: [text("x")] }],
    ["ordered list start string", { type: "orderedList", attrs: { start: "1\" onclick=\"x" }, content: [{ type: "listItem", content: [paragraph(text("x"))] }] }],
    ["ordered list type script", { type: "orderedList", attrs: { type: "<script>" }, content: [{ type: "listItem", content: [paragraph(text("x"))] }] }],
  ];
  const cellAttributes: [string, Record<string, unknown>][] = [
    ["cell align with css", { align: "left; background:url(javascript:alert(1))" }],
    ["cell colwidth string", { colwidth: "100px; position:fixed" }],
    ["cell colwidth objects", { colwidth: [{ px: 1 }] }],
    ["cell colspan huge", { colspan: 1e9 }],
    ["cell colspan zero", { colspan: 0 }],
    ["cell rowspan string", { rowspan: "2" }],
  ];
  for (const [label, attrs] of cellAttributes) {
    attributes.push([label, { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs, content: [paragraph(text("x"))] }] }] }]);
  }
  const linkAttributes: [string, Record<string, unknown>][] = [
    ["link without href", {}],
    ["link href number", { href: 1 }],
    ["link href object", { href: { toString: "https://x.vn" } }],
    ["link href array", { href: ["https://x.vn"] }],
    ["link class", { href: "https://x.vn", class: "evil" }],
    ["link target frame", { href: "https://x.vn", target: "top-frame" }],
    ["link title object", { href: "https://x.vn", title: { a: 1 } }],
  ];
  for (const [label, attrs] of linkAttributes) attributes.push([label, paragraph(text("x", [{ type: "link", attrs }]))]);
  for (const [label, node] of attributes) cases.push({ label, input: doc(node) });
  return cases;
}

describe("validateSectionContent", () => {
  it("accepts a section with every block and mark of the handbook and returns it in the editor's JSON shape", () => {
    const result = validateSectionContent(richSection());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(contentsEqual(result.content, richSection())).toBe(true);
    expect(result.content.content[0]?.attrs).toEqual({ id: null, level: 3 });
  });

  it("accepts tabs, newlines in code and characters outside the Basic Multilingual Plane", () => {
    const content = doc(paragraph(text("a\tb 😀 𠀀")), { type: "codeBlock", content: [text("x\n\ty")] });
    expect(validateSectionContent(content).ok).toBe(true);
  });

  it("accepts the smallest section, one empty paragraph", () => {
    expect(validateSectionContent(doc({ type: "paragraph" })).ok).toBe(true);
  });

  it("accepts content that already has block ids and keeps them", () => {
    const withIds = ensureBlockIds(richSection(), counter());
    const result = validateSectionContent(withIds);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.content.map((node) => node.attrs?.id)).toEqual(withIds.content.map((node) => node.attrs?.id));
  });

  it("accepts heading levels 1 and 2 in stored content, which render as level 3", () => {
    const content = doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] });
    expect(validateSectionContent(content).ok).toBe(true);
    expect(renderSectionHtml(content)).toBe("<h3>x</h3>");
  });

  it("normalizes decomposed Vietnamese text to NFC", () => {
    const decomposed = "Chuyển đổi số".normalize("NFD");
    const result = validateSectionContent(doc(paragraph(text(decomposed))));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.content[0]?.content?.[0]?.text).toBe("Chuyển đổi số".normalize("NFC"));
  });

  it("drops attributes the schema does not declare instead of storing them", () => {
    const result = validateSectionContent(doc({ type: "paragraph", attrs: { onclick: "alert(1)", style: "x" }, content: [text("x")] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.content[0]?.attrs).toEqual({ id: null });
  });

  const cases = badInputs();
  it("has a few hundred bad inputs to reject", () => {
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases)("rejects $label", ({ input }) => {
    const result = validateSectionContent(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    // Every problem has words in both languages, naming what is wrong.
    for (const problem of result.errors) {
      for (const locale of LOCALES) expect(describeContentProblem(messages(locale).content.problems, problem)).toMatch(/\S{3}/);
    }
  });

  it("names the unsafe link by a catalog key, worded in the reader's language", () => {
    const result = validateSectionContent(doc(paragraph(link("javascript:alert(1)"))));
    expect(result).toEqual({ ok: false, errors: [{ key: "unsafeLink", value: "javascript:alert(1)" }] });
    if (result.ok) return;
    expect(describeContentProblem(messages("vi").content.problems, result.errors[0])).toBe("Liên kết không an toàn: javascript:alert(1)");
    expect(describeContentProblem(messages("en").content.problems, result.errors[0])).toBe("Unsafe link: javascript:alert(1)");
  });

  it("rejects text longer than the section limit", () => {
    const chunk = "a".repeat(10_000);
    const paragraphs = Array.from({ length: MAX_SECTION_TEXT_CHARS / chunk.length + 1 }, () => paragraph(text(chunk)));
    const result = validateSectionContent(doc(...paragraphs));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((problem) => problem.key)).toContain("textTooLong");
  });

  it("rejects JSON larger than the byte limit before walking it", () => {
    const result = validateSectionContent(doc(paragraph(text("ư".repeat(MAX_SECTION_JSON_BYTES / 2 + 1)))));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ key: "tooLarge", max: MAX_SECTION_JSON_BYTES });
  });

  it("rejects nesting deeper than the limit without overflowing the stack", () => {
    let node: RichNode = paragraph(text("x"));
    for (let level = 0; level < MAX_NESTING_DEPTH; level += 1) node = { type: "blockquote", content: [node] };
    const result = validateSectionContent(doc(node));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((problem) => problem.key)).toContain("nestingTooDeep");
  });

  it("rejects cyclic objects", () => {
    const cyclic: Record<string, unknown> = { type: "doc", content: [] };
    (cyclic.content as unknown[]).push(cyclic);
    expect(validateSectionContent(cyclic).ok).toBe(false);
  });
});

/** The block-wise verdict the collaboration server's replica reaches: every block valid alone, and the section-wide rules. */
function validBlockWise(blocks: readonly unknown[]): boolean {
  const checks: BlockCheck[] = blocks.map(checkSectionBlock);
  const valid = checks.filter((check): check is Extract<BlockCheck, { ok: true }> => check.ok);
  return valid.length === checks.length && sectionOfBlocksIsValid(valid);
}

/** Fixed seed: the same generated sections on every run. */
const BLOCK_WISE_SEED = 20_261_203;

/** Mostly `usual`, now and then `wrong`: each piece of a generated section is rarely the one that breaks it. */
function mostly<T>(usual: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 30, arbitrary: usual }, { weight: 1, arbitrary: wrong });
}

/** Pieces of untrusted section JSON, valid and not, with sizes around the section's limits. */
function sectionArbitrary(): fc.Arbitrary<unknown[]> {
  const characters = mostly(fc.constantFrom("a", "ư", "ệ", "e\u0301", "\u0958", "😀", "\t", "\n", '"', "\\", " "), fc.constantFrom("\ud800", "\u0000", "\u001b"));
  const words = fc.array(characters, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));
  const href = mostly(fc.constantFrom("https://mof.gov.vn/a", "mailto:a@b.vn", `https://x.vn/${"p".repeat(2_000)}`), fc.constantFrom("javascript:alert(1)", ""));
  const mark = mostly<unknown>(
    fc.oneof(
      fc.constantFrom({ type: "bold" }, { type: "italic" }, { type: "code" }, { type: "strike" }, { type: "bold", attrs: { x: 1 } }),
      href.map((value) => ({ type: "link", attrs: { href: value } })),
    ),
    fc.constant({ type: "script" }),
  );
  const textNode = fc.record({ type: fc.constant("text"), text: words, marks: fc.option(fc.array(mark, { maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ["type", "text"] });
  const blockId = fc.option(mostly(fc.constantFrom("b1", "b2"), fc.constantFrom("bad id!", "x".repeat(65))), { nil: undefined });
  const inline = fc.array(fc.oneof({ weight: 5, arbitrary: textNode }, { weight: 1, arbitrary: fc.constant({ type: "hardBreak" }) }), { maxLength: 4 });
  const paragraphNode = fc.record({ type: fc.constant("paragraph"), attrs: blockId.map((id) => (id === undefined ? undefined : { id })), content: inline }, { requiredKeys: ["type"] });
  const bigParagraph = fc.integer({ min: 0, max: MAX_SECTION_TEXT_CHARS }).map((chars) => paragraph(text("a".repeat(Math.max(1, chars)))));
  // Each link mark with a long href weighs about 2 KiB of JSON for one character of text.
  const heavyParagraph = fc.integer({ min: 1, max: 700 }).map((nodes) =>
    paragraph(...Array.from({ length: nodes }, (_, index) => text(index % 2 ? "a" : "b", [{ type: "link", attrs: { href: `https://x.vn/${"p".repeat(2_000)}` } }]))),
  );
  const leaf = fc.oneof(
    { weight: 6, arbitrary: paragraphNode },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("heading"), attrs: fc.record({ level: mostly(fc.constantFrom(1, 3, 6), fc.constantFrom(7, "3")) }), content: inline }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("codeBlock"), attrs: fc.record({ language: mostly(fc.constantFrom(null, "ts"), fc.constant("<x>")) }), content: fc.array(fc.record({ type: fc.constant("text"), text: words }), { maxLength: 2 }) }) },
    { weight: 1, arbitrary: fc.constant({ type: "horizontalRule" }) },
    { weight: 1, arbitrary: fc.constantFrom({ type: "script", content: [text("x")] }, text("stray"), { type: "doc" }, null, "paragraph", { type: "paragraph", content: "x" }, { type: "paragraph", content: [text("x", [{ type: "code" }]), text("y")], marks: [{ type: "bold" }] }) },
  );
  const nested = fc.letrec<{ block: unknown }>((tie) => ({
    block: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.record({ type: fc.constant("blockquote"), content: fc.array(tie("block"), { minLength: 1, maxLength: 2 }) }),
      fc.record({ type: fc.constantFrom("bulletList", "orderedList"), content: fc.array(fc.record({ type: fc.constant("listItem"), content: fc.tuple(paragraphNode, fc.array(tie("block"), { maxLength: 1 })).map(([first, rest]) => [first, ...rest]) }), { minLength: 1, maxLength: 2 }) }),
      fc.record({ type: fc.constant("table"), content: fc.array(fc.record({ type: fc.constant("tableRow"), content: fc.array(fc.record({ type: fc.constantFrom("tableCell", "tableHeader"), content: fc.array(tie("block"), { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }) }),
    ),
  })).block;
  const deep = fc.integer({ min: MAX_NESTING_DEPTH - 3, max: MAX_NESTING_DEPTH + 1 }).map((levels) => {
    let node: unknown = paragraph(text("x"));
    for (let level = 0; level < levels; level += 1) node = { type: "blockquote", content: [node] };
    return node;
  });
  const block = fc.oneof({ weight: 24, arbitrary: nested }, { weight: 1, arbitrary: bigParagraph }, { weight: 1, arbitrary: heavyParagraph }, { weight: 1, arbitrary: deep });
  return fc.oneof({ weight: 20, arbitrary: fc.array(block, { minLength: 1, maxLength: 6 }) }, { weight: 1, arbitrary: fc.constant<unknown[]>([]) });
}

describe("block-wise validation (what the collaboration server checks per changed block)", () => {
  it("accepts exactly the sections validateSectionContent accepts (randomized, fixed seed)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(sectionArbitrary(), (blocks) => {
        const full = validateSectionContent({ type: "doc", content: blocks }).ok;
        if (full) accepted += 1;
        expect(validBlockWise(blocks)).toBe(full);
      }),
      { seed: BLOCK_WISE_SEED, numRuns: 400 },
    );
    // Both verdicts occur, or the property proves little.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(380);
  });

  it("agrees with validateSectionContent on every bad input above and on the sections at each limit", () => {
    const inputs = [...badInputs().map((entry) => entry.input), richSection()];
    const atLimit = (chars: number) => doc(...Array.from({ length: chars / 10_000 }, () => paragraph(text("a".repeat(10_000)))));
    inputs.push(atLimit(MAX_SECTION_TEXT_CHARS), doc(...(atLimit(MAX_SECTION_TEXT_CHARS).content ?? []), paragraph(text("a"))), doc());
    let compared = 0;
    for (const input of inputs) {
      if (typeof input !== "object" || input === null) continue;
      const { type, content } = input as { type?: unknown; content?: unknown };
      if (type !== "doc" || !Array.isArray(content)) continue;
      compared += 1;
      expect(validBlockWise(content), JSON.stringify(input).slice(0, 200)).toBe(validateSectionContent(input).ok);
    }
    expect(compared).toBeGreaterThan(150);
  });

  it("counts the section's JSON bytes to the byte, across blocks", () => {
    const linked = text("a", [{ type: "link", attrs: { href: `https://x.vn/${"p".repeat(2_000)}` } }]);
    /** Blocks heavy with link marks, then one paragraph whose text makes the section exactly `bytes` long. */
    const sectionOfBytes = (bytes: number): SectionContent => {
      const blocks: RichNode[] = [];
      const size = () => JSON.stringify(doc(...blocks)).length;
      while (size() < bytes - 60_000) blocks.push(paragraph(...Array.from({ length: 20 }, () => linked)));
      const padding = bytes - size() - 1 - JSON.stringify(paragraph(text(""))).length;
      blocks.push(paragraph(text("a".repeat(padding))));
      return doc(...blocks);
    };
    for (const [bytes, valid] of [[MAX_SECTION_JSON_BYTES, true], [MAX_SECTION_JSON_BYTES + 1, false]] as const) {
      const section = sectionOfBytes(bytes);
      expect(new TextEncoder().encode(JSON.stringify(section)).length).toBe(bytes);
      expect(validateSectionContent(section).ok).toBe(valid);
      expect(validBlockWise(section.content ?? [])).toBe(valid);
    }
  });
});

describe("renderSectionHtml", () => {
  it("renders every block with its anchor id and escapes text", () => {
    const html = renderSectionHtml(ensureBlockIds(richSection(), counter()));
    expect(html).toContain('<h3 id="b-blk1">Mục tiêu chuyển đổi số</h3>');
    expect(html).toContain('<a href="https://chinhphu.vn/" rel="noopener noreferrer">Cổng thông tin</a>');
    expect(html).toContain("<code>npm test</code>");
    expect(html).toContain("const x = 1 &lt; 2;");
    expect(html).toContain('<ol id="b-');
    expect(html).toContain('start="3"');
    expect(html).toContain("<th");
    expect(html).toContain("<br/>");
  });

  it("renders a block without an id without an id attribute", () => {
    expect(renderSectionHtml(doc(paragraph(text("x"))))).toBe("<p>x</p>");
  });

  it("escapes markup inside text and attribute values", () => {
    const html = renderSectionHtml(
      doc(paragraph(text("<script>alert(1)</script> & \"x\""), link('https://x.vn/?a="><script>', "y"))),
    );
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    expect(html).toContain('href="https://x.vn/?a=&quot;&gt;&lt;script&gt;"');
  });

  it("keeps the text of an unsafe link but drops the anchor", () => {
    expect(renderSectionHtml(doc(paragraph(link("javascript:alert(1)", "xem"))))).toBe("<p>xem</p>");
  });

  it("ignores stored target, rel and class on links", () => {
    const html = renderSectionHtml(
      doc(paragraph(text("x", [{ type: "link", attrs: { href: "https://x.vn", target: "_top", rel: "opener", class: "c" } }]))),
    );
    expect(html).toBe('<p><a href="https://x.vn" rel="noopener noreferrer">x</a></p>');
  });

  it("never emits script, javascript: or event handler attributes for any bad input, even without validation", () => {
    for (const { label, input } of badInputs()) {
      const html = renderSectionHtml(input as SectionContent);
      expect(html, label).not.toMatch(/<script/i);
      expect(html, label).not.toMatch(/javascript:/i);
      expect(html, label).not.toMatch(/vbscript:/i);
      expect(html, label).not.toMatch(/data:/i);
      expect(html, label).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, label).not.toMatch(/<(iframe|img|svg|object|embed)/i);
      expect(html, label).not.toMatch(/url\(/i);
    }
  });

  it("renders what it can of content with unknown nodes and attributes", () => {
    const html = renderSectionHtml(
      doc(
        { type: "script", content: [text("alert(1)")] },
        { type: "heading", attrs: { level: "1 onload=alert(1)", id: "x\" onclick=\"y" }, content: [text("Tiêu đề")] },
        paragraph(text("giữ lại", [{ type: "mystery" }])),
      ),
    );
    expect(html).toBe("<h3>Tiêu đề</h3><p>giữ lại</p>");
  });
});

describe("ensureBlockIds", () => {
  it("gives every block type that UniqueID covers an id", () => {
    const content = ensureBlockIds(richSection());
    const blocks = collect(content).filter((node) => (HANDBOOK_BLOCK_TYPES as readonly string[]).includes(node.type));
    expect(blocks.length).toBeGreaterThan(10);
    for (const node of blocks) expect(node.attrs?.id, node.type).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(blocks.map((node) => node.attrs?.id)).size).toBe(blocks.length);
  });

  it("is deterministic with an id factory and keeps ids that are already there", () => {
    const once = ensureBlockIds(richSection(), counter());
    expect(ensureBlockIds(richSection(), counter())).toEqual(once);
    expect(ensureBlockIds(once, counter("other"))).toEqual(once);
  });

  it("replaces null, empty, malformed and duplicated ids", () => {
    const content = doc(
      { type: "paragraph", attrs: { id: null } },
      { type: "paragraph", attrs: { id: "" } },
      { type: "paragraph", attrs: { id: "bad id" } },
      { type: "paragraph", attrs: { id: "same" } },
      { type: "paragraph", attrs: { id: "same" } },
    );
    const ids = ensureBlockIds(content, counter()).content.map((node) => node.attrs?.id);
    expect(ids).toEqual(["blk1", "blk2", "blk3", "same", "blk4"]);
  });

  it("leaves text, table rows and cells without ids and does not modify its input", () => {
    const input = richSection();
    const before = JSON.stringify(input);
    const content = ensureBlockIds(input, counter());
    expect(JSON.stringify(input)).toBe(before);
    for (const node of collect(content)) {
      if (["text", "tableRow", "tableCell", "tableHeader", "hardBreak", "doc"].includes(node.type)) {
        expect(node.attrs?.id, node.type).toBeUndefined();
      }
    }
  });
});

describe("Y.Doc conversions", () => {
  it("round-trips a section through a Y.Doc without changing it", () => {
    const content = ensureBlockIds(richSection(), counter());
    const back = yDocToContent(contentToYDoc(content));
    expect(contentsEqual(back, content)).toBe(true);
    expect(back.content[0]?.attrs?.id).toBe("blk1");
  });

  it("drops elements a raw client wrote that the schema does not know, without changing the live document", () => {
    const live = contentToYDoc(doc(paragraph(text("giữ"))));
    const fragment = live.getXmlFragment("default");
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    fragment.insert(1, [script]);
    let updates = 0;
    live.on("update", () => {
      updates += 1;
    });
    const content = yDocToContent(live);
    expect(contentsEqual(content, doc(paragraph(text("giữ"))))).toBe(true);
    expect(updates).toBe(0);
    expect(fragment.length).toBe(2);
  });

  it("gives an empty paragraph for an empty Y.Doc", () => {
    expect(yDocToContent(new Y.Doc())).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("replaces the content of a live document in one transaction that a second replica receives", () => {
    const server = contentToYDoc(ensureBlockIds(richSection(), counter()));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
    const replacement = ensureBlockIds(
      doc({ type: "heading", attrs: { level: 4 }, content: [text("Mới")] }, paragraph(text("Nội dung thay thế"))),
      counter("new"),
    );
    let transactions = 0;
    server.on("afterTransaction", () => {
      transactions += 1;
    });
    server.on("update", (update: Uint8Array) => Y.applyUpdate(replica, update));
    applyContentToYDoc(server, replacement, "api");
    expect(transactions).toBe(1);
    expect(contentsEqual(yDocToContent(server), replacement)).toBe(true);
    expect(contentsEqual(yDocToContent(replica), replacement)).toBe(true);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    expect(contentsEqual(yDocToContent(fresh), replacement)).toBe(true);
  });

  it("keeps unchanged blocks when only one paragraph changes", () => {
    const original = ensureBlockIds(doc(paragraph(text("một")), paragraph(text("hai"))), counter());
    const server = contentToYDoc(original);
    const firstElement = server.getXmlFragment("default").get(0);
    const edited: SectionContent = { ...original, content: [original.content[0] as RichNode, { ...original.content[1], content: [text("ba")] } as RichNode] };
    applyContentToYDoc(server, edited);
    expect(server.getXmlFragment("default").get(0)).toBe(firstElement);
    expect(contentsEqual(yDocToContent(server), edited)).toBe(true);
  });
});

describe("contentsEqual", () => {
  it("treats missing and null attributes as equal", () => {
    expect(contentsEqual(doc(paragraph(text("x"))), doc({ type: "paragraph", attrs: { id: null }, content: [text("x")] }))).toBe(true);
  });

  it("sees a change of text, mark or id", () => {
    expect(contentsEqual(doc(paragraph(text("x"))), doc(paragraph(text("y"))))).toBe(false);
    expect(contentsEqual(doc(paragraph(text("x"))), doc(paragraph(text("x", [{ type: "bold" }]))))).toBe(false);
    expect(
      contentsEqual(doc({ type: "paragraph", attrs: { id: "a" } }), doc({ type: "paragraph", attrs: { id: "b" } })),
    ).toBe(false);
  });
});
