/**
 * What went wrong, as a person reads it. Every entry is a function of the error's parameters, so
 * that an AppError carries a key and parameters and is rendered in the reader's language where it
 * is shown (lib/errors.ts). Each message says what happened and, where it helps, what to do.
 */
export const errors = {
  generic: () => "Đã có lỗi. Không có thay đổi nào được ghi; hãy thử lại.",
  internal: () => "Lỗi máy chủ; không có thay đổi nào được ghi.",
  forbiddenPage: () => "Bạn không có quyền xem trang này.",
  signInRequired: () => "Bạn cần đăng nhập để thực hiện thao tác này.",
  forbiddenAction: (params: { action: string }) => `Bạn không có quyền thực hiện thao tác này (${params.action}).`,
  invalidOrigin: () => "Nguồn gửi yêu cầu không hợp lệ.",
  crossOrigin: () => "Yêu cầu từ trang web khác bị từ chối.",
  payloadTooLarge: (params: { limitBytes: number }) => `Nội dung gửi lên quá lớn (tối đa ${params.limitBytes} byte).`,
  malformedJson: () => "Nội dung không phải JSON hợp lệ.",
  invalidInput: (params: { issues: string }) => `Dữ liệu không hợp lệ: ${params.issues}`,
  positiveInteger: (params: { name: string }) => `Tham số ${params.name} phải là số nguyên dương.`,
  mailDisabled: () => "Máy chủ này chưa cấu hình gửi email.",
  invalidEmail: () => "Địa chỉ email không hợp lệ; hãy kiểm tra lại.",
  tooManySubscriptionRequests: () => "Có quá nhiều yêu cầu đăng ký nhận tin; hãy thử lại sau ít phút.",
  subscriptionTargetNotFound: () => "Không tìm thấy tài liệu hoặc mục để theo dõi.",
  invalidEmailPreferences: () => "Lựa chọn nhận thông báo không hợp lệ; không có gì thay đổi.",
  invalidMailLink: () => "Liên kết không hợp lệ; hãy dùng đúng liên kết trong email.",
  pdfTooLarge: (params: { limitChars: number }) =>
    `Phiên bản này quá dài để tạo PDF (tối đa ${params.limitChars} ký tự); hãy tải bản Markdown hoặc HTML.`,
  rateLimited: (params: { seconds: number }) => `Bạn thao tác quá nhanh. Hãy thử lại sau ${params.seconds} giây.`,
  readOnlyToken: () => "Khóa API này chỉ có quyền đọc; hãy dùng một khóa có quyền ghi cho thao tác này.",
  tokenNameLength: (params: { max: number }) => `Tên khóa API phải có từ 1 đến ${params.max} ký tự.`,
  tokenDays: (params: { max: number }) => `Thời hạn của khóa phải là số ngày nguyên từ 1 đến ${params.max}.`,
  tokenScope: () => "Hãy chọn quyền của khóa: chỉ đọc (read) hoặc đọc và ghi (write).",
  tokenNotFound: () => "Không tìm thấy khóa API.",
  tokenPrefixAmbiguous: () => "Có nhiều khóa cùng tiền tố này; hãy thu hồi theo mã khóa (--id).",
  proposalNotFound: () => "Không tìm thấy đề xuất.",
  logStatementInvalid: (params: { reason: string }) => `Không lập được tuyên bố (statement) của phiên bản cho nhật ký minh bạch: ${params.reason}. Không có gì được ban hành.`,
  nonNegativeInteger: (params: { name: string }) => `Tham số ${params.name} phải là số nguyên không âm (0, 1, 2…).`,
  logProofRange: (params: { detail: string }) => `Không có bằng chứng cho khoảng này: ${params.detail}.`,
  logNotSigned: () => "Nhật ký minh bạch chưa có điểm kiểm (checkpoint) nào được ký.",
  versionNotInLog: () => "Phiên bản này chưa có trong nhật ký minh bạch; hãy thử lại sau khi máy chủ khởi động xong.",
  logTileNotFound: () => "Không có ô (tile) này trong nhật ký minh bạch.",
};
