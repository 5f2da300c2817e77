import type { Messages } from "../vi";

export const admin: Messages["admin"] = {
  title: "Administration",
  users: "Users",
  organizations: "Ministries",
  sections: "Section owners",
  policy: "Approval policy",
  audit: "Audit log",
  save: "Save",
  create: "Create",
  name: "Full name",
  email: "Email",
  password: "Password",
  role: "Role",
  organization: "Ministry",
  active: "Active",
  requiredApprovals: "Approvals required",
  owner: "Responsible ministry",
  nameVi: "Name (Vietnamese)",
  nameEn: "Name (English)",
  saved: "Saved.",
};
