import { describe, expect, it } from "vitest";
import { escapeHtml } from "../escape";
import { exportFileName, versionHtml, versionMarkdown, type ExportMetadata } from "./export-formats";

const meta: ExportMetadata = {
  documentSlug: "cam-nang",
  documentTitle: "Cẩm nang \"chuyển đổi\" số",
  number: 3,
  hash: "a".repeat(64),
  prevHash: "b".repeat(64),
  publishedAt: new Date("2026-02-03T04:05:06Z"),
  permalink: "https://camnang.example/cam-nang/v/3",
};

describe("version exports", () => {
  it("names files by document and version", () => {
    expect(exportFileName("cam-nang", 3, "md")).toBe("cam-nang-v3.md");
    expect(exportFileName("cam-nang", 12, "html")).toBe("cam-nang-v12.html");
  });

  it("writes Markdown with provenance in front matter, then the chapter", () => {
    const markdown = versionMarkdown(meta, "## Mở đầu\n\nChính phủ số là gì?\n");
    expect(markdown.split("\n").slice(0, 9)).toEqual([
      "---",
      'title: "Cẩm nang \\"chuyển đổi\\" số"',
      'document: "cam-nang"',
      "version: 3",
      'published: "2026-02-03T04:05:06.000Z"',
      `sha256: "${"a".repeat(64)}"`,
      `previous_sha256: "${"b".repeat(64)}"`,
      'source: "https://camnang.example/cam-nang/v/3"',
      "---",
    ]);
    expect(markdown.endsWith("---\n\n## Mở đầu\n\nChính phủ số là gì?\n")).toBe(true);
  });

  it("writes null for the first version's previous hash", () => {
    expect(versionMarkdown({ ...meta, prevHash: null }, "")).toContain("previous_sha256: null\n");
  });

  it("writes a standalone UTF-8 HTML page with inline styles, the number, hash and date", () => {
    const html = versionHtml(
      meta,
      {
        lang: "vi",
        version: "Phiên bản",
        published: "Ban hành",
        hash: "Mã băm SHA-256",
        previousHash: "Mã băm phiên bản trước",
        none: "(không có)",
        contents: "Mục lục",
        source: "Nguồn",
        publishedText: "3 thg 2, 2026 11:05",
      },
      [{ slug: "mo-dau", title: "Mở <đầu>", html: "<p>Chính phủ số</p>" }],
    );
    expect(html.startsWith("<!doctype html>\n<html lang=\"vi\">")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link |src=/);
    expect(html).toContain("<title>Cẩm nang &quot;chuyển đổi&quot; số — Phiên bản 3</title>");
    expect(html).toContain(`<code>${"a".repeat(64)}</code>`);
    expect(html).toContain('<time datetime="2026-02-03T04:05:06.000Z">3 thg 2, 2026 11:05</time>');
    expect(html).toContain('<section id="mo-dau">\n<h2>Mở &lt;đầu&gt;</h2>\n<p>Chính phủ số</p>');
    expect(html).toContain("@media print");
  });

  it("escapes HTML specials", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
