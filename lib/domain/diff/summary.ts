import type { DocumentDiff, FormatChange, SectionDiff } from "./types";
import { blockWordCounts } from "./document-diff";

/**
 * One-line descriptions of a diff, in Vietnamese first and English: for version history
 * lists, notifications and feed entries, where there is no room for the diff itself.
 */

export type DiffLocale = "vi" | "en";

/** "Mục “Lời tổng kết”: thêm 12 từ, xóa 5 từ" or "2 mục thay đổi: +12 −5 từ; 1 mục mới". */
export function summarizeDiff(diff: DocumentDiff, locale: DiffLocale): string {
  const affected = diff.sections.filter((section) => section.status !== "unchanged" || section.moved);
  const documentRenamed = diff.titleBefore !== diff.titleAfter;
  const parts: string[] = [];
  if (documentRenamed) parts.push(locale === "vi" ? `Tài liệu đổi tên thành “${diff.titleAfter}”` : `Document renamed to “${diff.titleAfter}”`);
  if (affected.length === 1) parts.push(describeSection(affected[0], locale));
  if (affected.length > 1) parts.push(describeSections(diff, affected.length, locale));
  if (parts.length > 0) return parts.join("; ");
  if (diff.slugBefore !== diff.slugAfter) return locale === "vi" ? `Đổi đường dẫn thành “${diff.slugAfter}”` : `Address changed to “${diff.slugAfter}”`;
  return locale === "vi" ? "Không có thay đổi" : "No changes";
}

function describeSection(section: SectionDiff, locale: DiffLocale): string {
  const vi = locale === "vi";
  const title = section.titleAfter ?? section.titleBefore ?? section.sectionId;
  const counts = sectionWordCounts(section);
  if (section.status === "added") {
    return vi ? `Thêm mục “${title}” (${counts.added} từ)` : `Added section “${title}” (${wordCount(counts.added)})`;
  }
  if (section.status === "removed") {
    return vi ? `Xóa mục “${title}” (${counts.removed} từ)` : `Removed section “${title}” (${wordCount(counts.removed)})`;
  }
  const parts: string[] = [];
  if (section.renamed) parts.push(vi ? `đổi tên từ “${section.titleBefore}”` : `renamed from “${section.titleBefore}”`);
  if (section.moved) parts.push(vi ? "chuyển vị trí" : "moved");
  if (counts.added > 0) parts.push(vi ? `thêm ${counts.added} từ` : wordsPhrase(counts.added, "added"));
  if (counts.removed > 0) parts.push(vi ? `xóa ${counts.removed} từ` : wordsPhrase(counts.removed, "removed"));
  if (parts.length === 0) parts.push(otherChangePhrase(section, locale));
  return `${vi ? "Mục" : "Section"} “${title}”: ${parts.join(", ")}`;
}

function describeSections(diff: DocumentDiff, count: number, locale: DiffLocale): string {
  const { stats } = diff;
  if (locale === "vi") {
    const extras = [
      stats.sectionsAdded > 0 ? `${stats.sectionsAdded} mục mới` : "",
      stats.sectionsRemoved > 0 ? `${stats.sectionsRemoved} mục bị xóa` : "",
      stats.sectionsMoved > 0 ? `${stats.sectionsMoved} mục chuyển vị trí` : "",
      stats.sectionsRenamed > 0 ? `${stats.sectionsRenamed} mục đổi tên` : "",
    ].filter(Boolean);
    const head = `${count} mục thay đổi: +${stats.wordsAdded} −${stats.wordsRemoved} từ`;
    return extras.length > 0 ? `${head}; ${extras.join(", ")}` : head;
  }
  const extras = [
    stats.sectionsAdded > 0 ? `${stats.sectionsAdded} added` : "",
    stats.sectionsRemoved > 0 ? `${stats.sectionsRemoved} removed` : "",
    stats.sectionsMoved > 0 ? `${stats.sectionsMoved} moved` : "",
    stats.sectionsRenamed > 0 ? `${stats.sectionsRenamed} renamed` : "",
  ].filter(Boolean);
  const head = `${count} sections changed: +${stats.wordsAdded} −${stats.wordsRemoved} words`;
  return extras.length > 0 ? `${head}; ${extras.join(", ")}` : head;
}

