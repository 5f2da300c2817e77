import type { DiffLocale } from "@/lib/domain/diff";

/** Every word the diff views show, Vietnamese first; the product's vocabulary (Thêm, Xóa, Mục). */
export interface DiffLabels {
  regionLabel: string;
  legendTitle: string;
  legendInserted: string;
  legendDeleted: string;
  legendNote: string;
  /** Read out before inserted and deleted text, which sighted readers tell apart by underline and strikethrough. */
  insertedPrefix: string;
  deletedPrefix: string;
  previousChange: string;
  nextChange: string;
  firstChange: string;
  navigationLabel: string;
  changeCounter: (number: number, total: number) => string;
  unchangedBlocks: (count: number) => string;
  unchangedSections: (count: number) => string;
  sectionAdded: string;
  sectionRemoved: string;
  sectionMoved: (from: number, to: number) => string;
  sectionRenamed: (previousTitle: string) => string;
  slugChanged: (previousSlug: string, slug: string) => string;
  blockMoved: (from: number) => string;
  blockRewritten: string;
  formatChanged: string;
  before: string;
  after: string;
  emptyCell: string;
  noChanges: string;
  imageAlt: (alt: string) => string;
}

export const DIFF_LABELS: Record<DiffLocale, DiffLabels> = {
  vi: {
    regionLabel: "So sánh phiên bản",
    legendTitle: "Chú giải",
    legendInserted: "Thêm",
    legendDeleted: "Xóa",
    legendNote: "Nội dung thêm được gạch chân trên nền xanh, nội dung xóa được gạch ngang trên nền đỏ.",
    insertedPrefix: "Thêm: ",
    deletedPrefix: "Xóa: ",
    previousChange: "Thay đổi trước",
    nextChange: "Thay đổi sau",
    firstChange: "Đến thay đổi đầu tiên",
    navigationLabel: "Điều hướng giữa các thay đổi",
    changeCounter: (number, total) => `Thay đổi ${number}/${total}`,
    unchangedBlocks: (count) => `${count} đoạn không đổi`,
    unchangedSections: (count) => `${count} mục không đổi`,
    sectionAdded: "Mục mới",
    sectionRemoved: "Mục bị xóa",
    sectionMoved: (from, to) => `Chuyển vị trí: từ thứ ${from} sang thứ ${to}`,
    sectionRenamed: (previousTitle) => `Đổi tên, tên cũ: “${previousTitle}”`,
    slugChanged: (previousSlug, slug) => `Đổi đường dẫn: ${previousSlug} → ${slug}`,
    blockMoved: (from) => `Chuyển vị trí, trước đây là đoạn thứ ${from}`,
    blockRewritten: "Viết lại toàn bộ đoạn",
    formatChanged: "Định dạng",
    before: "Trước",
    after: "Sau",
    emptyCell: "(không có)",
    noChanges: "Không có thay đổi",
    imageAlt: (alt) => `[Hình ảnh${alt ? `: ${alt}` : ""}]`,
  },
  en: {
    regionLabel: "Version comparison",
    legendTitle: "Legend",
    legendInserted: "Added",
    legendDeleted: "Removed",
    legendNote: "Added text is underlined on green, removed text is struck through on red.",
    insertedPrefix: "Added: ",
    deletedPrefix: "Removed: ",
    previousChange: "Previous change",
    nextChange: "Next change",
    firstChange: "Go to the first change",
    navigationLabel: "Move between changes",
    changeCounter: (number, total) => `Change ${number} of ${total}`,
    unchangedBlocks: (count) => `${count} unchanged ${count === 1 ? "paragraph" : "paragraphs"}`,
    unchangedSections: (count) => `${count} unchanged ${count === 1 ? "section" : "sections"}`,
    sectionAdded: "New section",
    sectionRemoved: "Section removed",
    sectionMoved: (from, to) => `Moved from position ${from} to ${to}`,
    sectionRenamed: (previousTitle) => `Renamed, formerly “${previousTitle}”`,
    slugChanged: (previousSlug, slug) => `Address changed: ${previousSlug} → ${slug}`,
    blockMoved: (from) => `Moved, formerly paragraph ${from}`,
    blockRewritten: "Paragraph rewritten",
    formatChanged: "Formatting",
    before: "Before",
    after: "After",
    emptyCell: "(none)",
    noChanges: "No changes",
    imageAlt: (alt) => `[Image${alt ? `: ${alt}` : ""}]`,
  },
};
