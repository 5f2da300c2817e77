/** Words printed on exported PDF files, and the download link that asks for one. */
export const pdf = {
  versionN: (number: number) => `Phiên bản ${number}`,
  published: "Ban hành",
  effectiveFrom: "Hiệu lực từ",
  hash: "Mã băm SHA-256",
  previousHash: "Mã băm phiên bản trước",
  firstVersion: "không có — phiên bản đầu tiên",
  permalink: "Địa chỉ cố định",
  contents: "Mục lục",
  pageOf: (params: { page: number; total: number }) => `Trang ${params.page}/${params.total}`,
  verifyNote:
    "Bản PDF này được tạo từ phiên bản đã ban hành. Quét mã QR hoặc mở địa chỉ cố định để đọc bản gốc và đối chiếu mã băm SHA-256.",
  producedBy: "Cẩm nang mở",
  download: "Tệp PDF (.pdf)",
  preparing: "Đang tạo tệp PDF…",
  failed: "Không tạo được tệp PDF; hãy thử lại.",
};
