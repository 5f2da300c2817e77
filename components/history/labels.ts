import type { Locale } from "@/lib/i18n/locales";

/** Words of the history, compare, blame, search, export and import pages, Vietnamese first. */
export interface HistoryLabels {
  historyTitle: string;
  historyIntro: string;
  sectionHistoryTitle: (title: string) => string;
  sectionHistoryIntro: string;
  sectionRemovedNote: string;
  sectionsHeading: string;
  sectionHistoryLink: string;
  version: string;
  versionN: (number: number) => string;
  current: string;
  publishedOn: string;
  proposal: string;
  kind: Record<string, string>;
  ministry: string;
  authors: string;
  approvers: string;
  publisher: string;
  noProposal: string;
  summary: string;
  wordsDelta: (added: number, removed: number) => string;
  viewVersion: string;
  compareWithPrevious: string;
  blame: string;
  feed: string;
  feedHint: string;
  openData: string;
  verify: string;
  restore: string;
  restoreSection: string;
  restoreHint: string;
  changeKinds: Record<"added" | "removed" | "content" | "renamed" | "moved", string>;
  renamedFrom: (title: string) => string;
  noChangesYet: string;
  olderVersions: string;
  newestVersions: string;
  hash: string;
  compareTitle: string;
  compareIntro: string;
  from: string;
  to: string;
  view: string;
  inline: string;
  sideBySide: string;
  compareSubmit: string;
  swap: string;
  comparing: (from: number, to: number) => string;
  reversedNote: string;
  sameVersionNote: string;
  onlyOneVersion: string;
  blameTitle: (number: number) => string;
  blameIntro: string;
  blameAttribution: (number: number) => string;
  blameProposal: string;
  blameFirstImport: string;
  blameDiff: string;
  blameLegend: string;
  searchTitle: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchSubmit: string;
  searchHint: string;
  searchCount: (shown: number, total: number, query: string) => string;
  searchNone: (query: string) => string;
  searchInVersion: (number: number) => string;
  sectionTitleMatch: string;
  exportHeading: string;
  exportMarkdown: string;
  exportHtml: string;
  importTitle: string;
  importIntro: string;
  importDocument: string;
  importProposalTitle: string;
  importProposalTitleHint: string;
  importRationale: string;
  importRationaleHint: string;
  importMarkdown: string;
  importMarkdownHint: string;
  importFile: string;
  importFileHint: string;
  importSubmit: string;
  importPending: string;
  forbidden: string;
  backToHistory: string;
}

