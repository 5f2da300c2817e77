/**
 * The lifecycle of a change proposal (Đề xuất sửa đổi) as a pure state machine. Services
 * ask `transition()` before they write a new status, so every path through the product
 * (pages, API, command line) obeys the same rules.
 */

export const PROPOSAL_STATUSES = [
  "DRAFT",
  "IN_REVIEW",
  "CHANGES_REQUESTED",
  "APPROVED",
  "PUBLISHED",
  "REJECTED",
  "WITHDRAWN",
] as const;

export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_EVENTS = [
  "submit",
  "request_changes",
  "policy_satisfied",
  "policy_unsatisfied",
  "publish",
  "reject",
  "withdraw",
] as const;

export type ProposalEvent = (typeof PROPOSAL_EVENTS)[number];

export type TransitionResult = { ok: true; status: ProposalStatus } | { ok: false; reason: string };

const TRANSITIONS: Record<ProposalStatus, Partial<Record<ProposalEvent, ProposalStatus>>> = {
  DRAFT: { submit: "IN_REVIEW", withdraw: "WITHDRAWN" },
  IN_REVIEW: {
    policy_satisfied: "APPROVED",
    request_changes: "CHANGES_REQUESTED",
    reject: "REJECTED",
    withdraw: "WITHDRAWN",
  },
  CHANGES_REQUESTED: { submit: "IN_REVIEW", reject: "REJECTED", withdraw: "WITHDRAWN" },
  APPROVED: {
    // An edit after approval makes the approvals stale, so the proposal goes back to review.
    policy_unsatisfied: "IN_REVIEW",
    publish: "PUBLISHED",
    request_changes: "CHANGES_REQUESTED",
    reject: "REJECTED",
    withdraw: "WITHDRAWN",
  },
  PUBLISHED: {},
  REJECTED: {},
  WITHDRAWN: {},
};

const FINAL_STATUSES: ReadonlySet<ProposalStatus> = new Set(["PUBLISHED", "REJECTED", "WITHDRAWN"]);

/** Statuses whose draft may still change; a change while in review makes approvals stale. */
const EDITABLE_STATUSES: ReadonlySet<ProposalStatus> = new Set([
  "DRAFT",
  "IN_REVIEW",
  "CHANGES_REQUESTED",
  "APPROVED",
]);

export const STATUS_LABELS: Record<ProposalStatus, { vi: string; en: string }> = {
  DRAFT: { vi: "Bản nháp", en: "Draft" },
  IN_REVIEW: { vi: "Đang thẩm định", en: "In review" },
  CHANGES_REQUESTED: { vi: "Yêu cầu chỉnh sửa", en: "Changes requested" },
  APPROVED: { vi: "Đã phê duyệt", en: "Approved" },
  PUBLISHED: { vi: "Đã ban hành", en: "Published" },
  REJECTED: { vi: "Từ chối", en: "Rejected" },
  WITHDRAWN: { vi: "Đã rút", en: "Withdrawn" },
};

export function transition(status: ProposalStatus, event: ProposalEvent): TransitionResult {
  const next = TRANSITIONS[status][event];
  if (next === undefined) return { ok: false, reason: `invalid_transition: ${status} -> ${event}` };
  return { ok: true, status: next };
}

/** The events that `status` accepts, in the order of PROPOSAL_EVENTS (for menus and API hints). */
export function allowedEvents(status: ProposalStatus): ProposalEvent[] {
  return PROPOSAL_EVENTS.filter((event) => TRANSITIONS[status][event] !== undefined);
}

export function canEditContent(status: ProposalStatus): boolean {
  return EDITABLE_STATUSES.has(status);
}

export function isFinal(status: ProposalStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function isProposalStatus(value: string): value is ProposalStatus {
  return (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

export function isProposalEvent(value: string): value is ProposalEvent {
  return (PROPOSAL_EVENTS as readonly string[]).includes(value);
}
