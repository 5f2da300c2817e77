import { plural } from "../plural";

/**
 * Emails and the pages they link to: subscribing by email (no account), confirming, unsubscribing.
 * Emails are plain text, one entry per line or paragraph; links are passed in whole.
 */
export const email = {
  signature: "Cẩm nang mở — Cẩm nang chuyển đổi số",
  openProposal: (params: { url: string }) => `Mở đề xuất: ${params.url}`,
  personFooter: (params: { preferencesUrl: string; unsubscribeUrl: string }) =>
    `Bạn nhận email này vì có tài khoản trên Cẩm nang mở. Chọn nhận ngay, nhận bản tổng hợp mỗi ngày hoặc không nhận: ${params.preferencesUrl}\nNgừng nhận mọi email thông báo: ${params.unsubscribeUrl}`,
  digestSubject: (params: { count: number }) => `Cẩm nang mở: ${plural("vi", params.count, { other: "# thông báo" })} trong ngày`,
  digestIntro: (params: { count: number }) => `Bản tổng hợp ${plural("vi", params.count, { other: "# thông báo" })} từ lần gửi trước:`,
  documentTarget: (params: { documentTitle: string }) => `tài liệu “${params.documentTitle}”`,
  sectionTarget: (params: { documentTitle: string; sectionTitle: string }) => `mục “${params.sectionTitle}” của “${params.documentTitle}”`,
  registerSubject: "Xác nhận tài khoản góp ý trên Cẩm nang mở",
  registerBody: (params: { name: string; url: string; hours: number }) =>
    `Chào ${params.name},\n\nĐể hoàn tất đăng ký tài khoản góp ý, hãy mở liên kết sau (có hiệu lực ${params.hours} giờ):\n${params.url}\n\nNếu bạn không đăng ký, hãy bỏ qua email này; sẽ không có tài khoản nào được tạo.`,
  confirmSubject: (params: { target: string }) => `Xác nhận đăng ký nhận tin về ${params.target}`,
  confirmBody: (params: { target: string; url: string; hours: number }) =>
    `Có người (chúng tôi mong là bạn) đã đăng ký nhận email mỗi khi ${params.target} có phiên bản mới.\n\nXác nhận đăng ký: ${params.url}\n\nNếu không phải bạn, hãy bỏ qua email này: đăng ký chưa xác nhận sẽ bị xóa sau ${params.hours} giờ.`,
  publishedSubject: (params: { documentTitle: string; versionNumber: number }) => `${params.documentTitle}: phiên bản ${params.versionNumber} đã được ban hành`,
  publishedIntro: (params: { documentTitle: string; versionNumber: number; date: string }) =>
    `Phiên bản ${params.versionNumber} của “${params.documentTitle}” đã được ban hành lúc ${params.date}.`,
  publishedChanges: (params: { summary: string }) => `Tóm tắt thay đổi: ${params.summary}.`,
  changedSections: "Các mục thay đổi:",
  readVersion: (params: { url: string }) => `Đọc phiên bản này: ${params.url}`,
  compareVersions: (params: { url: string }) => `Xem những gì thay đổi: ${params.url}`,
  subscriptionFooter: (params: { target: string; unsubscribeUrl: string }) =>
    `Bạn nhận email này vì đã đăng ký nhận tin về ${params.target}. Hủy đăng ký: ${params.unsubscribeUrl}`,
  pages: {
    subscribeLink: "Nhận tin qua email",
    subscribeTitle: (params: { documentTitle: string }) => `Nhận tin qua email: ${params.documentTitle}`,
    subscribeIntro: "Nhận một email mỗi khi có phiên bản mới được ban hành. Không cần tài khoản; bạn có thể hủy bất cứ lúc nào bằng liên kết trong mỗi email.",
    emailLabel: "Địa chỉ email",
    scopeLabel: "Theo dõi",
    wholeDocument: "Cả tài liệu",
    sectionOption: (params: { sectionTitle: string }) => `Chỉ mục “${params.sectionTitle}”`,
    submit: "Đăng ký",
    sent: (params: { hours: number }) =>
      `Nếu địa chỉ này chưa đăng ký, chúng tôi đã gửi tới đó một email xác nhận. Hãy mở liên kết trong email (có hiệu lực ${params.hours} giờ) để bắt đầu nhận tin.`,
    privacy: "Địa chỉ email chỉ được dùng để gửi tin về Cẩm nang, và bị xóa khi bạn hủy đăng ký.",
    unavailable: "Máy chủ này chưa cấu hình gửi email, nên chưa thể đăng ký nhận tin.",
    confirmTitle: "Xác nhận đăng ký",
    confirmed: (params: { target: string }) => `Đã xác nhận. Bạn sẽ nhận email mỗi khi ${params.target} có phiên bản mới.`,
    confirmFailed: "Liên kết xác nhận không hợp lệ hoặc đã hết hạn. Hãy đăng ký lại.",
    unsubscribeTitle: "Hủy đăng ký",
    unsubscribeQuestion: (params: { target: string }) => `Ngừng nhận email về ${params.target}?`,
    personQuestion: (params: { email: string }) => `Ngừng gửi mọi email thông báo của Cẩm nang mở tới ${params.email}?`,
    unsubscribeButton: "Hủy đăng ký",
    unsubscribed: "Đã hủy. Bạn sẽ không nhận thêm email này.",
    personUnsubscribed: "Đã ngừng gửi email thông báo. Bạn vẫn xem được thông báo trong Không gian làm việc, và có thể bật lại email ở đó.",
    invalidLink: "Liên kết không hợp lệ. Hãy dùng đúng liên kết trong email.",
    backToDocument: "Về tài liệu",
  },
};