const vi: HistoryLabels = {
  historyTitle: "Lịch sử thay đổi",
  historyIntro: "Mỗi phiên bản đã ban hành được lưu lại vĩnh viễn, nối với phiên bản trước bằng mã băm SHA-256: ai cũng có thể đọc, so sánh, trích dẫn và kiểm chứng.",
  sectionHistoryTitle: (title) => `Lịch sử thay đổi của mục “${title}”`,
  sectionHistoryIntro: "Các phiên bản đã thêm, sửa, đổi tên, chuyển vị trí hoặc xóa mục này.",
  sectionRemovedNote: "Mục này không còn trong phiên bản hiện hành.",
  sectionsHeading: "Lịch sử theo mục",
  sectionHistoryLink: "Lịch sử của mục",
  version: "Phiên bản",
  versionN: (number) => `Phiên bản ${number}`,
  current: "Hiện hành",
  publishedOn: "Ban hành",
  proposal: "Đề xuất sửa đổi",
  kind: { EDIT: "Sửa đổi", RESTORE: "Khôi phục", IMPORT: "Nhập chương" },
  ministry: "Cơ quan đề xuất",
  authors: "Người đóng góp",
  approvers: "Phê duyệt",
  publisher: "Ban hành bởi",
  noProposal: "Phiên bản đầu tiên, nhập từ bản đăng trên web.",
  summary: "Tóm tắt thay đổi",
  wordsDelta: (added, removed) => `Thêm ${added} từ, xóa ${removed} từ`,
  viewVersion: "Xem phiên bản này",
  compareWithPrevious: "So sánh với phiên bản trước",
  blame: "Nguồn gốc từng đoạn",
  feed: "Theo dõi (Atom)",
  feedHint: "Nhận thông báo khi có phiên bản mới trong trình đọc tin.",
  openData: "Dữ liệu mở (JSON)",
  verify: "Kiểm chứng chuỗi mã băm",
  restore: "Khôi phục phiên bản này",
  restoreSection: "Khôi phục mục này theo phiên bản này",
  restoreHint: "Tạo một đề xuất khôi phục; đề xuất được thẩm định như mọi đề xuất khác.",
  changeKinds: { added: "Thêm mục", removed: "Xóa mục", content: "Sửa nội dung", renamed: "Đổi tên", moved: "Chuyển vị trí" },
  renamedFrom: (title) => `tên cũ “${title}”`,
  noChangesYet: "Chưa có phiên bản nào.",
  olderVersions: "Các phiên bản cũ hơn",
  newestVersions: "Về các phiên bản mới nhất",
  hash: "Mã băm",
  compareTitle: "So sánh phiên bản",
  compareIntro: "Chọn hai phiên bản bất kỳ. Nội dung thêm được gạch chân, nội dung xóa được gạch ngang.",
  from: "Từ phiên bản",
  to: "Đến phiên bản",
  view: "Cách hiển thị",
  inline: "Gộp một cột",
  sideBySide: "Hai cột song song",
  compareSubmit: "So sánh",
  swap: "Đảo chiều",
  comparing: (from, to) => `Phiên bản ${from} → phiên bản ${to}`,
  reversedNote: "Bạn đang so sánh theo chiều ngược: phần “thêm” là những gì phiên bản cũ có mà phiên bản mới không còn.",
  sameVersionNote: "Hai bên là cùng một phiên bản.",
  onlyOneVersion: "Tài liệu mới có một phiên bản.",
  blameTitle: (number) => `Nguồn gốc từng đoạn — phiên bản ${number}`,
  blameIntro: "Bên cạnh mỗi đoạn là phiên bản và đề xuất sửa đổi đã viết nên đoạn đó lần cuối.",
  blameAttribution: (number) => `Phiên bản ${number}`,
  blameProposal: "đề xuất",
  blameFirstImport: "bản gốc",
  blameDiff: "thay đổi",
  blameLegend: "Đoạn",
  searchTitle: "Tìm kiếm trong Cẩm nang",
  searchLabel: "Từ khóa",
  searchPlaceholder: "ví dụ: chính phủ số",
  searchSubmit: "Tìm",
  searchHint: "Có thể gõ không dấu: “chinh phu so” tìm được “chính phủ số”.",
  searchCount: (shown, total, query) => (shown < total ? `${shown} trong ${total} kết quả cho “${query}”` : `${total} kết quả cho “${query}”`),
  searchNone: (query) => `Không tìm thấy kết quả nào cho “${query}”. Hãy thử ít từ hơn hoặc từ khác.`,
  searchInVersion: (number) => `phiên bản ${number}`,
  sectionTitleMatch: "Tên mục",
  exportHeading: "Tải về",
  exportMarkdown: "Markdown (.md)",
  exportHtml: "Trang HTML (.html)",
  importTitle: "Nhập chương mới",
  importIntro: "Nhập một chương viết bằng Markdown: mỗi tiêu đề # hoặc ## mở một mục mới, được thêm vào sau các mục hiện có. Kết quả là một đề xuất sửa đổi, được thẩm định như mọi đề xuất khác.",
  importDocument: "Tài liệu",
  importProposalTitle: "Tiêu đề đề xuất",
  importProposalTitleHint: "Để trống để dùng tên các mục được nhập.",
  importRationale: "Lý do",
  importRationaleHint: "Để trống để ghi “Nhập … mục mới từ tệp Markdown”.",
  importMarkdown: "Nội dung Markdown",
  importMarkdownHint: "Dán nội dung vào đây, hoặc chọn tệp bên dưới.",
  importFile: "Hoặc chọn tệp",
  importFileHint: "Tệp Markdown (.md, UTF-8) hoặc Word (.docx, tiêu đề Heading 1/2 bắt đầu mục mới), tối đa 2 MB (tệp lớn hơn: dùng lệnh “handbook import”).",
  importSubmit: "Tạo đề xuất nhập chương",
  importPending: "Đang kiểm tra và tạo đề xuất…",
  forbidden: "Bạn không có quyền truy cập trang này.",
  backToHistory: "Về lịch sử thay đổi",
};

