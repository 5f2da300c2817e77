/**
 * Suggestion mode in the editor (components/editor/suggestions): plain strings, since they are
 * handed to a browser component; a name or a count is shown beside them, not inside.
 */
export const suggestions = {
  mode: "Đề xuất sửa",
  modeOn: "Chế độ đề xuất sửa: chữ bạn gõ, xoá hoặc thay được gửi thành đề xuất, bản nháp không đổi cho đến khi tác giả chấp nhận.",
  modeForced: "Bạn đề xuất sửa: chữ bạn gõ, xoá hoặc thay trong bản nháp được gửi thành đề xuất để tác giả chấp nhận hoặc từ chối.",
  panel: "Đề xuất sửa",
  none: "Chưa có đề xuất sửa nào chờ quyết định.",
  pendingCount: "Số đề xuất chờ quyết định:",
  otherSections: "Đề xuất ở các mục khác:",
  insert: "Thêm",
  delete: "Xoá",
  replace: "Thay",
  by: "bởi",
  accept: "Chấp nhận",
  reject: "Từ chối",
  withdraw: "Rút lại",
  acceptPerson: "Chấp nhận mọi đề xuất của",
  rejectPerson: "Từ chối mọi đề xuất của",
  acceptAll: "Chấp nhận tất cả",
  rejectAll: "Từ chối tất cả",
  outdated: "Chữ được đề xuất sửa đã thay đổi; đề xuất không còn áp dụng được.",
  draft: "Đang soạn đề xuất (Enter để gửi, Esc để huỷ)",
  sending: "Đang gửi đề xuất…",
  sent: "Đã gửi đề xuất sửa.",
  decided: "Đã lưu quyết định.",
  failed: "Không gửi được đề xuất sửa.",
  structure: "Chế độ đề xuất sửa chỉ nhận sửa chữ trong một đoạn; tách đoạn, danh sách hay bảng hãy để tác giả sửa.",
  formatting: "Chưa đề xuất được định dạng (in đậm, in nghiêng); hãy bình luận để tác giả sửa.",
  toolbar: "Quyết định đề xuất sửa",
};
