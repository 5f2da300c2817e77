import { describe, expect, it } from "vitest";
import {
  canReviewerApprove,
  consultationBlocksApproval,
  POLICY_ITEM_KEYS,
  evaluatePolicy,
  type PolicyInput,
  type PolicyReview,
  type PolicyTouchedSection,
} from "./review-policy";

const CURRENT_HASH = "hash-now";
const OLD_HASH = "hash-before";

const FINANCE: PolicyTouchedSection = {
  sectionId: "s-finance",
  title: "Tài chính số",
  ownerOrganizationId: "org-btc",
  ownerOrganizationName: "Bộ Tài chính",
};
const UNOWNED: PolicyTouchedSection = {
  sectionId: "s-intro",
  title: "Lời giới thiệu",
  ownerOrganizationId: null,
  ownerOrganizationName: null,
};

let nextReviewNumber = 0;
function review(overrides: Partial<PolicyReview> & Pick<PolicyReview, "reviewerId">): PolicyReview {
  nextReviewNumber += 1;
  return {
    id: `r${nextReviewNumber}`,
    reviewerName: `Người thẩm định ${overrides.reviewerId}`,
    reviewerOrganizationId: "org-tttt",
    decision: "APPROVE",
    contentHash: CURRENT_HASH,
    onCurrentBase: true,
    signature: "valid",
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, nextReviewNumber)),
    ...overrides,
  };
}

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    requiredApprovals: 2,
    currentContentHash: CURRENT_HASH,
    contributorIds: ["author", "coauthor"],
    touchedSections: [UNOWNED],
    reviews: [],
    ...overrides,
  };
}

function item(evaluation: ReturnType<typeof evaluatePolicy>, key: string) {
  return evaluation.items.find((candidate) => candidate.key === key);
}

