import type { Disposition } from "../../domain/consultation";
import type { Decision, NotificationParams, SuggestionDecision } from "../../domain/notification-events";

const DECISION_WORDS: Record<Decision, string> = { approve: "phê duyệt", request_changes: "yêu cầu chỉnh sửa", reject: "từ chối" };
const DISPOSITION_WORDS: Record<Disposition, string> = {
  accepted: "tiếp thu",
  partly_accepted: "tiếp thu một phần",
  not_accepted: "không tiếp thu",
  explained: "đã giải trình",
};
const DECISION_SUBJECTS: Record<Decision, string> = { approve: "Đã phê duyệt", request_changes: "Yêu cầu chỉnh sửa", reject: "Đã từ chối" };
const SUGGESTION_DECISION_WORDS: Record<SuggestionDecision, string> = { accept: "chấp nhận", reject: "không chấp nhận" };
const SUGGESTION_DECISION_SUBJECTS: Record<SuggestionDecision, string> = { accept: "Đề xuất sửa được chấp nhận", reject: "Đề xuất sửa không được chấp nhận" };

/**
 * Notifications as a person reads them: one entry per kind of lib/domain/notification-events.ts,
 * a function of that kind's parameters. Rendered when read, so each reader gets their language.
 */
export const notifications = {
  heading: "Thông báo",
  feedLink: "Nguồn tin Atom của bạn (dùng khóa API)",
  /** A notification sentence followed by what the published version changed (the diff summary). */
  withChanges: (sentence: string, changes: string) => `${sentence} ${changes}.`,
  markAllRead: "Đánh dấu tất cả là đã đọc",
  markedRead: "Đã đánh dấu mọi thông báo là đã đọc.",
  unread: "chưa đọc",
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
    consultation_comment: (params: NotificationParams<"consultation_comment">) =>
      `${params.commenterName} đã góp ý về đề xuất “${params.proposalTitle}”${params.pending ? " (đang chờ duyệt)" : ""}.`,
    consultation_answer: (params: NotificationParams<"consultation_answer">) =>
      `Góp ý của bạn về đề xuất “${params.proposalTitle}” đã được trả lời: ${DISPOSITION_WORDS[params.disposition]}.`,
    consultation_published: (params: NotificationParams<"consultation_published">) =>
      `Văn bản đã sửa theo đề xuất “${params.proposalTitle}” mà bạn góp ý đã được ban hành thành phiên bản ${params.versionNumber}, kèm báo cáo tiếp thu, giải trình.`,
    suggestion_made: (params: NotificationParams<"suggestion_made">) => `${params.suggesterName} đã đề xuất sửa bản nháp của đề xuất “${params.proposalTitle}”; hãy chấp nhận hoặc không chấp nhận.`,
    suggestion_decided: (params: NotificationParams<"suggestion_decided">) =>
      `${params.deciderName} đã ${SUGGESTION_DECISION_WORDS[params.decision]} ${params.count} đề xuất sửa của bạn trong đề xuất “${params.proposalTitle}”.`,
  },
  /** Short subjects for the same events, when one arrives by email. */
  subjects: {
    review_requested: (params: NotificationParams<"review_requested">) => `Chờ thẩm định: ${params.proposalTitle}`,
    decision: (params: NotificationParams<"decision">) => `${DECISION_SUBJECTS[params.decision]}: ${params.proposalTitle}`,
    comment: (params: NotificationParams<"comment">) => `Bình luận mới: ${params.proposalTitle}`,
    published: (params: NotificationParams<"published">) => `Đã ban hành: ${params.proposalTitle}`,
    merge_conflict: (params: NotificationParams<"merge_conflict">) => `Cần xử lý xung đột: ${params.proposalTitle}`,
    coauthor_added: (params: NotificationParams<"coauthor_added">) => `Lời mời cùng soạn: ${params.proposalTitle}`,
    consultation_comment: (params: NotificationParams<"consultation_comment">) => `Góp ý mới: ${params.proposalTitle}`,
    consultation_answer: (params: NotificationParams<"consultation_answer">) => `Góp ý của bạn đã được trả lời: ${params.proposalTitle}`,
    consultation_published: (params: NotificationParams<"consultation_published">) => `Đã ban hành văn bản bạn góp ý: ${params.proposalTitle}`,
    suggestion_made: (params: NotificationParams<"suggestion_made">) => `Đề xuất sửa mới: ${params.proposalTitle}`,
    suggestion_decided: (params: NotificationParams<"suggestion_decided">) => `${SUGGESTION_DECISION_SUBJECTS[params.decision]}: ${params.proposalTitle}`,
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
