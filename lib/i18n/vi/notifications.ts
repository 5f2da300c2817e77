import type { Decision, NotificationParams } from "../../domain/notification-events";

const DECISION_WORDS: Record<Decision, string> = { approve: "phê duyệt", request_changes: "yêu cầu chỉnh sửa", reject: "từ chối" };
const DECISION_SUBJECTS: Record<Decision, string> = { approve: "Đã phê duyệt", request_changes: "Yêu cầu chỉnh sửa", reject: "Đã từ chối" };

/**
 * Notifications as a person reads them: one entry per kind of lib/domain/notification-events.ts,
 * a function of that kind's parameters. Rendered when read, so each reader gets their language.
 */
export const notifications = {
  heading: "Thông báo",
  feedLink: "Nguồn tin Atom của bạn (dùng khóa API)",
  feedTitle: (params: { name: string }) => `Thông báo của ${params.name} — Cẩm nang mở`,
  /** A stored row whose kind or parameters this release does not know. */
  unreadable: "Một thông báo không hiển thị được (được ghi bởi phiên bản khác của hệ thống).",
  kinds: {
    review_requested: (params: NotificationParams<"review_requested">) =>
      `Đề xuất “${params.proposalTitle}” của ${params.organizationName} đang chờ thẩm định.`,
    decision: (params: NotificationParams<"decision">) => `${params.reviewerName} đã ${DECISION_WORDS[params.decision]} đề xuất “${params.proposalTitle}”.`,
    comment: (params: NotificationParams<"comment">) =>
      `${params.authorName} đã ${params.reply ? "trả lời bình luận của bạn" : "bình luận"} về đề xuất “${params.proposalTitle}”.`,
    published: (params: NotificationParams<"published">) => `Đề xuất “${params.proposalTitle}” đã được ban hành thành phiên bản ${params.versionNumber}.`,
    merge_conflict: (params: NotificationParams<"merge_conflict">) =>
      `Đề xuất “${params.proposalTitle}” có ${params.conflictCount} xung đột với phiên bản ${params.versionNumber}; cần xử lý trước khi thẩm định tiếp.`,
    coauthor_added: (params: NotificationParams<"coauthor_added">) => `${params.inviterName} mời bạn cùng soạn đề xuất “${params.proposalTitle}”.`,
  },
  /** Short subjects for the same events, when one arrives by email. */
  subjects: {
    review_requested: (params: NotificationParams<"review_requested">) => `Chờ thẩm định: ${params.proposalTitle}`,
    decision: (params: NotificationParams<"decision">) => `${DECISION_SUBJECTS[params.decision]}: ${params.proposalTitle}`,
    comment: (params: NotificationParams<"comment">) => `Bình luận mới: ${params.proposalTitle}`,
    published: (params: NotificationParams<"published">) => `Đã ban hành: ${params.proposalTitle}`,
    merge_conflict: (params: NotificationParams<"merge_conflict">) => `Cần xử lý xung đột: ${params.proposalTitle}`,
    coauthor_added: (params: NotificationParams<"coauthor_added">) => `Lời mời cùng soạn: ${params.proposalTitle}`,
  },
  preferences: {
    heading: "Nhận thông báo qua email",
    language: "Ngôn ngữ của email và nguồn tin",
    delivery: "Gửi email thông báo",
    deliveryOptions: {
      IMMEDIATE: "Ngay khi có thông báo",
      DAILY: "Một bản tổng hợp mỗi ngày (7 giờ sáng)",
      NONE: "Không gửi email",
    },
    languages: { vi: "Tiếng Việt", en: "English" },
    save: "Lưu lựa chọn",
    saved: "Đã lưu lựa chọn nhận thông báo.",
    mailOff: "Máy chủ này chưa cấu hình gửi email; lựa chọn được lưu và áp dụng khi có.",
  },
};