describe("evaluatePolicy", () => {
  it("is satisfied by enough fresh approvals from people who did not write the proposal", () => {
    const evaluation = evaluatePolicy(
      input({ reviews: [review({ reviewerId: "minh" }), review({ reviewerId: "hoa" })] }),
    );
    expect(evaluation.satisfied).toBe(true);
    expect(evaluation.approvalsCounted).toBe(2);
    expect(evaluation.approvalsRequired).toBe(2);
    expect(item(evaluation, "approvals")).toEqual({
      key: "approvals",
      ok: true,
      label: { vi: "2/2 phê duyệt", en: "2/2 approvals" },
    });
    expect(evaluation.reviews.every((assessment) => assessment.counted)).toBe(true);
  });

  it("is not satisfied while suggested changes wait for a decision, and says how many", () => {
    const approvals = [review({ reviewerId: "minh" }), review({ reviewerId: "hoa" })];
    const waiting = evaluatePolicy(input({ reviews: approvals, pendingSuggestions: 2 }));
    expect(waiting.satisfied).toBe(false);
    expect(item(waiting, "suggestions-decided")).toEqual({
      key: "suggestions-decided",
      ok: false,
      label: { vi: "Còn 2 đề xuất sửa chưa được xử lý", en: "2 suggested change(s) still to accept or reject" },
    });
    const decided = evaluatePolicy(input({ reviews: approvals, pendingSuggestions: 0 }));
    expect(decided.satisfied).toBe(true);
    expect(item(decided, "suggestions-decided")).toBeUndefined();
  });

  it("is not satisfied with fewer approvals than required and says how many are missing", () => {
    const evaluation = evaluatePolicy(input({ reviews: [review({ reviewerId: "minh" })] }));
    expect(evaluation.satisfied).toBe(false);
    expect(item(evaluation, "approvals")).toMatchObject({ ok: false, label: { vi: "1/2 phê duyệt", en: "1/2 approvals" } });
  });

  it("does not count an approval given to content that has changed since, and marks it stale", () => {
    const staleApproval = review({ reviewerId: "hoa", contentHash: OLD_HASH });
    const evaluation = evaluatePolicy(input({ reviews: [review({ reviewerId: "minh" }), staleApproval] }));
    expect(evaluation.satisfied).toBe(false);
    expect(evaluation.approvalsCounted).toBe(1);
    expect(evaluation.reviews.find((assessment) => assessment.id === staleApproval.id)).toEqual({
      id: staleApproval.id,
      stale: true,
      counted: false,
      reasonNotCounted: "stale",
    });
  });

  it("does not count a contributor's approval of their own proposal", () => {
    const selfApproval = review({ reviewerId: "coauthor" });
    const evaluation = evaluatePolicy(input({ reviews: [review({ reviewerId: "minh" }), selfApproval] }));
    expect(evaluation.approvalsCounted).toBe(1);
    expect(evaluation.reviews.find((assessment) => assessment.id === selfApproval.id)).toMatchObject({
      counted: false,
      reasonNotCounted: "self_review",
    });
  });

  it("counts only each reviewer's latest review and marks the earlier ones superseded", () => {
    const first = review({ reviewerId: "minh", decision: "REQUEST_CHANGES", contentHash: OLD_HASH });
    const second = review({ reviewerId: "minh" });
    const evaluation = evaluatePolicy(input({ requiredApprovals: 1, reviews: [first, second] }));
    expect(evaluation.satisfied).toBe(true);
    expect(evaluation.reviews).toEqual([
      { id: first.id, stale: true, counted: false, reasonNotCounted: "superseded" },
      { id: second.id, stale: false, counted: true, reasonNotCounted: null },
    ]);
  });

  it("never counts two approvals from the same reviewer", () => {
    const evaluation = evaluatePolicy(input({ reviews: [review({ reviewerId: "minh" }), review({ reviewerId: "minh" })] }));
    expect(evaluation.approvalsCounted).toBe(1);
    expect(evaluation.reviews.map((assessment) => assessment.reasonNotCounted)).toEqual(["superseded", null]);
  });

  it("decides which review is latest by its time, not by its place in the list", () => {
    const later = review({ reviewerId: "minh", decision: "REJECT" });
    const earlier = review({ reviewerId: "minh", createdAt: new Date(Date.UTC(2024, 0, 1)) });
    const evaluation = evaluatePolicy(input({ requiredApprovals: 0, reviews: [later, earlier] }));
    expect(evaluation.reviews.map((assessment) => assessment.reasonNotCounted)).toEqual(["not_approval", "superseded"]);
    expect(evaluation.satisfied).toBe(false);
  });

  it("blocks on an outstanding change request and names the reviewer in a failing item", () => {
    const changeRequest = review({ reviewerId: "lan", reviewerName: "Chị Lan", decision: "REQUEST_CHANGES" });
    const evaluation = evaluatePolicy(
      input({ reviews: [review({ reviewerId: "minh" }), review({ reviewerId: "hoa" }), changeRequest] }),
    );
    expect(evaluation.satisfied).toBe(false);
    expect(evaluation.approvalsCounted).toBe(2);
    expect(item(evaluation, `objection:${changeRequest.id}`)).toEqual({
      key: `objection:${changeRequest.id}`,
      ok: false,
      label: { vi: "Chị Lan yêu cầu chỉnh sửa", en: "Chị Lan requested changes" },
    });
    expect(evaluation.reviews.find((assessment) => assessment.id === changeRequest.id)?.reasonNotCounted).toBe(
      "not_approval",
    );
  });

  it("blocks on an outstanding rejection", () => {
    const rejection = review({ reviewerId: "lan", reviewerName: "Chị Lan", decision: "REJECT" });
    const evaluation = evaluatePolicy(input({ requiredApprovals: 0, reviews: [rejection] }));
    expect(evaluation.satisfied).toBe(false);
    expect(item(evaluation, `objection:${rejection.id}`)?.label.vi).toBe("Chị Lan đã từ chối");
  });

  it("no longer blocks on a change request once the content has changed since it was made", () => {
    const oldRequest = review({ reviewerId: "lan", decision: "REQUEST_CHANGES", contentHash: OLD_HASH });
    const evaluation = evaluatePolicy(
      input({ reviews: [oldRequest, review({ reviewerId: "minh" }), review({ reviewerId: "hoa" })] }),
    );
    expect(evaluation.satisfied).toBe(true);
    expect(item(evaluation, "no-objections")?.ok).toBe(true);
  });

  it("no longer blocks on a change request that the same reviewer followed with an approval", () => {
    const evaluation = evaluatePolicy(
      input({
        requiredApprovals: 1,
        reviews: [review({ reviewerId: "minh", decision: "REQUEST_CHANGES" }), review({ reviewerId: "minh" })],
      }),
    );
    expect(evaluation.satisfied).toBe(true);
  });

  it("shows a passing objections item when nobody objects", () => {
    const evaluation = evaluatePolicy(input({ requiredApprovals: 0 }));
    expect(item(evaluation, "no-objections")).toEqual({
      key: "no-objections",
      ok: true,
      label: { vi: "Không có yêu cầu chỉnh sửa hay từ chối", en: "No outstanding change requests or rejections" },
    });
  });

  it("requires an approval from each ministry that owns a touched section", () => {
    const evaluation = evaluatePolicy(
      input({ touchedSections: [FINANCE, UNOWNED], reviews: [review({ reviewerId: "minh" }), review({ reviewerId: "hoa" })] }),
    );
    expect(evaluation.satisfied).toBe(false);
    expect(item(evaluation, "organization:org-btc")).toEqual({
      key: "organization:org-btc",
      ok: false,
      label: { vi: "Phê duyệt của Bộ Tài chính", en: "Approval from Bộ Tài chính" },
    });
  });

  it("is satisfied once a reviewer of the owning ministry approves", () => {
    const evaluation = evaluatePolicy(
      input({
        touchedSections: [FINANCE],
        reviews: [review({ reviewerId: "minh" }), review({ reviewerId: "thu", reviewerOrganizationId: "org-btc" })],
      }),
    );
    expect(evaluation.satisfied).toBe(true);
    expect(item(evaluation, "organization:org-btc")?.ok).toBe(true);
  });

  it("does not accept a stale or self-given approval as the owning ministry's approval", () => {
    const evaluation = evaluatePolicy(
      input({
        requiredApprovals: 1,
        contributorIds: ["author"],
        touchedSections: [FINANCE],
        reviews: [
          review({ reviewerId: "minh" }),
          review({ reviewerId: "thu", reviewerOrganizationId: "org-btc", contentHash: OLD_HASH }),
          review({ reviewerId: "author", reviewerOrganizationId: "org-btc" }),
        ],
      }),
    );
    expect(item(evaluation, "organization:org-btc")?.ok).toBe(false);
    expect(evaluation.satisfied).toBe(false);
  });

  it("lists each owning ministry once however many of its sections are touched", () => {
    const secondFinanceSection = { ...FINANCE, sectionId: "s-budget", title: "Ngân sách" };
    const health = { ...FINANCE, sectionId: "s-health", ownerOrganizationId: "org-byt", ownerOrganizationName: "Bộ Y tế" };
    const evaluation = evaluatePolicy(input({ touchedSections: [FINANCE, health, secondFinanceSection] }));
    expect(evaluation.items.filter((candidate) => candidate.key.startsWith("organization:")).map((c) => c.key)).toEqual([
      "organization:org-btc",
      "organization:org-byt",
    ]);
  });

  it("names a ministry by its id when its name is unknown", () => {
    const evaluation = evaluatePolicy(input({ touchedSections: [{ ...FINANCE, ownerOrganizationName: null }] }));
    expect(item(evaluation, "organization:org-btc")?.label.en).toBe("Approval from org-btc");
  });

  it("does not let a proposal without changes be published, whatever the approvals", () => {
    const evaluation = evaluatePolicy(
      input({ touchedSections: [], reviews: [review({ reviewerId: "minh" }), review({ reviewerId: "hoa" })] }),
    );
    expect(evaluation.satisfied).toBe(false);
    expect(item(evaluation, "has-changes")).toEqual({
      key: "has-changes",
      ok: false,
      label: { vi: "Có thay đổi so với bản gốc", en: "Has changes" },
    });
  });

  it("keeps the assessments in the order the reviews were given to it", () => {
    const reviews = [review({ reviewerId: "a" }), review({ reviewerId: "b" }), review({ reviewerId: "c" })];
    expect(evaluatePolicy(input({ reviews })).reviews.map((assessment) => assessment.id)).toEqual(
      reviews.map((given) => given.id),
    );
  });

  it("treats a policy of zero required approvals as satisfied by changes alone", () => {
    expect(evaluatePolicy(input({ requiredApprovals: 0 })).satisfied).toBe(true);
  });
});

