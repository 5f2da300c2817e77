import { describe, expect, it } from "vitest";
import { sanitizePastedHtml } from "./paste-html";

describe("HTML pasted into the editor, cleaned as a string before any DOM parses it", () => {
  it("loses every inline handler, script, frame, form, SVG and javascript: URL, and keeps the text", () => {
    const hostile = [
      '<p onclick="alert(1)">Đoạn <b onmouseover="alert(2)">đậm</b></p>',
      '<img src="x" onerror="alert(3)">',
      "<script>alert(4)</script>",
      '<a href="javascript:alert(5)">liên kết</a>',
      '<a href=" JaVaScRiPt:alert(5)">hai</a>',
      '<iframe src="https://evil.example" srcdoc="<script>alert(9)</script>"></iframe>',
      '<form action="https://evil.example"><input autofocus onfocus="alert(6)"></form>',
      '<svg><animate onbegin="alert(7)"/></svg>',
      '<details open ontoggle="alert(8)"><summary>tóm tắt</summary></details>',
      "<style>@import 'https://evil.example/x.css';</style>",
      '<div style="background:url(javascript:alert(10))" data-x="1">khối</div>',
      '<p/onmouseover=alert(11)>lệch</p>',
      "<noscript><p title=\"</noscript><img src=x onerror=alert(12)>\"></noscript>",
    ].join("");
    const clean = sanitizePastedHtml(hostile);
    expect(clean).not.toMatch(/on[a-z]+\s*=/i);
    expect(clean).not.toMatch(/<(script|iframe|form|input|svg|style|img|details|noscript)\b/i);
    expect(clean).not.toMatch(/javascript:|style=|srcdoc/i);
    expect(clean).toContain("<p>Đoạn <b>đậm</b></p>");
    for (const text of ["liên kết", "hai", "tóm tắt", "khối", "lệch"]) expect(clean).toContain(text);
  });

  it("keeps what the schema reads: headings, lists, tables, safe links and ProseMirror's slice marker", () => {
    const html = '<h2>Mục</h2><ol start="3"><li>một</li></ol><table><tbody><tr><td colspan="2">ô</td></tr></tbody></table><p data-pm-slice="1 1 []"><a href="https://camnang.gov.vn/">trang</a> <a href="mailto:lan@mof.gov.vn">thư</a></p>';
    const clean = sanitizePastedHtml(html);
    expect(clean).toContain("<h2>Mục</h2>");
    expect(clean).toContain('<ol start="3"><li>một</li></ol>');
    expect(clean).toContain('<td colspan="2">ô</td>');
    expect(clean).toContain('data-pm-slice="1 1 []"');
    expect(clean).toContain('href="https://camnang.gov.vn/"');
    expect(clean).toContain('href="mailto:lan@mof.gov.vn"');
  });
});
