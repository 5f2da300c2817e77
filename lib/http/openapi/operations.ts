import { z } from "zod";
import type { Messages } from "../../i18n/messages";
import { consultationCommentInput } from "../../services/consultation/add-consultation-comment";
import { answerInput } from "../../services/consultation/answer-consultation-comment";
import { openConsultationInput } from "../../services/consultation/open-consultation";
import { commentInput } from "../../services/proposals/add-comment";
import { suggestionInput } from "../../services/suggestions/create-suggestion";
import { decisionInput } from "../../services/suggestions/decide-suggestions";
import { proposalFieldsInput } from "../../services/proposals/create-proposal";
import { publishInput } from "../../services/proposals/publish-proposal";
import { replaceSectionInput } from "../../services/proposals/replace-section-content";
import { reviewInput } from "../../services/proposals/review-proposal";
import { registerReviewerKeyInput } from "../../services/workspace/reviewer-keys";
import * as S from "./schemas";

/**
 * Every operation of /api/v1, the one list the OpenAPI document (./document.ts), the reference
 * page (/tai-lieu-api) and the contract tests read. A route file under app/api/v1 without its
 * operations here fails lib/http/openapi/openapi.test.ts.
 *
 * To describe a new route: add an entry below (method, OpenAPI path with `{param}` for each
 * `[param]` folder, tag, who may call it, parameters by name, the zod schema its body is validated
 * with — import the one the route passes to readJson, never a copy — and each status it answers
 * with its schema), then its `summary` and `description` under the same `id` in
 * lib/i18n/vi/api.ts and lib/i18n/en/api.ts (the type checker asks for both).
 */

type ApiText = Messages["api"];
export type OperationId = keyof ApiText["operations"];
export type ParamText = keyof ApiText["params"];
export type Status = keyof ApiText["statuses"];
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface Parameter {
  schema: z.ZodType;
  text: ParamText;
  required?: boolean;
}

export interface ResponseSpec {
  /** JSON answers: the schema the answer's body matches. */
  schema?: z.ZodType;
  /** Other answers (files, feeds): their media types, each with a string body. */
  media?: string[];
}

export interface Operation {
  id: OperationId;
  method: HttpMethod;
  path: string;
  tag: keyof ApiText["tags"];
  /** Anyone; a signed-in person or any token; a session or a write-scope token. */
  access: "public" | "account" | "write";
  params?: Record<string, Parameter>;
  query?: Record<string, Parameter>;
  body?: { schema: z.ZodType; required: boolean };
  responses: Partial<Record<Status, ResponseSpec>>;
}

const json = (schema: z.ZodType): ResponseSpec => ({ schema });
const error: ResponseSpec = { schema: S.ErrorBody };
const slug: Parameter = { schema: z.string(), text: "slug" };
const versionNumber: Parameter = { schema: z.string().regex(/^[1-9][0-9]{0,8}$/), text: "n" };
const proposalId: Parameter = { schema: z.string(), text: "id" };
const sectionId: Parameter = { schema: z.string(), text: "sectionId" };
const positiveInteger = z.string().regex(/^[1-9][0-9]{0,8}$/);
const nonNegativeInteger = z.string().regex(/^[0-9]{1,15}$/);
const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Writes that go through apiRoute: the cross-origin check, the body cap, rate limits where named. */
const writeErrors = { 400: error, 401: error, 403: error, 404: error, 413: error } as const;