describe("evaluatePolicy with signatures and bases", () => {
  const owners = (reviews: PolicyReview[]) => evaluatePolicy(input({ reviews }));

  it("counts an approval only when its signature verifies", () => {
    const signed = owners([review({ reviewerId: "minh" }), review({ reviewerId: "thu", reviewerOrganizationId: "org-btc" })]);
    const cases: [PolicyReview["signature"], string | null][] = [
      ["valid", null],
      ["missing", "unsigned"],
      ["invalid", "signature_invalid"],
    ];
    for (const [signature, reason] of cases) {
      const evaluation = owners([review({ reviewerId: "minh" }), review({ reviewerId: "thu", reviewerOrganizationId: "org-btc", signature })]);
      expect(evaluation.reviews[1].reasonNotCounted).toBe(reason);
      expect(evaluation.approvalsCounted).toBe(reason === null ? signed.approvalsCounted : signed.approvalsCounted - 1);
    }
  });

  it("makes approvals given on another base version stale, even for the same content", () => {
    const evaluation = evaluatePolicy(input({ requiredApprovals: 1, reviews: [review({ reviewerId: "minh", onCurrentBase: false })] }));
    expect(evaluation.reviews[0]).toMatchObject({ stale: true, counted: false, reasonNotCounted: "stale" });
    expect(evaluation.items.find((item) => item.key === POLICY_ITEM_KEYS.approvals)?.ok).toBe(false);
  });

  it("keeps the checklist and the verdict in agreement whatever the reviews", () => {
    const states: PolicyReview["signature"][] = ["valid", "missing", "invalid"];
    for (const signature of states) {
      for (const onCurrentBase of [true, false]) {
        const evaluation = owners([review({ reviewerId: "minh", signature, onCurrentBase }), review({ reviewerId: "thu", reviewerOrganizationId: "org-btc" })]);
        expect(evaluation.satisfied).toBe(evaluation.items.every((item) => item.ok));
      }
    }
  });
});

