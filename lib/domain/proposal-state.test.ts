import { describe, expect, it } from "vitest";
import {
  PROPOSAL_EVENTS,
  PROPOSAL_STATUSES,
  STATUS_LABELS,
  allowedEvents,
  canEditContent,
  isFinal,
  isProposalEvent,
  isProposalStatus,
  transition,
  type ProposalEvent,
  type ProposalStatus,
} from "./proposal-state";

/** The lifecycle written out once more, independently of the module's table. */
const EXPECTED: Record<ProposalStatus, Partial<Record<ProposalEvent, ProposalStatus>>> = {
  DRAFT: { submit: "IN_REVIEW", withdraw: "WITHDRAWN" },
  IN_REVIEW: {
    policy_satisfied: "APPROVED",
    request_changes: "CHANGES_REQUESTED",
    reject: "REJECTED",
    withdraw: "WITHDRAWN",
  },
  CHANGES_REQUESTED: { submit: "IN_REVIEW", reject: "REJECTED", withdraw: "WITHDRAWN" },
  APPROVED: {
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

const EVERY_PAIR = PROPOSAL_STATUSES.flatMap((status) => PROPOSAL_EVENTS.map((event) => ({ status, event })));

describe("transition", () => {
  it.each(EVERY_PAIR.filter(({ status, event }) => EXPECTED[status][event] !== undefined))(
    "moves a $status proposal on $event to the expected status",
    ({ status, event }) => {
      expect(transition(status, event)).toEqual({ ok: true, status: EXPECTED[status][event] });
    },
  );

  it.each(EVERY_PAIR.filter(({ status, event }) => EXPECTED[status][event] === undefined))(
    "refuses $event on a $status proposal and names both in the reason",
    ({ status, event }) => {
      expect(transition(status, event)).toEqual({ ok: false, reason: `invalid_transition: ${status} -> ${event}` });
    },
  );

  it("takes a proposal through review, a change request, approval and publication", () => {
    const path: ProposalEvent[] = ["submit", "request_changes", "submit", "policy_satisfied", "publish"];
    let status: ProposalStatus = "DRAFT";
    for (const event of path) {
      const result = transition(status, event);
      if (!result.ok) throw new Error(result.reason);
      status = result.status;
    }
    expect(status).toBe("PUBLISHED");
  });

  it("sends an approved proposal back to review when its approvals go stale", () => {
    expect(transition("APPROVED", "policy_unsatisfied")).toEqual({ ok: true, status: "IN_REVIEW" });
  });
});

describe("allowedEvents", () => {
  it.each(PROPOSAL_STATUSES)("lists exactly the events a %s proposal accepts", (status) => {
    expect(allowedEvents(status)).toEqual(PROPOSAL_EVENTS.filter((event) => EXPECTED[status][event] !== undefined));
  });
});

describe("final statuses", () => {
  it("treats published, rejected and withdrawn proposals as final and nothing else", () => {
    expect(PROPOSAL_STATUSES.filter(isFinal)).toEqual(["PUBLISHED", "REJECTED", "WITHDRAWN"]);
  });

  it("accepts no event at all in a final status", () => {
    for (const status of PROPOSAL_STATUSES.filter(isFinal)) {
      expect(allowedEvents(status)).toEqual([]);
    }
  });
});

describe("canEditContent", () => {
  it("allows editing while the proposal is open, including in review and after approval", () => {
    expect(PROPOSAL_STATUSES.filter(canEditContent)).toEqual(["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"]);
  });
});

describe("isProposalStatus and isProposalEvent", () => {
  it("recognizes every status and event and refuses other strings", () => {
    expect(PROPOSAL_STATUSES.every(isProposalStatus)).toBe(true);
    expect(PROPOSAL_EVENTS.every(isProposalEvent)).toBe(true);
    expect(isProposalStatus("draft")).toBe(false);
    expect(isProposalStatus("ARCHIVED")).toBe(false);
    expect(isProposalEvent("approve")).toBe(false);
  });
});

describe("STATUS_LABELS", () => {
  it("names every status in Vietnamese with the handbook's vocabulary", () => {
    expect(PROPOSAL_STATUSES.map((status) => STATUS_LABELS[status].vi)).toEqual([
      "Bản nháp",
      "Đang thẩm định",
      "Yêu cầu chỉnh sửa",
      "Đã phê duyệt",
      "Đã ban hành",
      "Từ chối",
      "Đã rút",
    ]);
  });

  it("gives every status an English label", () => {
    for (const status of PROPOSAL_STATUSES) expect(STATUS_LABELS[status].en.length).toBeGreaterThan(0);
  });
});
