import type { Disposition } from "../../domain/consultation";
import type { Decision, SuggestionDecision } from "../../domain/notification-events";
import { plural } from "../plural";
import type { Messages } from "../vi";

const DECISION_WORDS: Record<Decision, string> = { approve: "approved", request_changes: "requested changes to", reject: "rejected" };
const DISPOSITION_WORDS: Record<Disposition, string> = {
  accepted: "accepted",
  partly_accepted: "partly accepted",
  not_accepted: "not accepted",
  explained: "explained",
};
const DECISION_SUBJECTS: Record<Decision, string> = { approve: "Approved", request_changes: "Changes requested", reject: "Rejected" };
const SUGGESTION_DECISION_WORDS: Record<SuggestionDecision, string> = { accept: "accepted", reject: "rejected" };
const SUGGESTION_DECISION_SUBJECTS: Record<SuggestionDecision, string> = { accept: "Suggestion accepted", reject: "Suggestion rejected" };

export const notifications: Messages["notifications"] = {
  heading: "Notifications",
  feedLink: "Your Atom feed (use an API token)",
  withChanges: (sentence, changes) => `${sentence} ${changes}.`,
  markAllRead: "Mark all as read",
  markedRead: "Every notification is marked as read.",
  unread: "unread",
  feedTitle: (params) => `Notifications for ${params.name} — Cẩm nang mở`,
  unreadable: "A notification cannot be shown (it was written by another release of the system).",
  kinds: {
    review_requested: (params) => `The proposal “${params.proposalTitle}” by ${params.organizationName} awaits review.`,
    decision: (params) => `${params.reviewerName} ${DECISION_WORDS[params.decision]} the proposal “${params.proposalTitle}”.`,
    comment: (params) => `${params.authorName} ${params.reply ? "replied to your comment" : "commented"} on the proposal “${params.proposalTitle}”.`,
    published: (params) => `The proposal “${params.proposalTitle}” was published as version ${params.versionNumber}.`,
    merge_conflict: (params) =>
      `The proposal “${params.proposalTitle}” has ${plural("en", params.conflictCount, { one: "# conflict", other: "# conflicts" })} with version ${params.versionNumber}; resolve them before review continues.`,
    coauthor_added: (params) => `${params.inviterName} invited you to co-write the proposal “${params.proposalTitle}”.`,
    consultation_comment: (params) => `${params.commenterName} commented in the public consultation on “${params.proposalTitle}”${params.pending ? " (awaiting moderation)" : ""}.`,
    consultation_answer: (params) => `Your comment on the proposal “${params.proposalTitle}” was answered: ${DISPOSITION_WORDS[params.disposition]}.`,
    consultation_published: (params) =>
      `The revised text of “${params.proposalTitle}”, which you commented on, was published as version ${params.versionNumber}, with the consultation report.`,
    suggestion_made: (params) => `${params.suggesterName} suggested a change to the draft of “${params.proposalTitle}”; accept or reject it.`,
    suggestion_decided: (params) =>
      `${params.deciderName} ${SUGGESTION_DECISION_WORDS[params.decision]} ${plural("en", params.count, { one: "your suggestion", other: "# of your suggestions" })} on the proposal “${params.proposalTitle}”.`,
  },
  subjects: {
    review_requested: (params) => `Awaiting your review: ${params.proposalTitle}`,
    decision: (params) => `${DECISION_SUBJECTS[params.decision]}: ${params.proposalTitle}`,
    comment: (params) => `New comment: ${params.proposalTitle}`,
    published: (params) => `Published: ${params.proposalTitle}`,
    merge_conflict: (params) => `Conflicts to resolve: ${params.proposalTitle}`,
    coauthor_added: (params) => `Invitation to co-write: ${params.proposalTitle}`,
    consultation_comment: (params) => `New consultation comment: ${params.proposalTitle}`,
    consultation_answer: (params) => `Your comment was answered: ${params.proposalTitle}`,
    consultation_published: (params) => `Published, with the consultation report: ${params.proposalTitle}`,
    suggestion_made: (params) => `New suggestion: ${params.proposalTitle}`,
    suggestion_decided: (params) => `${SUGGESTION_DECISION_SUBJECTS[params.decision]}: ${params.proposalTitle}`,
  },
  preferences: {
    heading: "Email notifications",
    language: "Language of emails and feeds",
    delivery: "Send notification emails",
    deliveryOptions: {
      IMMEDIATE: "As soon as something happens",
      DAILY: "One digest a day (7 a.m.)",
      NONE: "Never",
    },
    languages: { vi: "Tiếng Việt", en: "English" },
    save: "Save",
    saved: "Your notification choices were saved.",
    mailOff: "This server has no email configured yet; your choices are kept and apply once it has.",
  },
};
