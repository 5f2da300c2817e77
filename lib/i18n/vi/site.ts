export const site = {
  name: "Cẩm nang mở",
  tagline: "Cẩm nang chuyển đổi số — tài liệu mở, luôn được chỉnh lý, cập nhật, bổ sung",
  skipToContent: "Bỏ qua, đến nội dung chính",
  mainNav: "Điều hướng chính",
  home: "Trang chủ",
  workspace: "Không gian làm việc",
  admin: "Quản trị",
  signIn: "Đăng nhập",
  signOut: "Đăng xuất",
  /** The header's link to the workspace's notifications, with the count of unread ones. */
  notifications: "Thông báo",
  unreadNotifications: (params: { count: number }) => `${params.count} thông báo chưa đọc`,
  language: "Ngôn ngữ",
  switchTo: "English",
  footer: "Cẩm nang mở — mỗi phiên bản đều được lưu lại, có thể so sánh và kiểm chứng.",
  openData: "Dữ liệu mở (mọi phiên bản, .zip)",
};