const en: HistoryLabels = {
  historyTitle: "Change history",
  historyIntro: "Every published version is kept for good, chained to the one before by its SHA-256 hash: anyone can read, compare, cite and verify it.",
  sectionHistoryTitle: (title) => `Change history of “${title}”`,
  sectionHistoryIntro: "The versions that added, changed, renamed, moved or removed this section.",
  sectionRemovedNote: "This section is not in the current version.",
  sectionsHeading: "History by section",
  sectionHistoryLink: "Section history",
  version: "Version",
  versionN: (number) => `Version ${number}`,
  current: "Current",
  publishedOn: "Published",
  proposal: "Change proposal",
  kind: { EDIT: "Edit", RESTORE: "Restore", IMPORT: "Chapter import" },
  ministry: "Proposing ministry",
  authors: "Contributors",
  approvers: "Approved by",
  publisher: "Published by",
  noProposal: "First version, imported from the web edition.",
  summary: "Summary of changes",
  wordsDelta: (added, removed) => `${added} words added, ${removed} removed`,
  viewVersion: "View this version",
  compareWithPrevious: "Compare with the previous version",
  blame: "Origin of each paragraph",
  feed: "Subscribe (Atom)",
  feedHint: "Get new versions in your feed reader.",
  openData: "Open data (JSON)",
  verify: "Verify the hash chain",
  restore: "Restore this version",
  restoreSection: "Restore this section as of this version",
  restoreHint: "Opens a restore proposal, reviewed like any other proposal.",
  changeKinds: { added: "Section added", removed: "Section removed", content: "Content changed", renamed: "Renamed", moved: "Moved" },
  renamedFrom: (title) => `formerly “${title}”`,
  noChangesYet: "No versions yet.",
  olderVersions: "Older versions",
  newestVersions: "Back to the newest versions",
  hash: "Hash",
  compareTitle: "Compare versions",
  compareIntro: "Pick any two versions. Added text is underlined, removed text is struck through.",
  from: "From version",
  to: "To version",
  view: "Layout",
  inline: "Single column",
  sideBySide: "Side by side",
  compareSubmit: "Compare",
  swap: "Swap",
  comparing: (from, to) => `Version ${from} → version ${to}`,
  reversedNote: "You are comparing backwards: “added” text is what the older version had and the newer one no longer has.",
  sameVersionNote: "Both sides are the same version.",
  onlyOneVersion: "The document has only one version so far.",
  blameTitle: (number) => `Origin of each paragraph — version ${number}`,
  blameIntro: "Next to each paragraph: the version and change proposal that last wrote it.",
  blameAttribution: (number) => `Version ${number}`,
  blameProposal: "proposal",
  blameFirstImport: "original text",
  blameDiff: "changes",
  blameLegend: "Paragraph",
  searchTitle: "Search the handbook",
  searchLabel: "Search terms",
  searchPlaceholder: "e.g. chính phủ số",
  searchSubmit: "Search",
  searchHint: "Diacritics are optional: “chinh phu so” finds “chính phủ số”.",
  searchCount: (shown, total, query) => (shown < total ? `${shown} of ${total} results for “${query}”` : `${total} ${total === 1 ? "result" : "results"} for “${query}”`),
  searchNone: (query) => `Nothing found for “${query}”. Try fewer or other words.`,
  searchInVersion: (number) => `version ${number}`,
  sectionTitleMatch: "Section title",
  exportHeading: "Download",
  exportMarkdown: "Markdown (.md)",
  exportHtml: "HTML page (.html)",
  importTitle: "Import a chapter",
  importIntro: "Import a chapter written in Markdown: each # or ## heading starts a section, added after the existing ones. The result is a change proposal, reviewed like any other.",
  importDocument: "Document",
  importProposalTitle: "Proposal title",
  importProposalTitleHint: "Leave empty to use the imported section titles.",
  importRationale: "Rationale",
  importRationaleHint: "Leave empty for “Imports … new sections from a Markdown file”.",
  importMarkdown: "Markdown text",
  importMarkdownHint: "Paste the text here, or choose a file below.",
  importFile: "Or choose a file",
  importFileHint: "A Markdown (.md, UTF-8) or Word (.docx; Heading 1/2 start sections) file, at most 2 MB (larger files: the “handbook import” command).",
  importSubmit: "Create the import proposal",
  importPending: "Checking and creating the proposal…",
  forbidden: "You do not have access to this page.",
  backToHistory: "Back to the change history",
};

export const HISTORY_LABELS: Record<Locale, HistoryLabels> = { vi, en };

/** The plain strings the import form shows (functions cannot cross from the server to the browser). */
export type ImportLabels = Pick<
  HistoryLabels,
  | "importDocument"
  | "importProposalTitle"
  | "importProposalTitleHint"
  | "importRationale"
  | "importRationaleHint"
  | "importMarkdown"
  | "importMarkdownHint"
  | "importFile"
  | "importFileHint"
  | "importSubmit"
  | "importPending"
>;

export function importLabels(labels: HistoryLabels): ImportLabels {
  return {
    importDocument: labels.importDocument,
    importProposalTitle: labels.importProposalTitle,
    importProposalTitleHint: labels.importProposalTitleHint,
    importRationale: labels.importRationale,
    importRationaleHint: labels.importRationaleHint,
    importMarkdown: labels.importMarkdown,
    importMarkdownHint: labels.importMarkdownHint,
    importFile: labels.importFile,
    importFileHint: labels.importFileHint,
    importSubmit: labels.importSubmit,
    importPending: labels.importPending,
  };
}
