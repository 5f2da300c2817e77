import { AppError } from "../errors";
import type { Role } from "../domain/roles";

/**
 * Who may do what. Every entry point (pages, route handlers, server actions, the REST API and
 * the collaboration server) asks here, with an actor loaded from the database, never from a
 * cached token claim alone. Framework-free so that the rules are unit-tested in isolation.
 */

export interface Actor {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string | null;
  /** Acting through a read-scope API token: every rule that changes something says no. */
  readOnly?: boolean;
}

/** What the rules need to know about a proposal. */
export interface ProposalResource {
  kind: "proposal";
  status: string;
  createdById: string;
  organizationId: string;
  authorIds: readonly string[];
  allowOtherOrgs: boolean;
}

const EDITABLE_STATUSES = new Set(["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"]);
const REVIEWABLE_STATUSES = new Set(["IN_REVIEW", "APPROVED"]);
const PUBLIC_PROPOSAL_STATUSES = new Set(["PUBLISHED"]);

export type Action =
  | "document:read"
  | "document:import"
  | "edition:create"
  | "version:withdraw"
  | "admin:manage"
  | "audit:read"
  | "policy:edit"
  | "apiToken:create"
  | "reviewerKey:manage"
  | "workspace:enter"
  | "review:queue"
  | "proposal:create"
  | "proposal:read"
  | "proposal:edit"
  | "proposal:suggest"
  | "proposal:invite"
  | "proposal:submit"
  | "proposal:withdraw"
  | "proposal:comment"
  | "proposal:review"
  | "proposal:publish"
  | "proposal:resolve"
  | "consultation:open"
  | "consultation:comment"
  | "consultation:answer"
  | "consultation:moderate";

type Rule = (actor: Actor | null, resource?: ProposalResource) => boolean;

const isSignedIn = (actor: Actor | null): actor is Actor => actor !== null;
const isAdmin = (actor: Actor | null) => actor?.role === "ADMIN";
const isAuthor = (actor: Actor | null, proposal: ProposalResource | undefined) =>
  !!actor && !!proposal && (proposal.createdById === actor.id || proposal.authorIds.includes(actor.id));
const isReviewer = (actor: Actor | null) => actor?.role === "REVIEWER" || actor?.role === "ADMIN";