/** What to say about a section whose words did not change: its address, formatting or order. */
function otherChangePhrase(section: SectionDiff, locale: DiffLocale): string {
  const vi = locale === "vi";
  if (section.slugBefore !== section.slugAfter) return vi ? "đổi đường dẫn" : "address changed";
  if (section.blocks.some((block) => block.moved)) return vi ? "sắp xếp lại đoạn" : "paragraphs reordered";
  return vi ? "thay đổi định dạng" : "formatting changed";
}

function sectionWordCounts(section: SectionDiff): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const block of section.blocks) {
    const counts = blockWordCounts(block);
    added += counts.added;
    removed += counts.removed;
  }
  return { added, removed };
}

function wordsPhrase(count: number, verb: "added" | "removed"): string {
  return `${wordCount(count)} ${verb}`;
}

function wordCount(count: number): string {
  return `${count} ${count === 1 ? "word" : "words"}`;
}

const NODE_TYPE_NAMES: Record<DiffLocale, Record<string, string>> = {
  vi: {
    paragraph: "đoạn văn",
    heading: "tiêu đề",
    bulletList: "danh sách",
    orderedList: "danh sách đánh số",
    listItem: "mục danh sách",
    blockquote: "trích dẫn",
    codeBlock: "khối mã",
    table: "bảng",
    horizontalRule: "đường kẻ ngang",
    image: "hình ảnh",
  },
  en: {
    paragraph: "paragraph",
    heading: "heading",
    bulletList: "bulleted list",
    orderedList: "numbered list",
    listItem: "list item",
    blockquote: "quotation",
    codeBlock: "code block",
    table: "table",
    horizontalRule: "horizontal rule",
    image: "image",
  },
};

const MARK_NAMES: Record<DiffLocale, Record<string, string>> = {
  vi: {
    bold: "in đậm",
    italic: "in nghiêng",
    underline: "gạch chân",
    strike: "gạch ngang",
    code: "định dạng mã",
    link: "liên kết",
    highlight: "tô sáng",
    subscript: "chỉ số dưới",
    superscript: "chỉ số trên",
  },
  en: {
    bold: "bold",
    italic: "italic",
    underline: "underline",
    strike: "strikethrough",
    code: "code formatting",
    link: "link",
    highlight: "highlight",
    subscript: "subscript",
    superscript: "superscript",
  },
};

/** "cấp tiêu đề 3 → 4", "thêm in đậm" / "heading level 3 → 4", "bold added". */
export function describeFormatChange(change: FormatChange, locale: DiffLocale): string {
  const vi = locale === "vi";
  switch (change.kind) {
    case "nodeType":
      return `${vi ? "kiểu khối" : "block type"}: ${nodeTypeName(change.from, locale)} → ${nodeTypeName(change.to, locale)}`;
    case "headingLevel":
      return `${vi ? "cấp tiêu đề" : "heading level"} ${change.from} → ${change.to}`;
    case "attribute": {
      const empty = vi ? "(trống)" : "(none)";
      return `${vi ? "thuộc tính" : "attribute"} ${change.name}: ${change.from ?? empty} → ${change.to ?? empty}`;
    }
    case "mark": {
      const name = MARK_NAMES[locale][change.mark] ?? change.mark;
      if (!vi) return `${name} ${change.change}`;
      const verb = { added: "thêm", removed: "bỏ", changed: "đổi" }[change.change];
      return `${verb} ${name}`;
    }
    case "structure":
      return vi ? "cấu trúc thay đổi" : "structure changed";
  }
}

function nodeTypeName(type: string, locale: DiffLocale): string {
  return NODE_TYPE_NAMES[locale][type] ?? type;
}
