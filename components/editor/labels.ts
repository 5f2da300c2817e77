import type { Locale } from "@/lib/i18n/locales";

const vi = {
  connecting: "Đang kết nối…",
  saved: "Đã lưu",
  syncing: "Đang đồng bộ…",
  offline: "Mất kết nối — thay đổi sẽ được gửi khi có mạng",
  viewOnly: "Chỉ xem",
  denied: "Bạn không có quyền mở bản nháp này.",
  failed: "Không mở được bản nháp. Hãy tải lại trang.",
  toolbar: "Định dạng văn bản",
  bold: "In đậm",
  italic: "In nghiêng",
  heading3: "Tiêu đề cấp 3",
  heading4: "Tiêu đề cấp 4",
  bulletList: "Danh sách dấu chấm",
  orderedList: "Danh sách đánh số",
  link: "Liên kết",
  linkAddress: "Địa chỉ liên kết (http, https hoặc mailto)",
  linkApply: "Gắn liên kết",
  linkRemove: "Bỏ liên kết",
  linkCancel: "Huỷ",
  linkInvalid: "Chỉ chấp nhận địa chỉ http://, https:// hoặc mailto:.",
  table: "Chèn bảng",
  undo: "Hoàn tác",
  redo: "Làm lại",
  leaveWarning: "Một số thay đổi chưa được gửi lên máy chủ. Bạn vẫn muốn rời trang?",
};

export type EditorLabels = typeof vi;

const en: EditorLabels = {
  connecting: "Connecting…",
  saved: "Saved",
  syncing: "Syncing…",
  offline: "Offline — changes will be sent when you are back online",
  viewOnly: "View only",
  denied: "You may not open this draft.",
  failed: "The draft could not be opened. Please reload the page.",
  toolbar: "Text formatting",
  bold: "Bold",
  italic: "Italic",
  heading3: "Heading level 3",
  heading4: "Heading level 4",
  bulletList: "Bulleted list",
  orderedList: "Numbered list",
  link: "Link",
  linkAddress: "Link address (http, https or mailto)",
  linkApply: "Apply link",
  linkRemove: "Remove link",
  linkCancel: "Cancel",
  linkInvalid: "Only http://, https:// and mailto: addresses are accepted.",
  table: "Insert table",
  undo: "Undo",
  redo: "Redo",
  leaveWarning: "Some changes have not reached the server yet. Leave anyway?",
};

export function editorLabels(locale: Locale): EditorLabels {
  return locale === "en" ? en : vi;
}