const RULES: Record<Action, Rule> = {
  "document:read": () => true,
  "document:import": (actor) => isAdmin(actor),
  // Naming an edition and withdrawing a published version speak for the handbook as a whole.
  "edition:create": (actor) => isAdmin(actor),
  "version:withdraw": (actor) => isAdmin(actor),
  "admin:manage": (actor) => isAdmin(actor),
  "audit:read": (actor) => isAdmin(actor),
  "policy:edit": (actor) => isAdmin(actor),
  "apiToken:create": (actor) => isSignedIn(actor),
  // Reviewers sign their approvals, so they (and admins, who review too) hold signing keys.
  "reviewerKey:manage": (actor) => isReviewer(actor),
  "workspace:enter": (actor) => isSignedIn(actor),
  // A proposal speaks for a ministry, so its creator must belong to one (admins too).
  // Reviewers (and admins) see the proposals awaiting review; each review is checked per proposal.
  "review:queue": (actor) => isReviewer(actor),
  "proposal:create": (actor) =>
    !!actor && (actor.role === "CONTRIBUTOR" || actor.role === "ADMIN") && actor.organizationId !== null,
  "proposal:read": (actor, proposal) => {
    if (!proposal) return false;
    if (PUBLIC_PROPOSAL_STATUSES.has(proposal.status)) return true;
    if (!actor) return false;
    if (isReviewer(actor) || isAuthor(actor, proposal)) return true;
    // Colleagues of the proposing ministry may follow its drafts.
    return actor.organizationId === proposal.organizationId;
  },
  "proposal:edit": (actor, proposal) =>
    !!proposal && EDITABLE_STATUSES.has(proposal.status) && isAuthor(actor, proposal),
  // Suggestion mode: co-authors and reviewers propose changes that the authors accept or reject
  // (lib/domain/suggestions.ts); reviewers never write the draft themselves.
  "proposal:suggest": (actor, proposal) =>
    !!proposal && EDITABLE_STATUSES.has(proposal.status) && (isAuthor(actor, proposal) || (isReviewer(actor) && RULES["proposal:read"](actor, proposal))),
  "proposal:invite": (actor, proposal) =>
    !!proposal && EDITABLE_STATUSES.has(proposal.status) && (isAuthor(actor, proposal) || isAdmin(actor)),
  "proposal:submit": (actor, proposal) => !!proposal && isAuthor(actor, proposal),
  "proposal:withdraw": (actor, proposal) => !!proposal && (isAuthor(actor, proposal) || isAdmin(actor)),
  "proposal:comment": (actor, proposal) => isSignedIn(actor) && RULES["proposal:read"](actor, proposal),
  // Separation of duties beyond authorship (anyone who edited) is checked by the review policy.
  "proposal:review": (actor, proposal) =>
    !!proposal && isReviewer(actor) && !isAuthor(actor, proposal) && REVIEWABLE_STATUSES.has(proposal.status),
  "proposal:publish": (actor, proposal) => !!proposal && isReviewer(actor) && proposal.status === "APPROVED",
  "proposal:resolve": (actor, proposal) => !!proposal && isAuthor(actor, proposal),
  // Public consultation (lib/domain/consultation.ts): the authors or an admin open a proposal in
  // review for comment; anyone signed in comments (the window is checked by the use case); the
  // authors answer; the proposing ministry's reviewers (its moderators) and admins moderate.
  "consultation:open": (actor, proposal) => !!proposal && proposal.status === "IN_REVIEW" && (isAuthor(actor, proposal) || isAdmin(actor)),
  "consultation:comment": (actor, proposal) => !!proposal && isSignedIn(actor),
  "consultation:answer": (actor, proposal) => !!proposal && isAuthor(actor, proposal),
  "consultation:moderate": (actor, proposal) =>
    !!proposal && (isAdmin(actor) || (actor?.role === "REVIEWER" && actor.organizationId === proposal.organizationId)),
};

/** What a read-only actor may still do: look. */
const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>(["document:read", "proposal:read", "audit:read", "workspace:enter"]);

export function can(actor: Actor | null, action: Action, resource?: ProposalResource): boolean {
  if (actor === null && action !== "document:read" && action !== "proposal:read") return false;
  if (actor?.readOnly && !READ_ACTIONS.has(action)) return false;
  return RULES[action](actor, resource);
}

/** Throws 401 for anonymous actors and 403 for signed-in actors who lack the permission. */
export function authorize(actor: Actor | null, action: Action, resource?: ProposalResource): void {
  if (can(actor, action, resource)) return;
  if (actor === null) {
    throw new AppError("UNAUTHENTICATED", "signInRequired");
  }
  throw new AppError("FORBIDDEN", "forbiddenAction", { action });
}

export function requireActor(actor: Actor | null): Actor {
  if (actor) return actor;
  throw new AppError("UNAUTHENTICATED", "signInRequired");
}

/** Whether a co-author may be invited: same ministry, or any ministry when an admin allowed it. */
export function canJoinAsCoauthor(
  invitee: { role: Role; organizationId: string | null },
  proposal: Pick<ProposalResource, "organizationId" | "allowOtherOrgs">,
): boolean {
  if (invitee.role !== "CONTRIBUTOR" && invitee.role !== "ADMIN") return false;
  return proposal.allowOtherOrgs || invitee.organizationId === proposal.organizationId;
}

/** Mode in which an actor joins a proposal's live draft: writers edit, readers watch. */
export function collaborationAccess(actor: Actor | null, proposal: ProposalResource): "write" | "read" | "none" {
  if (!actor) return "none";
  if (can(actor, "proposal:edit", proposal)) return "write";
  if (can(actor, "proposal:read", proposal)) return "read";
  return "none";
}
