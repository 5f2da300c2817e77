/** Errors of suggestion mode (lib/domain/suggestions.ts), spread into ./errors.ts. */
export const suggestionErrors = {
  suggestionInvalid: (params: { problem: string }) => `Đề xuất sửa không hợp lệ (${params.problem}).`,
  suggestionTextNotFound: () => "Không tìm thấy đoạn văn bản được đề xuất sửa trong bản nháp hiện tại; có thể ai đó vừa sửa nó. Hãy chọn lại.",
  suggestionBlockNotFound: () => "Khối văn bản được đề xuất sửa không còn trong bản nháp.",
  suggestionNotFound: () => "Không tìm thấy đề xuất sửa này.",
  suggestionAlreadyDecided: () => "Đề xuất sửa này đã được chấp nhận hoặc từ chối.",
  suggestionOutdated: () => "Văn bản mà đề xuất sửa nhắm tới đã thay đổi; đề xuất không còn áp dụng được, hãy từ chối nó.",
  suggestionsPending: (params: { count: number }) => `Còn ${params.count} đề xuất sửa chưa được chấp nhận hay từ chối; chưa thể phê duyệt.`,
  tooManySuggestions: (params: { limit: number }) => `Bạn đã có ${params.limit} đề xuất sửa đang chờ ở đề xuất này.`,
};
