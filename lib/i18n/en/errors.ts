import type { Messages } from "../vi";

export const errors: Messages["errors"] = {
  generic: () => "Something went wrong. Nothing was saved; please try again.",
  internal: () => "Internal server error; nothing was saved.",
  forbiddenPage: () => "You do not have permission to see this page.",
  signInRequired: () => "You need to sign in to do this.",
  forbiddenAction: (params) => `You are not allowed to do this (${params.action}).`,
  invalidOrigin: () => "The request's origin is invalid.",
  crossOrigin: () => "Requests from another website are refused.",
  payloadTooLarge: (params) => `The request body is too large (at most ${params.limitBytes} bytes).`,
  malformedJson: () => "The body is not valid JSON.",
  invalidInput: (params) => `Invalid input: ${params.issues}`,
  positiveInteger: (params) => `Parameter ${params.name} must be a positive integer.`,
  mailDisabled: () => "This server has no email configured.",
  invalidEmail: () => "This email address is not valid; please check it.",
  tooManySubscriptionRequests: () => "Too many subscription requests; please try again in a few minutes.",
  subscriptionTargetNotFound: () => "The document or section to follow was not found.",
  invalidEmailPreferences: () => "These notification choices are not valid; nothing was changed.",
  invalidMailLink: () => "This link is invalid; use the link exactly as it is in the email.",
  pdfTooLarge: (params) => `This version is too long to make a PDF of (at most ${params.limitChars} characters); download the Markdown or HTML file instead.`,
};
