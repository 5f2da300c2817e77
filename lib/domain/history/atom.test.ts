import { describe, expect, it } from "vitest";
import { escapeXml } from "../escape";
import { sampleAtomEntry as entry, sampleAtomFeed as feed } from "../fixtures/atom-feed";

describe("Atom feeds", () => {
  it("escapes the five XML specials and drops characters XML forbids", () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    expect(escapeXml("x\u0000y\u001Fz\uFFFE\tq\n")).toBe("xyz\tq\n");
    expect(escapeXml("lone \uD800 surrogate")).toBe("lone  surrogate");
    expect(escapeXml("pair 𝔸 kept")).toBe("pair 𝔸 kept");
  });

  it("writes a feed with one entry per version, links escaped in attributes", () => {
    const xml = feed([entry(), entry({ id: "https://camnang.example/cam-nang/v/1", title: "Phiên bản 1" })]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).toContain('href="https://camnang.example/cam-nang/so-sanh?from=1&amp;to=2"');
    expect(xml).toContain("<title>Phiên bản 2: Sửa lỗi &lt;định dạng&gt; &amp; chính tả</title>");
    expect(xml).toContain("<updated>2026-03-01T02:03:04.000Z</updated>");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it("carries content as HTML escaped twice, so markup in stored text stays text", () => {
    const xml = feed([entry()]);
    expect(xml).toContain("<content type=\"html\">&lt;p&gt;Dòng &amp;lt;b&amp;gt;một&amp;lt;/b&amp;gt;&lt;/p&gt;");
  });

  it("dates the feed by its newest entry, or the fallback when empty", () => {
    expect(feed([entry()])).toContain("  <updated>2026-03-01T02:03:04.000Z</updated>\n  <link rel=\"self\"");
    const empty = feed([]);
    expect(empty).toContain("<updated>1970-01-01T00:00:00.000Z</updated>");
    expect(empty).not.toContain("<entry>");
  });

  it("balances every element it opens", () => {
    const xml = feed([entry(), entry()]);
    for (const tag of ["feed", "entry", "title", "id", "updated", "author", "name", "summary", "content"]) {
      const opened = xml.match(new RegExp(`<${tag}[\\s>]`, "g"))?.length ?? 0;
      const closed = xml.match(new RegExp(`</${tag}>`, "g"))?.length ?? 0;
      expect([tag, opened]).toEqual([tag, closed]);
    }
  });
});
