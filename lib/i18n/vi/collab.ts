import type { ContentProblem } from "../../domain/content-problems";
import { describeContentProblem } from "../../domain/content-problems";
import { content } from "./content";

/**
 * Why the collaboration server refuses a connection or an update (lib/collab/refusal.ts), by the
 * reason Hocuspocus sends to the client; the editor shows its own words for each reason, these are
 * the server's account of it in logs and errors.
 */
export const collab = {
  refusals: {
    "invalid-document": () => "Tên tài liệu không hợp lệ",
    "origin-not-allowed": () => "Nguồn kết nối không được phép",
    "invalid-token": () => "Mã truy cập không hợp lệ",
    "token-expired": () => "Mã truy cập đã hết hạn",
    "wrong-document": () => "Mã truy cập dành cho tài liệu khác",
    "unknown-user": () => "Tài khoản không tồn tại hoặc đã bị khoá",
    "not-found": () => "Không tìm thấy đề xuất hoặc mục của đề xuất",
    forbidden: () => "Bạn không có quyền mở bản nháp này",
    "too-many-connections": () => "Mục này đang có quá nhiều người mở",
    "too-many-documents": () => "Quá nhiều mục mở trên một kết nối",
    "invalid-content": (params: { problems: readonly ContentProblem[] }) => params.problems.map((problem) => describeContentProblem(content.problems, problem)).join("; "),
    "document-too-large": (params: { maxBytes: number }) => `Tài liệu vượt quá ${params.maxBytes} byte`,
    "malformed-update": () => "Bản cập nhật hỏng",
  },
};