export const OPERATIONS: Operation[] = [
  { id: "listDocuments", method: "get", path: "/api/v1/documents", tag: "documents", access: "public", responses: { 200: json(S.DocumentList) } },
  {
    id: "getDocument",
    method: "get",
    path: "/api/v1/documents/{slug}",
    tag: "documents",
    access: "public",
    params: { slug },
    query: { at: { schema: calendarDay, text: "at" } },
    responses: { 200: json(S.PublishedDocument), 304: {}, 400: error, 404: error },
  },
  {
    id: "verifyDocument",
    method: "get",
    path: "/api/v1/documents/{slug}/verify",
    tag: "documents",
    access: "public",
    params: { slug },
    responses: { 200: json(S.ChainVerification), 404: error, 409: json(S.ChainVerification) },
  },
  {
    id: "listVersions",
    method: "get",
    path: "/api/v1/documents/{slug}/versions",
    tag: "documents",
    access: "public",
    params: { slug },
    query: {
      at: { schema: calendarDay, text: "at" },
      limit: { schema: positiveInteger, text: "limit" },
      before: { schema: positiveInteger, text: "before" },
      lang: { schema: z.enum(["vi", "en"]), text: "summaryLang" },
    },
    responses: { 200: json(S.VersionList), 400: error, 404: error },
  },
  {
    id: "getVersion",
    method: "get",
    path: "/api/v1/documents/{slug}/versions/{n}",
    tag: "documents",
    access: "public",
    params: { slug, n: versionNumber },
    responses: { 200: json(S.PublishedDocument), 304: {}, 400: error, 404: error },
  },
  {
    id: "getVersionEffects",
    method: "get",
    path: "/api/v1/documents/{slug}/versions/{n}/effects",
    tag: "documents",
    access: "public",
    params: { slug, n: versionNumber },
    responses: { 200: json(S.VersionEffects), 400: error, 404: error },
  },
  {
    id: "exportVersion",
    method: "get",
    path: "/api/v1/documents/{slug}/versions/{n}/export",
    tag: "documents",
    access: "public",
    params: { slug, n: versionNumber },
    query: { format: { schema: z.enum(["md", "html", "pdf"]), text: "format" }, lang: { schema: z.enum(["vi", "en"]), text: "lang" } },
    responses: { 200: { media: ["text/markdown", "text/html", "application/pdf"] }, 304: {}, 400: error, 404: error },
  },
  {
    id: "getVersionProof",
    method: "get",
    path: "/api/v1/documents/{slug}/versions/{n}/proof",
    tag: "log",
    access: "public",
    params: { slug, n: versionNumber },
    responses: { 200: { media: ["text/plain"] }, 400: error, 404: error },
  },
  {
    id: "diffVersions",
    method: "get",
    path: "/api/v1/documents/{slug}/diff",
    tag: "documents",
    access: "public",
    params: { slug },
    query: { from: { schema: positiveInteger, text: "from", required: true }, to: { schema: positiveInteger, text: "to", required: true } },
    responses: { 200: json(S.DocumentDiff), 400: error, 404: error },
  },
  {
    id: "createProposal",
    method: "post",
    path: "/api/v1/documents/{slug}/proposals",
    tag: "proposals",
    access: "write",
    params: { slug },
    body: { schema: proposalFieldsInput, required: true },
    responses: { 201: json(S.ProposalCreated), ...writeErrors, 429: error },
  },
  {
    id: "search",
    method: "get",
    path: "/api/v1/search",
    tag: "documents",
    access: "public",
    query: { q: { schema: z.string(), text: "q", required: true } },
    responses: { 200: json(S.SearchResults), 400: error, 429: error },
  },
  { id: "listReviewerKeys", method: "get", path: "/api/v1/keys", tag: "keys", access: "public", responses: { 200: json(S.ReviewerKeyList) } },
  { id: "listOwnKeys", method: "get", path: "/api/v1/me/keys", tag: "keys", access: "account", responses: { 200: json(S.ReviewerKeyList), 401: error, 403: error } },
  {
    id: "registerKey",
    method: "post",
    path: "/api/v1/me/keys",
    tag: "keys",
    access: "write",
    body: { schema: registerReviewerKeyInput, required: true },
    responses: { 200: json(S.ReviewerKeyRegistered), 201: json(S.ReviewerKeyRegistered), ...writeErrors, 409: error },
  },
  {
    id: "revokeKey",
    method: "delete",
    path: "/api/v1/me/keys/{id}",
    tag: "keys",
    access: "write",
    params: { id: { schema: z.string(), text: "keyId" } },
    responses: { 200: json(S.ReviewerKeyRegistered), 401: error, 403: error, 404: error },
  },
  {
    id: "notificationsFeed",
    method: "get",
    path: "/api/v1/me/notifications.atom",
    tag: "account",
    access: "account",
    responses: { 200: { media: ["application/atom+xml"] }, 401: error },
  },
  {
    id: "inclusionProof",
    method: "get",
    path: "/api/v1/log/proof/inclusion",
    tag: "log",
    access: "public",
    query: { index: { schema: nonNegativeInteger, text: "index", required: true }, size: { schema: nonNegativeInteger, text: "size", required: true } },
    responses: { 200: json(S.InclusionProof), 400: error },
  },
  {
    id: "consistencyProof",
    method: "get",
    path: "/api/v1/log/proof/consistency",
    tag: "log",
    access: "public",
    query: { from: { schema: nonNegativeInteger, text: "from", required: true }, to: { schema: nonNegativeInteger, text: "to", required: true } },
    responses: { 200: json(S.ConsistencyProof), 400: error },
  },
  {
    id: "getProposal",
    method: "get",
    path: "/api/v1/proposals/{id}",
    tag: "proposals",
    access: "public",
    params: { id: proposalId },
    responses: { 200: json(S.Proposal), 401: error, 403: error, 404: error },
  },
  {
    id: "replaceSection",
    method: "put",
    path: "/api/v1/proposals/{id}/sections/{sectionId}",
    tag: "proposals",
    access: "write",
    params: { id: proposalId, sectionId },
    body: { schema: replaceSectionInput, required: true },
    responses: { 200: json(S.SectionReplaced), ...writeErrors, 409: error },
  },
  {
    id: "collabAccess",
    method: "get",
    path: "/api/v1/proposals/{id}/sections/{sectionId}/collab",
    tag: "proposals",
    access: "account",
    params: { id: proposalId, sectionId },
    responses: { 200: json(S.CollabAccess), 401: error, 403: error, 404: error, 429: error },
  },
  {
    id: "submitProposal",
    method: "post",
    path: "/api/v1/proposals/{id}/submit",
    tag: "proposals",
    access: "write",
    params: { id: proposalId },
    responses: { 200: json(S.ProposalStatus), ...writeErrors, 409: error },
  },
  {
    id: "reviewProposal",
    method: "post",
    path: "/api/v1/proposals/{id}/reviews",
    tag: "proposals",
    access: "write",
    params: { id: proposalId },
    body: { schema: reviewInput, required: true },
    // 422: approval refused while consultation comments are unanswered or suggestions pending (with the count).
    responses: { 201: json(S.ReviewRecorded), ...writeErrors, 409: error, 422: error },
  },
  {
    id: "publishProposal",
    method: "post",
    path: "/api/v1/proposals/{id}/publish",
    tag: "proposals",
    access: "write",
    params: { id: proposalId },
    body: { schema: publishInput, required: false },
    responses: { 201: json(S.VersionPublished), ...writeErrors, 409: json(S.PublishConflicts) },
  },
  {
    id: "addComment",
    method: "post",
    path: "/api/v1/proposals/{id}/comments",
    tag: "proposals",
    access: "write",
    params: { id: proposalId },
    body: { schema: commentInput, required: true },
    responses: { 201: json(S.CommentCreated), ...writeErrors, 429: error },
  },
  {
    id: "openConsultation",
    method: "post",
    path: "/api/v1/proposals/{id}/consultation",
    tag: "consultation",
    access: "write",
    params: { id: proposalId },
    body: { schema: openConsultationInput, required: true },
    responses: { 201: json(S.Consultation), ...writeErrors, 409: error },
  },
  {
    id: "getConsultation",
    method: "get",
    path: "/api/v1/proposals/{id}/consultation",
    tag: "consultation",
    access: "public",
    params: { id: proposalId },
    responses: { 200: json(S.Consultation), 403: error, 404: error },
  },
  {
    id: "consultationReport",
    method: "get",
    path: "/api/v1/proposals/{id}/consultation/report",
    tag: "consultation",
    access: "public",
    params: { id: proposalId },
    query: { format: { schema: z.enum(["html", "csv", "pdf"]), text: "reportFormat" } },
    responses: { 200: { media: ["text/html", "text/csv", "application/pdf"] }, 400: error, 403: error, 404: error },
  },
  {
    id: "addConsultationComment",
    method: "post",
    path: "/api/v1/proposals/{id}/consultation/comments",
    tag: "consultation",
    access: "write",
    params: { id: proposalId },
    body: { schema: consultationCommentInput, required: true },
    responses: { 201: json(S.ConsultationCommentCreated), ...writeErrors, 409: error, 429: error },
  },
  {
    id: "answerConsultationComment",
    method: "post",
    path: "/api/v1/proposals/{id}/consultation/comments/{commentId}/answer",
    tag: "consultation",
    access: "write",
    params: { id: proposalId, commentId: { schema: z.string(), text: "commentId" } },
    body: { schema: answerInput, required: true },
    responses: { 200: json(S.ConsultationAnswer), ...writeErrors, 409: error },
  },
  {
    id: "listSuggestions",
    method: "get",
    path: "/api/v1/proposals/{id}/suggestions",
    tag: "proposals",
    access: "account",
    params: { id: proposalId },
    responses: { 200: json(S.SuggestionList), 401: error, 403: error, 404: error },
  },
  {
    id: "createSuggestion",
    method: "post",
    path: "/api/v1/proposals/{id}/suggestions",
    tag: "proposals",
    access: "write",
    params: { id: proposalId },
    body: { schema: suggestionInput, required: true },
    // 422: the quoted text is not (or no longer) in the draft's block.
    responses: { 201: json(S.SuggestionCreated), ...writeErrors, 409: error, 422: error },
  },
  {
    id: "decideSuggestions",
    method: "post",
    path: "/api/v1/proposals/{id}/suggestions/decision",
    tag: "proposals",
    access: "write",
    params: { id: proposalId },
    body: { schema: decisionInput, required: true },
    responses: { 200: json(S.SuggestionDecision), ...writeErrors, 409: error },
  },
  {
    id: "decideSuggestion",
    method: "post",
    path: "/api/v1/proposals/{id}/suggestions/{suggestionId}/decision",
    tag: "proposals",
    access: "write",
    params: { id: proposalId, suggestionId: { schema: z.string(), text: "suggestionId" } },
    body: { schema: decisionInput.pick({ decision: true }), required: true },
    // 422: accepting a suggestion whose words changed since it was made.
    responses: { 200: json(S.SuggestionDecision), ...writeErrors, 409: error, 422: error },
  },
  {
    id: "listEditions",
    method: "get",
    path: "/api/v1/documents/{slug}/editions",
    tag: "documents",
    access: "public",
    params: { slug },
    responses: { 200: json(S.EditionList), 404: error },
  },
  {
    id: "getSectionEffects",
    method: "get",
    path: "/api/v1/documents/{slug}/sections/{section}/effects",
    tag: "documents",
    access: "public",
    params: { slug, section: { schema: z.string(), text: "sectionSlug" } },
    responses: { 200: json(S.SectionEffects), 404: error },
  },
  {
    id: "listAudit",
    method: "get",
    path: "/api/v1/audit",
    tag: "admin",
    access: "account",
    query: {
      format: { schema: z.enum(["csv"]), text: "auditFormat" },
      action: { schema: z.string(), text: "auditAction" },
      actor: { schema: z.string(), text: "auditActor" },
      target: { schema: z.string(), text: "auditTarget" },
    },
    responses: { 200: { schema: S.AuditEvents, media: ["text/csv"] }, 401: error, 403: error },
  },
  {
    id: "unsubscribePage",
    method: "get",
    path: "/api/v1/unsubscribe",
    tag: "account",
    access: "public",
    query: { token: { schema: z.string(), text: "token", required: true } },
    responses: { 303: {} },
  },
  {
    id: "unsubscribe",
    method: "post",
    path: "/api/v1/unsubscribe",
    tag: "account",
    access: "public",
    query: { token: { schema: z.string(), text: "token", required: true } },
    responses: { 200: json(S.Unsubscribed), 303: {}, 400: error },
  },
  {
    id: "openDataArchive",
    method: "get",
    path: "/api/v1/open-data.zip",
    tag: "openData",
    access: "public",
    responses: { 200: { media: ["application/zip"] }, 304: {} },
  },
  {
    id: "openApi",
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "openData",
    access: "public",
    query: { lang: { schema: z.enum(["vi", "en"]), text: "openApiLang" } },
    responses: { 200: json(S.OpenApiDocument) },
  },
];

export function findOperation(method: string, path: string): Operation | undefined {
  return OPERATIONS.find((operation) => operation.method === method.toLowerCase() && operation.path === path);
}
