import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { authorize, can, canJoinAsCoauthor, collaborationAccess, type Actor, type ProposalResource } from "./index";

const mof = "org-mof";
const mic = "org-mic";
const actor = (id: string, role: Actor["role"], organizationId: string | null = mof): Actor => ({
  id, name: id, email: `${id}@example.vn`, role, organizationId,
});
const lan = actor("lan", "CONTRIBUTOR");
const hoa = actor("hoa", "CONTRIBUTOR");
const tuan = actor("tuan", "CONTRIBUTOR", mic);
const minh = actor("minh", "REVIEWER", mic);
const admin = actor("admin", "ADMIN", mic);
const reader = actor("reader", "READER", null);

const proposal = (status: string, overrides: Partial<ProposalResource> = {}): ProposalResource => ({
  kind: "proposal", status, createdById: lan.id, organizationId: mof, authorIds: [lan.id], allowOtherOrgs: false, ...overrides,
});

describe("permissions", () => {
  it("lets co-authors and reviewers suggest changes while the draft is open, never readers, colleagues or anyone on a closed proposal", () => {
    expect(can(lan, "proposal:suggest", proposal("IN_REVIEW"))).toBe(true);
    expect(can(minh, "proposal:suggest", proposal("IN_REVIEW"))).toBe(true);
    expect(can(minh, "proposal:suggest", proposal("PUBLISHED"))).toBe(false);
    expect(can(hoa, "proposal:suggest", proposal("IN_REVIEW"))).toBe(false);
    expect(can(reader, "proposal:suggest", proposal("IN_REVIEW"))).toBe(false);
    expect(can(null, "proposal:suggest", proposal("IN_REVIEW"))).toBe(false);
    expect(can({ ...minh, readOnly: true }, "proposal:suggest", proposal("IN_REVIEW"))).toBe(false);
    // Reviewers suggest, but only authors write (and so decide on suggestions).
    expect(can(minh, "proposal:edit", proposal("IN_REVIEW"))).toBe(false);
  });

  it("lets authors or admins open a proposal in review for public comment, anyone signed in comment, authors answer, the ministry's reviewers moderate", () => {
    const khoa = actor("khoa", "REVIEWER", mof);
    expect(can(lan, "consultation:open", proposal("IN_REVIEW"))).toBe(true);
    expect(can(admin, "consultation:open", proposal("IN_REVIEW"))).toBe(true);
    expect(can(lan, "consultation:open", proposal("DRAFT"))).toBe(false);
    expect(can(hoa, "consultation:open", proposal("IN_REVIEW"))).toBe(false);
    expect(can(minh, "consultation:open", proposal("IN_REVIEW"))).toBe(false);
    expect(can(reader, "consultation:comment", proposal("IN_REVIEW"))).toBe(true);
    expect(can(null, "consultation:comment", proposal("IN_REVIEW"))).toBe(false);
    expect(can({ ...reader, readOnly: true }, "consultation:comment", proposal("IN_REVIEW"))).toBe(false);
    expect(can(lan, "consultation:answer", proposal("IN_REVIEW"))).toBe(true);
    expect(can(reader, "consultation:answer", proposal("IN_REVIEW"))).toBe(false);
    expect(can(minh, "consultation:answer", proposal("IN_REVIEW"))).toBe(false);
    expect(can(khoa, "consultation:moderate", proposal("IN_REVIEW"))).toBe(true);
    expect(can(minh, "consultation:moderate", proposal("IN_REVIEW"))).toBe(false);
    expect(can(admin, "consultation:moderate", proposal("IN_REVIEW"))).toBe(true);
    expect(can(lan, "consultation:moderate", proposal("IN_REVIEW"))).toBe(false);
  });

  it("lets anyone, signed in or not, read the published handbook", () => {
    expect(can(null, "document:read")).toBe(true);
    expect(can(reader, "document:read")).toBe(true);
  });

  it("shows the review queue to reviewers and admins only", () => {
    expect(can(minh, "review:queue")).toBe(true);
    expect(can(admin, "review:queue")).toBe(true);
    expect(can(lan, "review:queue")).toBe(false);
    expect(can(reader, "review:queue")).toBe(false);
    expect(can(null, "review:queue")).toBe(false);
  });

  it("keeps drafts invisible to the public and to readers", () => {
    expect(can(null, "proposal:read", proposal("DRAFT"))).toBe(false);
    expect(can(reader, "proposal:read", proposal("IN_REVIEW"))).toBe(false);
    expect(can(null, "proposal:read", proposal("PUBLISHED"))).toBe(true);
  });

  it("lets authors, colleagues of the ministry, reviewers and admins read a draft", () => {
    expect(can(lan, "proposal:read", proposal("DRAFT"))).toBe(true);
    expect(can(hoa, "proposal:read", proposal("DRAFT"))).toBe(true);
    expect(can(minh, "proposal:read", proposal("DRAFT"))).toBe(true);
    expect(can(admin, "proposal:read", proposal("DRAFT"))).toBe(true);
    expect(can(tuan, "proposal:read", proposal("DRAFT"))).toBe(false);
  });

  it("lets only contributors and admins who belong to a ministry create proposals", () => {
    expect(can(lan, "proposal:create")).toBe(true);
    expect(can(admin, "proposal:create")).toBe(true);
    expect(can(minh, "proposal:create")).toBe(false);
    expect(can(reader, "proposal:create")).toBe(false);
    expect(can(actor("x", "CONTRIBUTOR", null), "proposal:create")).toBe(false);
  });

  it("lets only authors edit, and only while the proposal is open", () => {
    expect(can(lan, "proposal:edit", proposal("DRAFT"))).toBe(true);
    expect(can(hoa, "proposal:edit", proposal("DRAFT"))).toBe(false);
    expect(can(hoa, "proposal:edit", proposal("DRAFT", { authorIds: [lan.id, hoa.id] }))).toBe(true);
    expect(can(lan, "proposal:edit", proposal("PUBLISHED"))).toBe(false);
    expect(can(admin, "proposal:edit", proposal("DRAFT"))).toBe(false);
  });

  it("never lets authors review their own proposal", () => {
    const ownedByReviewer = proposal("IN_REVIEW", { createdById: minh.id, authorIds: [minh.id] });
    expect(can(minh, "proposal:review", ownedByReviewer)).toBe(false);
    expect(can(minh, "proposal:review", proposal("IN_REVIEW"))).toBe(true);
    expect(can(minh, "proposal:review", proposal("DRAFT"))).toBe(false);
    expect(can(lan, "proposal:review", proposal("IN_REVIEW"))).toBe(false);
  });

  it("lets reviewers publish only approved proposals", () => {
    expect(can(minh, "proposal:publish", proposal("APPROVED"))).toBe(true);
    expect(can(minh, "proposal:publish", proposal("IN_REVIEW"))).toBe(false);
    expect(can(lan, "proposal:publish", proposal("APPROVED"))).toBe(false);
  });

  it("gives writers write access to the live draft, reviewers read access, others none", () => {
    expect(collaborationAccess(lan, proposal("DRAFT"))).toBe("write");
    expect(collaborationAccess(minh, proposal("DRAFT"))).toBe("read");
    expect(collaborationAccess(tuan, proposal("DRAFT"))).toBe("none");
    expect(collaborationAccess(null, proposal("DRAFT"))).toBe("none");
    expect(collaborationAccess(lan, proposal("PUBLISHED"))).toBe("read");
  });

  it("limits co-authors to the proposing ministry unless an admin allowed others", () => {
    expect(canJoinAsCoauthor(hoa, proposal("DRAFT"))).toBe(true);
    expect(canJoinAsCoauthor(tuan, proposal("DRAFT"))).toBe(false);
    expect(canJoinAsCoauthor(tuan, proposal("DRAFT", { allowOtherOrgs: true }))).toBe(true);
    expect(canJoinAsCoauthor(minh, proposal("DRAFT", { allowOtherOrgs: true }))).toBe(false);
  });

  it("answers 401 to anonymous actors and 403 to signed-in ones", () => {
    expect(() => authorize(null, "admin:manage")).toThrowError(AppError);
    try { authorize(null, "admin:manage"); } catch (error) { expect((error as AppError).code).toBe("UNAUTHENTICATED"); }
    try { authorize(lan, "admin:manage"); } catch (error) { expect((error as AppError).code).toBe("FORBIDDEN"); }
    expect(() => authorize(admin, "admin:manage")).not.toThrow();
  });
});

describe("an actor behind a read-only API token", () => {
  const readOnlyLan: Actor = { ...lan, readOnly: true };
  const readOnlyAdmin: Actor = { ...admin, readOnly: true };

  it("may still read what the person may read", () => {
    expect(can(readOnlyLan, "proposal:read", proposal("DRAFT"))).toBe(true);
    expect(can(readOnlyAdmin, "audit:read")).toBe(true);
  });

  it("may change nothing the person could change", () => {
    const draft = proposal("DRAFT");
    for (const action of ["proposal:create", "proposal:edit", "proposal:submit", "proposal:comment", "proposal:invite", "apiToken:create"] as const) {
      expect(can(lan, action, draft)).toBe(true);
      expect(can(readOnlyLan, action, draft)).toBe(false);
    }
    expect(can(readOnlyAdmin, "admin:manage")).toBe(false);
    expect(() => authorize(readOnlyLan, "proposal:edit", draft)).toThrow(AppError);
  });

  it("joins a live draft read-only even as its author", () => {
    expect(collaborationAccess(lan, proposal("DRAFT"))).toBe("write");
    expect(collaborationAccess(readOnlyLan, proposal("DRAFT"))).toBe("read");
  });
});