describe("canReviewerApprove", () => {
  it("refuses authors, co-authors and editors and allows everyone else", () => {
    expect(canReviewerApprove("author", ["author", "editor"])).toBe(false);
    expect(canReviewerApprove("editor", ["author", "editor"])).toBe(false);
    expect(canReviewerApprove("minh", ["author", "editor"])).toBe(true);
  });
});

describe("evaluatePolicy after a public consultation", () => {
  const approved = () => [review({ reviewerId: "minh" }), review({ reviewerId: "hoa" })];

  it("is not satisfied while a consultation comment has no answer, and says how many", () => {
    const evaluation = evaluatePolicy(input({ reviews: approved(), unansweredConsultationComments: 2 }));
    expect(evaluation.satisfied).toBe(false);
    expect(item(evaluation, POLICY_ITEM_KEYS.consultationAnswered)).toEqual({
      key: "consultation-answered",
      ok: false,
      label: { vi: "2 ý kiến góp ý chưa được trả lời", en: "2 consultation comments not yet answered" },
    });
    expect(consultationBlocksApproval(2)).toBe(true);
  });

  it("is satisfied once every comment is answered, and has no consultation item without a consultation", () => {
    const answered = evaluatePolicy(input({ reviews: approved(), unansweredConsultationComments: 0 }));
    expect(answered.satisfied).toBe(true);
    expect(item(answered, POLICY_ITEM_KEYS.consultationAnswered)?.ok).toBe(true);
    const none = evaluatePolicy(input({ reviews: approved() }));
    expect(item(none, POLICY_ITEM_KEYS.consultationAnswered)).toBeUndefined();
    expect(consultationBlocksApproval(0)).toBe(false);
    expect(consultationBlocksApproval(null)).toBe(false);
  });
});
