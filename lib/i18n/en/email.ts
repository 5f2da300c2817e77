import { plural } from "../plural";
import type { Messages } from "../vi";

export const email: Messages["email"] = {
  signature: "Cẩm nang mở — the Digital Transformation Handbook",
  openProposal: (params) => `Open the proposal: ${params.url}`,
  personFooter: (params) =>
    `You get this email because you have an account on Cẩm nang mở. Choose immediate emails, one daily digest, or none: ${params.preferencesUrl}\nStop all notification emails: ${params.unsubscribeUrl}`,
  digestSubject: (params) => `Cẩm nang mở: ${plural("en", params.count, { one: "# notification", other: "# notifications" })} today`,
  digestIntro: (params) => `A digest of ${plural("en", params.count, { one: "# notification", other: "# notifications" })} since the last one:`,
  documentTarget: (params) => `the document “${params.documentTitle}”`,
  sectionTarget: (params) => `the section “${params.sectionTitle}” of “${params.documentTitle}”`,
  registerSubject: "Confirm your commenting account on Cẩm nang mở",
  registerBody: (params) =>
    `Hello ${params.name},\n\nTo finish registering your commenting account, open this link (valid for ${params.hours} hours):\n${params.url}\n\nIf you did not register, ignore this email; no account will be made.`,
  confirmSubject: (params) => `Confirm your subscription to ${params.target}`,
  confirmBody: (params) =>
    `Someone (we hope you) asked for an email whenever ${params.target} has a new version.\n\nConfirm the subscription: ${params.url}\n\nIf it was not you, ignore this email: an unconfirmed subscription is deleted after ${params.hours} hours.`,
  publishedSubject: (params) => `${params.documentTitle}: version ${params.versionNumber} published`,
  publishedIntro: (params) => `Version ${params.versionNumber} of “${params.documentTitle}” was published on ${params.date}.`,
  publishedChanges: (params) => `Summary of changes: ${params.summary}.`,
  changedSections: "Sections changed:",
  readVersion: (params) => `Read this version: ${params.url}`,
  compareVersions: (params) => `See what changed: ${params.url}`,
  subscriptionFooter: (params) => `You get this email because you subscribed to ${params.target}. Unsubscribe: ${params.unsubscribeUrl}`,
  pages: {
    subscribeLink: "Email updates",
    subscribeTitle: (params) => `Email updates: ${params.documentTitle}`,
    subscribeIntro: "Get one email whenever a new version is published. No account needed; every email has a link to unsubscribe at any time.",
    emailLabel: "Email address",
    scopeLabel: "Follow",
    wholeDocument: "The whole document",
    sectionOption: (params) => `Only the section “${params.sectionTitle}”`,
    submit: "Subscribe",
    sent: (params) =>
      `If this address was not subscribed yet, we sent it a confirmation email. Open the link in it (valid for ${params.hours} hours) to start receiving updates.`,
    privacy: "The address is used only to send news of the handbook, and is deleted when you unsubscribe.",
    unavailable: "This server has no email configured, so subscriptions are not available yet.",
    confirmTitle: "Confirm subscription",
    confirmed: (params) => `Confirmed. You will get an email whenever ${params.target} has a new version.`,
    confirmFailed: "This confirmation link is invalid or has expired. Please subscribe again.",
    unsubscribeTitle: "Unsubscribe",
    unsubscribeQuestion: (params) => `Stop emails about ${params.target}?`,
    personQuestion: (params) => `Stop all notification emails from Cẩm nang mở to ${params.email}?`,
    unsubscribeButton: "Unsubscribe",
    unsubscribed: "Done. You will not get this email any more.",
    personUnsubscribed: "Notification emails are off. You still see notifications in your workspace, and can turn emails back on there.",
    invalidLink: "This link is invalid. Please use the link exactly as it is in the email.",
    backToDocument: "Back to the document",
  },
};
