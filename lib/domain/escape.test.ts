import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, escapeXml, stripXmlForbidden } from "./escape";

describe("the one escape module", () => {
  it("escapes the five HTML specials, in text and in attribute values alike", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("leaves no special character unescaped and is undone by unescaping (fixed seed)", () => {
    const unescape = (text: string) => text.replace(/&(lt|gt|quot|#39|apos|amp);/g, (_whole, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", amp: "&" })[name]!);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
        expect(unescape(html)).toBe(text);
        const xml = escapeXml(text);
        expect(xml).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|apos;)/);
        expect(unescape(xml)).toBe(stripXmlForbidden(text));
      }),
      { seed: 20261223, numRuns: 500 },
    );
  });

  it("removes what XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone surrogates) and keeps the rest", () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    expect(escapeXml("x\u0000y\u001Fz\uFFFE\tq\n\r")).toBe("xyz\tq\n\r");
    expect(escapeXml("lone \uD800 and \uDC00 surrogates")).toBe("lone  and  surrogates");
    expect(escapeXml("pair 𝔸 kept, Tiếng Việt kept")).toBe("pair 𝔸 kept, Tiếng Việt kept");
  });
});
