/** The page shown when rendering fails on the server (app/error.tsx). */
export const errorPage = {
  title: "Đã có lỗi",
  explanation: "Trang không tải được. Không có thay đổi nào bị mất; hãy thử lại sau ít phút.",
  retry: "Thử lại",
};
