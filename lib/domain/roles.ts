export const ROLES = ["READER", "CONTRIBUTOR", "REVIEWER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  READER: { vi: "Người đọc", en: "Reader" },
  CONTRIBUTOR: { vi: "Người đóng góp", en: "Contributor" },
  REVIEWER: { vi: "Người thẩm định", en: "Reviewer" },
  ADMIN: { vi: "Quản trị viên", en: "Administrator" },
};
