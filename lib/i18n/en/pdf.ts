import type { Messages } from "../vi";

export const pdf: Messages["pdf"] = {
  versionN: (number) => `Version ${number}`,
  published: "Published",
  effectiveFrom: "In force from",
  hash: "SHA-256 hash",
  previousHash: "Previous version's hash",
  firstVersion: "none — first version",
  permalink: "Permanent link",
  contents: "Contents",
  pageOf: (params) => `Page ${params.page} of ${params.total}`,
  verifyNote:
    "This PDF was made from the published version. Scan the QR code or open the permanent link to read the original and compare its SHA-256 hash.",
  producedBy: "Open Handbook",
  download: "PDF file (.pdf)",
  preparing: "Preparing the PDF…",
  failed: "The PDF could not be prepared; please try again.",
};
