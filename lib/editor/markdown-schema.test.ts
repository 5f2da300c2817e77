import { describe, expect, it } from "vitest";
import { markdownToSections, sectionToMarkdown } from "./markdown";
import { contentsEqual, ensureBlockIds, renderSectionHtml, validateSectionContent } from "./content";

const CHAPTER = `Lời mở đầu của **Cẩm nang** chuyển đổi số.

# Chương 1. Nhận thức

## 1.1 Chuyển đổi số là gì?

Chuyển đổi số là quá trình thay đổi *tổng thể và toàn diện*, xem [Cổng Chính phủ](https://chinhphu.vn "Cổng").

### Ba trụ cột

1. Chính phủ số
2. Kinh tế số
   - thương mại điện tử
   - ~~tiền mặt~~ thanh toán không dùng tiền mặt
3. Xã hội số

> Lấy người dân và doanh nghiệp làm trung tâm.\\
> — Chỉ thị

| Chỉ tiêu | Năm 2025 |
|:--|--:|
| Dịch vụ công trực tuyến | 80% |
| Liên hệ | <mailto:lienhe@mic.gov.vn> |

\`\`\`json
{ "a": 1 }
\`\`\`

---

Gõ \`npm test\` và <u>gạch dưới</u>.
`;

describe("Markdown import against the handbook schema", () => {
  const sections = markdownToSections(CHAPTER);

  it("gives sections that the validator accepts", () => {
    expect(sections.map((section) => section.title)).toEqual([
      "Lời mở đầu của Cẩm nang chuyển đổi số.",
      "Chương 1. Nhận thức",
      "1.1 Chuyển đổi số là gì?",
    ]);
    for (const section of sections) {
      const result = validateSectionContent(ensureBlockIds(section.content));
      expect(result.ok ? [] : result.errors, section.title).toEqual([]);
    }
  });

  it("survives export and re-import unchanged as a ProseMirror document", () => {
    for (const section of sections) {
      const validated = validateSectionContent(section.content);
      if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
      const markdown = sectionToMarkdown(validated.content);
      if (markdown === "") {
        // An empty section has no Markdown, and no Markdown gives no section.
        expect(markdownToSections(markdown)).toEqual([]);
        continue;
      }
      const [again] = markdownToSections(markdown);
      expect(again, section.title).toBeDefined();
      expect(contentsEqual(again?.content ?? validated.content, validated.content), section.title).toBe(true);
    }
  });

  it("renders the imported chapter to HTML for readers", () => {
    const body = sections[2];
    if (!body) throw new Error("missing section");
    const html = renderSectionHtml(body.content);
    expect(html).toContain("<h3>Ba trụ cột</h3>");
    expect(html).toContain('<a href="https://chinhphu.vn" rel="noopener noreferrer" title="Cổng">Cổng Chính phủ</a>');
    expect(html).toContain("<s>tiền mặt</s>");
    expect(html).toContain('<a href="mailto:lienhe@mic.gov.vn" rel="noopener noreferrer">');
    expect(html).toContain('<code class="language-json">');
    expect(html).toContain("<u>gạch dưới</u>");
  });
});
