import type { Role } from "../domain/roles";

/** Demo ministries and people, created on a fresh install so that every role can be tried. */
export const DEMO_ORGANIZATIONS = [
  { slug: "bo-thong-tin-va-truyen-thong", name: "Bộ Thông tin và Truyền thông", nameEn: "Ministry of Information and Communications" },
  { slug: "bo-tai-chinh", name: "Bộ Tài chính", nameEn: "Ministry of Finance" },
  { slug: "bo-noi-vu", name: "Bộ Nội vụ", nameEn: "Ministry of Home Affairs" },
] as const;

export type DemoOrganizationSlug = (typeof DEMO_ORGANIZATIONS)[number]["slug"];

export const DEMO_USERS: { email: string; name: string; role: Role; organization: DemoOrganizationSlug | null }[] = [
  { email: "admin@camnang.gov.vn", name: "Quản trị viên", role: "ADMIN", organization: "bo-thong-tin-va-truyen-thong" },
  { email: "lan@mof.gov.vn", name: "Nguyễn Thị Lan", role: "CONTRIBUTOR", organization: "bo-tai-chinh" },
  { email: "hoa@mof.gov.vn", name: "Trần Thị Hòa", role: "CONTRIBUTOR", organization: "bo-tai-chinh" },
  { email: "tuan@mic.gov.vn", name: "Phạm Văn Tuấn", role: "CONTRIBUTOR", organization: "bo-thong-tin-va-truyen-thong" },
  { email: "minh@mic.gov.vn", name: "Lê Văn Minh", role: "REVIEWER", organization: "bo-thong-tin-va-truyen-thong" },
  { email: "thu@moha.gov.vn", name: "Đỗ Thị Thu", role: "REVIEWER", organization: "bo-noi-vu" },
  { email: "khoa@mof.gov.vn", name: "Vũ Đăng Khoa", role: "REVIEWER", organization: "bo-tai-chinh" },
  { email: "docgia@example.vn", name: "Bạn đọc", role: "READER", organization: null },
];

export const HANDBOOK_DOCUMENT = { slug: "cam-nang-chuyen-doi-so", title: "Cẩm nang chuyển đổi số" } as const;

/** The seed chapter's first part, named as the handbook names its installments. */
export const SEED_FIRST_SECTION_TITLE = "Kỳ 18 (kì cuối): Sau chính phủ số là gì?";

/** Which ministry owns each seeded section (review policy: the owner must approve changes). */
export const SEED_SECTION_OWNERS: Record<string, DemoOrganizationSlug> = {
  "ky-18-ki-cuoi-sau-chinh-phu-so-la-gi": "bo-thong-tin-va-truyen-thong",
  "loi-tong-ket": "bo-noi-vu",
};

export const SEED_REPAIR_PROPOSAL = {
  title: "Sửa lỗi định dạng của bản đăng trên web",
  rationale:
    "Bản đăng trên web ngắt đoạn giữa câu (“... khi đó là” / “Vua Lý Thái Tổ ...”, “... Chương trình” / “Chuyển đổi số quốc gia ...”), lặp lại đoạn kết và còn sót dòng “ĐÁNH GIÁ BÀI VIẾT”. Đề xuất nối lại các câu bị ngắt và bỏ phần thừa, không thay đổi nội dung.",
  legalBasis: "Lời tổng kết của Cẩm nang: tài liệu mở, được chỉnh lý, cập nhật, bổ sung.",
};
