import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { can, collaborationAccess, type Action, type Actor } from "@/lib/policies";
import { messages } from "@/lib/i18n/messages";
import { actionOutcome, callAction, isPermissionMessage } from "./support/actions";
import { collabGrant, connect, liveText, typeText, waitFor, type LiveClient } from "./support/collab";
import { changedTables, closeDatabase, row, snapshot } from "./support/database";
import { DOC } from "./support/env";
import { recordFigures } from "./support/figures";
import { inBatches, Visitor, type Answer } from "./support/http";
import { entryKey, scanEntries, type ActionEntry } from "./support/route-tree";
import { actorByEmail, createProposal, DEMO_EMAILS, mintToken, paragraphs, proposalResource, proposalSections, publishedProposalId, replaceSection, signedIn } from "./support/world";

/**
 * The role × route × resource matrix. Every entry point found in the source tree (pages, route
 * handlers, server actions, collaboration rooms) is tried by every role against every resource
 * it takes; what should happen comes from the permission module, asked with the actor and the
 * proposal as they are in the database at that moment. A refusal that should have been a
 * success fails the cell; a success that should have been a refusal, or a refused write that
 * still changed a row, is an unauthorized success, and there must be none.
 */

type RoleName = "anonymous" | "author" | "colleague" | "otherMinistry" | "ownReviewer" | "reviewer" | "reader" | "admin" | "tokenRead" | "tokenWrite";
type ResourceName = "draft" | "review" | "published";
type Channel = "session" | "api";

interface RoleDefinition {
  email: string | null;
  /** API tokens only speak to route handlers; pages and actions see their bearer as anonymous. */
  token?: "read" | "write";
}

const ROLES: Record<RoleName, RoleDefinition> = {
  anonymous: { email: null },
  // The proposals under test are Lan's (Bộ Tài chính).
  author: { email: DEMO_EMAILS.lan },
  colleague: { email: DEMO_EMAILS.hoa },
  otherMinistry: { email: DEMO_EMAILS.tuan },
  ownReviewer: { email: DEMO_EMAILS.khoa },
  reviewer: { email: DEMO_EMAILS.minh },
  reader: { email: DEMO_EMAILS.reader },
  admin: { email: DEMO_EMAILS.admin },
  tokenRead: { email: DEMO_EMAILS.lan, token: "read" },
  tokenWrite: { email: DEMO_EMAILS.tuan, token: "write" },
};
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

interface Observed {
  granted: boolean;
  permissionRefused: boolean;
  /** The HTTP status of a page's answer. */
  status?: number;
  detail: string;
}

interface CellContext {
  role: RoleName;
  visitor: Visitor;
  resource: ResourceName | null;
  proposalId: string | null;
  sectionId: string | null;
}

/**
 * An action of the permission module (several: all must hold), or: anyone; only the owner of the
 * token being revoked; nobody; whoever `collaborationAccess` lets into the live draft.
 */
type Expected = Action | Action[] | "public" | "tokenOwner" | "nobody" | "collab";

interface Expectation {
  expected: Expected;
  resources?: ResourceName[];
  /** Changes state when granted: checked one at a time with the database compared around it. */
  write?: boolean;
  /** Run after every other write (it ends what the other cells act on). */
  last?: boolean;
  run(cell: CellContext): Promise<Observed>;
}

const PROPOSALS: ResourceName[] = ["draft", "review", "published"];
/** How long an edit from a read-only connection is given to (wrongly) reach another client. */
const READ_ONLY_GRACE_MS = 1_500;

let sectionSlug = "";
let run = "";
/** An edition the admin names in beforeAll, so its page has something to show. */
let editionSlug = "";
const visitors = new Map<RoleName, Visitor>();
const proposals = new Map<ResourceName, string>();
let revocableTokenId = "";

/** A redirect to the sign-in page refuses; any other redirect is the route's answer. */
function redirectOutcome(answer: Answer): Observed | null {
  if (answer.status < 300 || answer.status >= 400) return null;
  const location = String(answer.headers.location ?? "");
  const toSignIn = new URL(location, "http://local").pathname === "/dang-nhap";
  return { granted: !toSignIn, permissionRefused: toSignIn, detail: `${answer.status} → ${location}` };
}

function apiOutcome(answer: Answer): Observed {
  const redirected = redirectOutcome(answer);
  if (redirected) return redirected;
  const granted = answer.status >= 200 && answer.status < 300;
  let message = "";
  try {
    message = (answer.json() as { error?: { message?: string } }).error?.message ?? "";
  } catch {
    message = "";
  }
  return { granted, permissionRefused: answer.status === 401 || answer.status === 403 || isPermissionMessage(message), detail: `${answer.status} ${message}` };
}

const FORBIDDEN_PAGE = [messages("vi").errors.forbiddenPage(), messages("en").errors.forbiddenPage()];

/**
 * A page refuses a visitor who is not signed in by sending them to sign in, and a signed-in person
 * without the right with 403 and the refusal page (app/forbidden.tsx). The refusal text answered
 * 200 counts as a success: caches, crawlers and other systems read the status, not the words.
 */
function pageOutcome(answer: Answer): Observed {
  const redirected = redirectOutcome(answer);
  if (redirected) return redirected;
  const html = answer.text();
  const refusalText = FORBIDDEN_PAGE.some((text) => html.includes(text));
  if (answer.status === 200 && refusalText) return { granted: true, permissionRefused: false, status: 200, detail: "200 with the refusal text (a refusal must answer 403)" };
  if (answer.status === 403 && !refusalText) return { granted: false, permissionRefused: true, status: 403, detail: "403 without the refusal page" };
  return { granted: answer.status === 200, permissionRefused: answer.status === 403, status: answer.status, detail: String(answer.status) };
}

const page = (path: (cell: CellContext) => string, expected: Expected, resources?: ResourceName[]): Expectation => ({
  expected,
  resources,
  run: async (cell) => pageOutcome(await cell.visitor.request({ path: path(cell) })),
});
const read = (path: (cell: CellContext) => string, expected: Expected, resources?: ResourceName[]): Expectation => ({
  expected,
  resources,
  run: async (cell) => apiOutcome(await cell.visitor.request({ path: path(cell) })),
});
/** An endless stream (server-sent events): judged by its status and headers. */
const stream = (path: (cell: CellContext) => string, expected: Expected, resources?: ResourceName[]): Expectation => ({
  expected,
  resources,
  run: async (cell) => apiOutcome(await cell.visitor.request({ path: path(cell), headersOnly: true })),
});
const write = (method: string, path: (cell: CellContext) => string, body: (cell: CellContext) => unknown, expected: Expected, resources?: ResourceName[], last = false): Expectation => ({
  expected,
  resources,
  write: true,
  last,
  run: async (cell) => apiOutcome(await cell.visitor.json(method, path(cell), body(cell))),
});

function actionPath(worker: string, cell: CellContext): string {
  return worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace("[document]", DOC)
    .replace("[section]", sectionSlug)
    .replace("[id]", cell.proposalId ?? proposals.get("draft")!);
}

const form = (file: string, exportedName: string, fields: (cell: CellContext) => Record<string, string>, expected: Expected, options: { resources?: ResourceName[]; previousState?: unknown; last?: boolean } = {}): [string, Expectation] => [
  `action ${file}#${exportedName}`,
  {
    expected,
    resources: options.resources,
    write: true,
    last: options.last,
    run: async (cell) => {
      const entry = ACTIONS.get(`${file}#${exportedName}`)!;
      return actionOutcome(await callAction(cell.visitor, { id: entry.id, path: actionPath(entry.page, cell), fields: fields(cell), previousState: options.previousState }));
    },
  },
];

const proposalId = (cell: CellContext) => cell.proposalId!;
/** A new Ed25519 public key per request (raw, base64), so no role meets a key another registered. */
const freshReviewerPublicKey = () => Buffer.from(generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64");
const firstSection = (cell: CellContext) => cell.sectionId!;
/** The first block of the cell's section as the draft stores it (a suggestion names its block). */
const firstBlockId = (cell: CellContext): string => {
  const stored = row<{ content: string }>('SELECT content FROM "ProposalSection" WHERE proposalId = ? AND sectionId = ?', proposalId(cell), firstSection(cell));
  const blocks = stored ? ((JSON.parse(stored.content) as { content?: { attrs?: { id?: string } }[] }).content ?? []) : [];
  return blocks[0]?.attrs?.id ?? "khong-co";
};
/** A consultation window from now, longer than the seeded documents' minimum (30 days). */
const consultationWindow = () => ({ opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 45 * 24 * 3600 * 1000).toISOString() });
let ACTIONS = new Map<string, ActionEntry>();

/** What each entry point should do for whom: the single place a new route must be added. */
const EXPECTATIONS = new Map<string, Expectation>([
  ["page /", page(() => "/", "document:read")],
  ["page /[document]", page(() => `/${DOC}`, "document:read")],
  ["page /[document]/[section]", page(() => `/${DOC}/${sectionSlug}`, "document:read")],
  ["page /[document]/lich-su", page(() => `/${DOC}/lich-su`, "document:read")],
  ["page /[document]/lich-su/[section]", page(() => `/${DOC}/lich-su/${sectionSlug}`, "document:read")],
  ["page /[document]/nhan-tin", page(() => `/${DOC}/nhan-tin`, "public")],
  ["page /[document]/so-sanh", page(() => `/${DOC}/so-sanh?tu=1&den=2`, "document:read")],
  ["page /[document]/v/[n]", page(() => `/${DOC}/v/1`, "document:read")],
  ["page /[document]/v/[n]/[section]", page(() => `/${DOC}/v/2/${sectionSlug}`, "document:read")],
  ["page /[document]/v/[n]/nguon-goc", page(() => `/${DOC}/v/2/nguon-goc`, "document:read")],
  ["page /dang-nhap", page(() => "/dang-nhap", "public")],
  ["page /dang-ky", page(() => "/dang-ky", "public")],
  ["page /dang-ky/xac-nhan", page(() => "/dang-ky/xac-nhan?token=khong-hop-le", "public")],
  ["page /[document]/gop-y/[id]", page((cell) => `/${DOC}/gop-y/${proposalId(cell)}`, "public", ["review"])],
  ["page /lam-viec", page(() => "/lam-viec", "workspace:enter")],
  ["page /lam-viec/de-xuat/[id]", page((cell) => `/lam-viec/de-xuat/${proposalId(cell)}`, ["workspace:enter", "proposal:read"], PROPOSALS)],
  ["page /lam-viec/de-xuat/moi", page(() => `/lam-viec/de-xuat/moi?document=${DOC}`, "proposal:create")],
  ["page /nhan-tin/huy", page(() => "/nhan-tin/huy?token=khong-hop-le", "public")],
  ["page /nhan-tin/xac-nhan", page(() => "/nhan-tin/xac-nhan?token=khong-hop-le", "public")],
  ["page /quan-tri", page(() => "/quan-tri", "admin:manage")],
  ["page /quan-tri/nhap", page(() => "/quan-tri/nhap", "document:import")],
  ["page /quan-tri/nhat-ky", page(() => "/quan-tri/nhat-ky", "audit:read")],
  ["page /quan-tri/webhook", page(() => "/quan-tri/webhook", "admin:manage")],
  ["page /tim-kiem", page(() => "/tim-kiem?q=chuyen", "document:read")],

  ["GET /[document]/feed.xml", read(() => `/${DOC}/feed.xml`, "document:read")],
  ["GET /[document]/lich-su/[section]/feed.xml", read(() => `/${DOC}/lich-su/${sectionSlug}/feed.xml`, "document:read")],
  ["GET /api/auth/[...nextauth]", read(() => "/api/auth/providers", "public")],
  ["GET /api/health", read(() => "/api/health", "public")],
  ["GET /api/live", stream((cell) => `/api/live?proposal=${proposalId(cell)}`, ["workspace:enter", "proposal:read"], PROPOSALS)],
  ["GET /api/v1/audit", read(() => "/api/v1/audit", "audit:read")],
  ["GET /api/v1/documents", read(() => "/api/v1/documents", "document:read")],
  ["GET /api/v1/documents/[slug]", read(() => `/api/v1/documents/${DOC}`, "document:read")],
  ["GET /api/v1/documents/[slug]/diff", read(() => `/api/v1/documents/${DOC}/diff?from=1&to=2`, "document:read")],
  ["GET /api/v1/documents/[slug]/verify", read(() => `/api/v1/documents/${DOC}/verify`, "document:read")],
  ["GET /api/v1/documents/[slug]/versions", read(() => `/api/v1/documents/${DOC}/versions`, "document:read")],
  ["GET /api/v1/documents/[slug]/versions/[n]", read(() => `/api/v1/documents/${DOC}/versions/2`, "document:read")],
  ["GET /api/v1/documents/[slug]/versions/[n]/export", read(() => `/api/v1/documents/${DOC}/versions/2/export?format=md`, "document:read")],
  ["GET /api/v1/keys", read(() => "/api/v1/keys", "public")],
  ["GET /api/v1/me/keys", read(() => "/api/v1/me/keys", "reviewerKey:manage")],
  ["GET /api/v1/me/notifications.atom", read(() => "/api/v1/me/notifications.atom", "workspace:enter")],
  ["GET /api/v1/proposals/[id]/suggestions", read((cell) => `/api/v1/proposals/${proposalId(cell)}/suggestions`, "proposal:read", PROPOSALS)],
  ["GET /api/v1/proposals/[id]", read((cell) => `/api/v1/proposals/${proposalId(cell)}`, "proposal:read", PROPOSALS)],
  ["GET /api/v1/proposals/[id]/sections/[sectionId]/collab", read((cell) => `/api/v1/proposals/${proposalId(cell)}/sections/${firstSection(cell)}/collab`, "collab", PROPOSALS)],
  ["GET /api/v1/search", read(() => "/api/v1/search?q=chuyen", "document:read")],
  ["GET /api/v1/unsubscribe", read(() => "/api/v1/unsubscribe?token=khong-hop-le", "public")],
  ["GET /ngon-ngu", read(() => "/ngon-ngu?lang=vi&next=/", "public")],
  // Public consultation: the proposal in review is open for comment (beforeAll), so it and its report are public.
  ["GET /api/v1/proposals/[id]/consultation", read((cell) => `/api/v1/proposals/${proposalId(cell)}/consultation`, "public", ["review"])],
  ["GET /api/v1/proposals/[id]/consultation/report", read((cell) => `/api/v1/proposals/${proposalId(cell)}/consultation/report?format=csv`, "public", ["review"])],
  // The text as in force on a day, citable identifiers and the transparency log: all public.
  ["page /[document]/ngay", page(() => `/${DOC}/ngay?d=2100-01-01`, "document:read")],
  ["page /[document]/ngay/[date]", page(() => `/${DOC}/ngay/2100-01-01`, "document:read")],
  ["GET /eli/[...path]", read(() => `/eli/cam-nang/${DOC}/v2`, "document:read")],
  ["GET /api/v1/documents/[slug]/versions/[n]/effects", read(() => `/api/v1/documents/${DOC}/versions/2/effects`, "document:read")],
  ["GET /api/v1/documents/[slug]/editions", read(() => `/api/v1/documents/${DOC}/editions`, "document:read")],
  ["GET /api/v1/documents/[slug]/sections/[section]/effects", read(() => `/api/v1/documents/${DOC}/sections/${sectionSlug}/effects`, "document:read")],
  ["page /[document]/an-ban/[edition]", page(() => `/${DOC}/an-ban/${editionSlug}`, "document:read")],
  ["page /quan-tri/cong-bo/[document]", page(() => `/quan-tri/cong-bo/${DOC}`, "edition:create")],
  ["GET /api/v1/documents/[slug]/versions/[n]/proof", read(() => `/api/v1/documents/${DOC}/versions/2/proof`, "document:read")],
  ["GET /api/v1/log/proof/inclusion", read(() => "/api/v1/log/proof/inclusion?index=0&size=2", "public")],
  ["GET /api/v1/log/proof/consistency", read(() => "/api/v1/log/proof/consistency?from=1&to=2", "public")],
  ["GET /kiem-chung", read(() => "/kiem-chung", "public")],
  ["GET /log/checkpoint", read(() => "/log/checkpoint", "public")],
  ["GET /log/policy", read(() => "/log/policy", "public")],
  ["GET /log/tile/[...path]", read(() => "/log/tile/0/000.p/2", "public")],
  // The API's description, its reference page and the open data archive: public like the text.
  ["page /tai-lieu-api", page(() => "/tai-lieu-api", "public")],
  ["GET /api/v1/openapi.json", read(() => "/api/v1/openapi.json", "public")],
  ["GET /api/v1/open-data.zip", read(() => "/api/v1/open-data.zip", "document:read")],

  // Signing in is everyone's, but nobody signs in without the password.
  [
    "POST /api/auth/[...nextauth]",
    {
      expected: "nobody",
      write: true,
      run: async (cell) => {
        const stranger = new Visitor(`stranger-${cell.role}`);
        const answer = await stranger.attemptSignIn(`${cell.role}-${run}@example.vn`.toLowerCase(), "sai-mat-khau");
        const session = (await stranger.request({ path: "/api/auth/session" })).json<{ user?: unknown }>();
        return { granted: answer.status === 200 || !!session.user, permissionRefused: false, detail: `wrong password answered ${answer.status}` };
      },
    },
  ],
  // Where next.config.js sends server action posts over the body limit or of unknown length: it refuses everything.
  ["POST /api/action-body", write("POST", () => "/api/action-body", () => ({}), "nobody")],
  ["POST /api/v1/documents/[slug]/proposals", write("POST", () => `/api/v1/documents/${DOC}/proposals`, (cell) => ({ title: `Ma trận ${cell.role} ${run}`, rationale: "Thử quyền tạo đề xuất." }), "proposal:create")],
  ["DELETE /api/v1/me/keys/[id]", write("DELETE", () => "/api/v1/me/keys/khong-co-khoa", () => ({}), "reviewerKey:manage")],
  ["POST /api/v1/me/keys", write("POST", () => "/api/v1/me/keys", () => ({ publicKey: freshReviewerPublicKey() }), "reviewerKey:manage")],
  ["POST /api/v1/proposals/[id]/comments", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/comments`, (cell) => ({ body: `Nhận xét của ${cell.role}` }), "proposal:comment", PROPOSALS)],
  [
    "POST /api/v1/proposals/[id]/suggestions",
    write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/suggestions`, (cell) => ({ sectionId: firstSection(cell), blockId: firstBlockId(cell), offset: 0, exact: "", text: `Gợi ý của ${cell.role} ` }), "proposal:suggest", PROPOSALS),
  ],
  ["POST /api/v1/proposals/[id]/suggestions/decision", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/suggestions/decision`, () => ({ decision: "reject" }), "proposal:edit", PROPOSALS)],
  ["POST /api/v1/proposals/[id]/suggestions/[suggestionId]/decision", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/suggestions/khong-co/decision`, () => ({ decision: "reject" }), "proposal:edit", PROPOSALS)],
  ["POST /api/v1/proposals/[id]/reviews", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/reviews`, () => ({ decision: "approve", comment: "Đồng ý." }), "proposal:review", PROPOSALS)],
  ["POST /api/v1/proposals/[id]/submit", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/submit`, () => ({}), "proposal:submit", PROPOSALS, true)],
  ["POST /api/v1/proposals/[id]/publish", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/publish`, () => ({}), "proposal:publish", PROPOSALS, true)],
  ["POST /api/v1/proposals/[id]/consultation", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/consultation`, () => consultationWindow(), "consultation:open", PROPOSALS)],
  ["POST /api/v1/proposals/[id]/consultation/comments", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/consultation/comments`, (cell) => ({ body: `Góp ý của ${cell.role} ${run}` }), "consultation:comment", PROPOSALS)],
  ["POST /api/v1/proposals/[id]/consultation/comments/[commentId]/answer", write("POST", (cell) => `/api/v1/proposals/${proposalId(cell)}/consultation/comments/khong-co/answer`, () => ({ disposition: "accepted", reason: "Tiếp thu." }), "consultation:answer", PROPOSALS)],
  ["POST /api/v1/unsubscribe", write("POST", () => "/api/v1/unsubscribe?token=khong-hop-le", () => ({}), "public")],
  ["PUT /api/v1/proposals/[id]/sections/[sectionId]", write("PUT", (cell) => `/api/v1/proposals/${proposalId(cell)}/sections/${firstSection(cell)}`, (cell) => ({ content: paragraphs(`Bản sửa của ${cell.role} ${run}.`) }), "proposal:edit", PROPOSALS)],

  form("app/[document]/lich-su/actions.ts", "restoreVersionAction", () => ({ document: DOC, version: "1", sectionSlug }), "proposal:create"),
  form("app/[document]/gop-y/actions.ts", "consultationCommentAction", (cell) => ({ proposalId: proposalId(cell), document: DOC, body: `Góp ý biểu mẫu của ${cell.role}` }), "consultation:comment", { resources: PROPOSALS }),
  form("app/[document]/gop-y/actions.ts", "answerConsultationCommentAction", (cell) => ({ proposalId: proposalId(cell), document: DOC, commentId: "khong-co", disposition: "accepted", reason: "Tiếp thu." }), "consultation:answer", { resources: PROPOSALS }),
  form("app/[document]/gop-y/actions.ts", "moderateConsultationCommentAction", (cell) => ({ proposalId: proposalId(cell), document: DOC, commentId: "khong-co", decision: "publish" }), "consultation:moderate", { resources: PROPOSALS }),
  form("app/[document]/gop-y/actions.ts", "reportConsultationCommentAction", (cell) => ({ proposalId: proposalId(cell), document: DOC, commentId: "khong-co" }), "consultation:comment", { resources: PROPOSALS }),
  form("app/[document]/gop-y/actions.ts", "openConsultationAction", (cell) => ({ proposalId: proposalId(cell), opensAt: consultationWindow().opensAt, closesAt: consultationWindow().closesAt }), "consultation:open", { resources: PROPOSALS }),
  form("app/dang-ky/actions.ts", "registerReaderAction", (cell) => ({ name: `Bạn đọc ${cell.role}`, email: `dang-ky-${cell.role}@example.vn`, password: "mat-khau-dang-ky" }), "public"),
  form("app/[document]/nhan-tin/actions.ts", "subscribeAction", (cell) => ({ document: DOC, email: `nhan-tin-${cell.role}@example.vn`, locale: "vi" }), "public"),
  form("app/lam-viec/actions.ts", "createApiTokenAction", (cell) => ({ name: `Ma trận ${cell.role}`, scope: "read", days: "1" }), "workspace:enter", { previousState: { secret: null, error: null } }),
  form("app/lam-viec/actions.ts", "revokeApiTokenAction", () => ({ tokenId: revocableTokenId }), "tokenOwner", { last: true }),
  form("app/lam-viec/actions.ts", "revokeReviewerKeyAction", () => ({ keyId: "khong-co-khoa" }), "reviewerKey:manage"),
  form("app/lam-viec/actions.ts", "updateEmailPreferencesAction", () => ({ locale: "vi", delivery: "IMMEDIATE" }), "workspace:enter"),
  form("app/lam-viec/actions.ts", "markNotificationsReadAction", () => ({}), "workspace:enter"),
  form("app/lam-viec/de-xuat/actions.ts", "addCommentAction", (cell) => ({ proposalId: proposalId(cell), body: `Bình luận của ${cell.role}` }), "proposal:comment", { resources: PROPOSALS }),
  form("app/lam-viec/de-xuat/actions.ts", "allowOtherOrgsAction", (cell) => ({ proposalId: proposalId(cell), allow: "off" }), "admin:manage", { resources: PROPOSALS }),
  form("app/lam-viec/de-xuat/actions.ts", "changeStructureAction", (cell) => ({ proposalId: proposalId(cell), sectionId: firstSection(cell), kind: "rename", title: `Tên mới của ${cell.role}` }), "proposal:edit", { resources: PROPOSALS }),
  form("app/lam-viec/de-xuat/actions.ts", "createProposalAction", (cell) => ({ document: DOC, title: `Biểu mẫu ${cell.role} ${run}`, rationale: "Thử quyền tạo đề xuất." }), "proposal:create", { previousState: { error: null } }),
  form("app/lam-viec/de-xuat/actions.ts", "inviteCoauthorAction", (cell) => ({ proposalId: proposalId(cell), email: `khong-co-${cell.role}@example.vn` }), "proposal:invite", { resources: PROPOSALS }),
  form("app/lam-viec/de-xuat/actions.ts", "publishProposalAction", (cell) => ({ proposalId: proposalId(cell) }), "proposal:publish", { resources: PROPOSALS, last: true }),
  form("app/lam-viec/de-xuat/actions.ts", "resolveConflictAction", (cell) => ({ proposalId: proposalId(cell), conflictId: "khong-co", resolution: "keep_head" }), "proposal:resolve", { resources: PROPOSALS }),
  form("app/lam-viec/de-xuat/actions.ts", "reviewProposalAction", (cell) => ({ proposalId: proposalId(cell), decision: "approve", comment: "Đồng ý." }), "proposal:review", { resources: PROPOSALS }),
  form("app/lam-viec/de-xuat/actions.ts", "submitProposalAction", (cell) => ({ proposalId: proposalId(cell) }), "proposal:submit", { resources: PROPOSALS, last: true }),
  form("app/lam-viec/de-xuat/actions.ts", "withdrawProposalAction", (cell) => ({ proposalId: proposalId(cell) }), "proposal:withdraw", { resources: PROPOSALS, last: true }),
  form("app/quan-tri/cong-bo/actions.ts", "createEditionAction", (cell) => ({ document: DOC, version: "1", name: `Ấn bản ma trận ${cell.role} ${run}` }), "edition:create"),
  // Granted, it stops at the missing reason: a real withdrawal would change the text in force for the suite's later files.
  form("app/quan-tri/cong-bo/actions.ts", "withdrawVersionAction", () => ({ document: DOC, version: "1", reason: "" }), "version:withdraw"),
  // Granted, it saves the settings already there: the suite's later files rely on the seeded consultation rules.
  form("app/quan-tri/cong-bo/actions.ts", "setConsultationSettingsAction", () => ({ documentId: documentId(), ...currentConsultationSettings() }), "policy:edit"),
  form("app/quan-tri/actions.ts", "createOrganizationAction", (cell) => ({ name: `Cơ quan ${cell.role} ${run}`, nameEn: `Agency ${cell.role} ${run}` }), "admin:manage"),
  form("app/quan-tri/actions.ts", "createUserAction", (cell) => ({ email: `moi-${cell.role}-${run}@example.vn`, name: "Người mới", role: "READER" }), "admin:manage"),
    // The admin's grants set what is already there: the suite's later files rely on the seeded policy.
  form("app/quan-tri/actions.ts", "setApprovalPolicyAction", () => ({ documentId: documentId(), requiredApprovals: String(requiredApprovals()) }), "policy:edit"),
  form("app/quan-tri/actions.ts", "setSectionOwnerAction", () => ({ sectionId: seededSection().id, organizationId: seededSection().ownerOrganizationId ?? "" }), "admin:manage"),
  form("app/quan-tri/actions.ts", "updateUserAction", () => ({ userId: actorByEmail(DEMO_EMAILS.reader).id, role: "READER", organizationId: "", active: "on" }), "admin:manage"),
  // Webhook endpoints: the event chosen is one nothing in the suite emits, so no delivery leaves the machine.
  form("app/quan-tri/webhook/actions.ts", "createWebhookAction", (cell) => ({ url: `https://example.vn/hook-${cell.role}-${run}`, events: "consultation.opened" }), "admin:manage", { previousState: { secret: null, error: null } }),
  form("app/quan-tri/webhook/actions.ts", "updateWebhookAction", () => ({ endpointId: "khong-co", active: "on" }), "admin:manage"),
  form("app/quan-tri/webhook/actions.ts", "deleteWebhookAction", () => ({ endpointId: "khong-co" }), "admin:manage"),
  form("app/quan-tri/webhook/actions.ts", "replayWebhookAction", () => ({ deliveryId: "khong-co" }), "admin:manage"),
  form("app/quan-tri/nhap/actions.ts", "importChapterAction", (cell) => ({ document: DOC, title: `Nhập ${cell.role} ${run}`, rationale: "Thử quyền nhập.", markdown: "# Mục nhập\n\nMột đoạn văn.\n" }), "document:import", {
    previousState: { attempt: 0, error: null, errors: [], values: { documentSlug: DOC, title: "", rationale: "", markdown: "" } },
  }),
]);

/** The collaboration rooms: who may join a section's live draft, and whether their edits count. */
const ROOM_EXPECTATIONS = new Set(["room collabDocumentName"]);

function documentId(): string {
  return row<{ id: string }>('SELECT id FROM "Document" WHERE slug = ?', DOC)!.id;
}
function seededSection(): { id: string; ownerOrganizationId: string | null } {
  return row<{ id: string; ownerOrganizationId: string | null }>('SELECT id, ownerOrganizationId FROM "Section" WHERE slug = ?', sectionSlug)!;
}
function requiredApprovals(): number {
  return row<{ requiredApprovals: number }>('SELECT requiredApprovals FROM "Document" WHERE slug = ?', DOC)!.requiredApprovals;
}

/** The document's consultation rules as stored, as the settings form sends them. */
function currentConsultationSettings(): { minDays: string; moderation: string; hideAfterReports: string } {
  const current = row<{ consultationMinDays: number; consultationModeration: string; consultationHideAfterReports: number }>(
    'SELECT consultationMinDays, consultationModeration, consultationHideAfterReports FROM "Document" WHERE slug = ?',
    DOC,
  )!;
  return { minDays: String(current.consultationMinDays), moderation: current.consultationModeration, hideAfterReports: String(current.consultationHideAfterReports) };
}
/** The actor the product should see for this role on this channel. */
function actorFor(role: RoleName, channel: Channel): Actor | null {
  const definition = ROLES[role];
  if (!definition.email) return null;
  if (definition.token && channel === "session") return null;
  return actorByEmail(definition.email, definition.token === "read");
}

function expectedGrant(expected: Expected, role: RoleName, channel: Channel, resource: ResourceName | null): boolean {
  const actor = actorFor(role, channel);
  if (expected === "public") return true;
  if (expected === "nobody") return false;
  if (expected === "collab") return actor !== null && resource !== null && collaborationAccess(actor, proposalResource(proposals.get(resource)!)) !== "none";
  if (expected === "tokenOwner") return actor !== null && actor.email === DEMO_EMAILS.lan && !actor.readOnly;
  const proposal = resource ? proposalResource(proposals.get(resource)!) : undefined;
  return (Array.isArray(expected) ? expected : [expected]).every((action) => can(actor, action, proposal));
}

interface CellResult {
  key: string;
  role: RoleName;
  resource: ResourceName | null;
  expected: boolean;
  observed: Observed;
  changed: string[];
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  run = Date.now().toString(36);
  const lan = await signedIn(DEMO_EMAILS.lan);
  for (const role of ROLE_NAMES) {
    const definition = ROLES[role];
    if (!definition.email) visitors.set(role, new Visitor(role));
    else if (!definition.token) visitors.set(role, definition.email === DEMO_EMAILS.lan ? lan : await signedIn(definition.email));
  }
  visitors.set("tokenRead", new Visitor("tokenRead", await mintToken(lan, `Ma trận đọc ${run}`, "read")));
  const tuan = visitors.get("otherMinistry")!;
  visitors.set("tokenWrite", new Visitor("tokenWrite", await mintToken(tuan, `Ma trận ghi ${run}`, "write")));
  await mintToken(lan, `Thu hồi ${run}`, "read");
  revocableTokenId = row<{ id: string }>('SELECT id FROM "ApiToken" WHERE name = ?', `Thu hồi ${run}`)!.id;

  const draft = await createProposal(lan, `Bản nháp ma trận ${run}`);
  const review = await createProposal(lan, `Đề xuất chờ thẩm định ${run}`);
  const reviewSection = proposalSections(review)[0];
  expect(await replaceSection(lan, review, reviewSection.sectionId, paragraphs(`Nội dung cần thẩm định ${run}.`))).toBe(200);
  const submitted = await lan.json("POST", `/api/v1/proposals/${review}/submit`, {});
  expect(submitted.status, submitted.text()).toBe(200);
  // Opened for public comment, so that the consultation's public routes have something to show.
  const opened = await lan.json("POST", `/api/v1/proposals/${review}/consultation`, consultationWindow());
  expect(opened.status, opened.text()).toBe(201);
  proposals.set("draft", draft);
  proposals.set("review", review);
  proposals.set("published", publishedProposalId());
  sectionSlug = proposalSections(draft)[0].slug;
  ACTIONS = new Map(
    scanEntries()
      .filter((entry): entry is ActionEntry => entry.kind === "action")
      .map((entry) => [entry.key, entry]),
  );
  editionSlug = `ma-tran-${run}`;
  const editionAction = ACTIONS.get("app/quan-tri/cong-bo/actions.ts#createEditionAction")!;
  await callAction(visitors.get("admin")!, {
    id: editionAction.id,
    path: `/quan-tri/cong-bo/${DOC}`,
    fields: { document: DOC, version: "1", name: `Ấn bản ma trận ${run}`, editionSlug },
  });
  expect(row<{ slug: string }>('SELECT slug FROM "Edition" WHERE slug = ?', editionSlug)?.slug).toBe(editionSlug);
});

test.afterAll(() => closeDatabase());

test("every page, route handler, server action and collaboration room in the source tree has an expectation", () => {
  const keys = scanEntries().map(entryKey);
  const missing = keys.filter((key) => !EXPECTATIONS.has(key) && !ROOM_EXPECTATIONS.has(key));
  expect(missing, "entry points without an expectation in e2e/security/matrix.spec.ts").toEqual([]);
  const stale = [...EXPECTATIONS.keys(), ...ROOM_EXPECTATIONS].filter((key) => !keys.includes(key));
  expect(stale, "expectations for entry points that no longer exist").toEqual([]);
  expect(keys.filter((key) => key.startsWith("action ")).length).toBeGreaterThanOrEqual(20);
});

function channelOf(key: string): Channel {
  return key.startsWith("page ") || key.startsWith("action ") ? "session" : "api";
}

function cellsOf(filter: (expectation: Expectation) => boolean): { key: string; expectation: Expectation; role: RoleName; resource: ResourceName | null }[] {
  const cells = [];
  for (const [key, expectation] of EXPECTATIONS) {
    if (!filter(expectation)) continue;
    for (const resource of expectation.resources ?? [null]) {
      for (const role of ROLE_NAMES) cells.push({ key, expectation, role, resource });
    }
  }
  return cells;
}

function cellContext(role: RoleName, resource: ResourceName | null): CellContext {
  const id = resource ? proposals.get(resource)! : null;
  return { role, visitor: visitors.get(role)!, resource, proposalId: id, sectionId: id ? proposalSections(id)[0].sectionId : null };
}

function judge(results: CellResult[]): { unauthorized: CellResult[]; wronglyRefused: CellResult[] } {
  const unauthorized = results.filter((result) => !result.expected && (result.observed.granted || result.changed.length > 0));
  // A granted read must really be granted; a granted write must at least not be refused for who asked
  // (bad input, a missing conflict or a closed proposal are the service's answers, not the policy's).
  const wronglyRefused = results.filter((result) => result.expected && (EXPECTATIONS.get(result.key)!.write ? result.observed.permissionRefused : !result.observed.granted));
  return { unauthorized, wronglyRefused };
}

function describe(result: CellResult): string {
  return `${result.key} as ${result.role}${result.resource ? ` on ${result.resource}` : ""}: ${result.observed.detail}${result.changed.length ? ` (changed ${result.changed.join(", ")})` : ""}`;
}

test("pages and reads: granted exactly as the permission module says", async () => {
  test.setTimeout(180_000);
  const cells = cellsOf((expectation) => !expectation.write);
  const results = await inBatches(cells, 3, async ({ key, expectation, role, resource }): Promise<CellResult> => {
    const expected = expectedGrant(expectation.expected, role, channelOf(key), resource);
    const observed = await expectation.run(cellContext(role, resource));
    return { key, role, resource, expected, observed, changed: [] };
  });
  const { unauthorized, wronglyRefused } = judge(results);
  recordFigures({ matrixCells: results.length, unauthorizedSuccesses: unauthorized.length });
  expect(unauthorized.map(describe), "unauthorized successes").toEqual([]);
  expect(wronglyRefused.map(describe), "refused although the policy allows it").toEqual([]);
  // Refused pages answer 403 to a person signed in without the right (not 200, not 404, not a redirect).
  const signedInRefusals = results.filter((result) => result.key.startsWith("page ") && !result.expected && actorFor(result.role, "session") !== null);
  expect(signedInRefusals.length).toBeGreaterThan(0);
  expect(signedInRefusals.filter((result) => result.observed.status !== 403).map(describe), "refused pages not answered 403").toEqual([]);
});

/**
 * For each page that takes a parameter, an address naming something that does not exist. Asked
 * by the admin, who may see everything that exists: each must answer 404 with the not-found page.
 */
const MISSING_PAGES: Record<string, () => string> = {
  "page /[document]": () => "/khong-co-tai-lieu-nay",
  "page /[document]/[section]": () => `/${DOC}/khong-co-muc-nay`,
  "page /[document]/lich-su": () => "/khong-co-tai-lieu-nay/lich-su",
  "page /[document]/lich-su/[section]": () => `/${DOC}/lich-su/khong-co-muc-nay`,
  "page /[document]/nhan-tin": () => "/khong-co-tai-lieu-nay/nhan-tin",
  "page /[document]/so-sanh": () => "/khong-co-tai-lieu-nay/so-sanh?tu=1&den=2",
  "page /[document]/v/[n]": () => `/${DOC}/v/999999`,
  "page /[document]/v/[n]/[section]": () => `/${DOC}/v/2/khong-co-muc-nay`,
  "page /[document]/v/[n]/nguon-goc": () => `/${DOC}/v/999999/nguon-goc`,
  "page /[document]/ngay": () => `/${DOC}/ngay?d=khong-phai-ngay`,
  "page /[document]/ngay/[date]": () => `/${DOC}/ngay/1900-01-01`,
  "page /lam-viec/de-xuat/[id]": () => "/lam-viec/de-xuat/khong-co-de-xuat-nay",
  "page /[document]/gop-y/[id]": () => `/${DOC}/gop-y/khong-co-de-xuat-nay`,
  "page /[document]/an-ban/[edition]": () => `/${DOC}/an-ban/khong-co-an-ban-nay`,
  "page /quan-tri/cong-bo/[document]": () => "/quan-tri/cong-bo/khong-co-tai-lieu-nay",
  "page /lam-viec/de-xuat/moi": () => "/lam-viec/de-xuat/moi?document=khong-co-tai-lieu-nay",
};
const NOT_FOUND_PAGE = [messages("vi").reader.notFoundTitle, messages("en").reader.notFoundTitle];

test("every page that names something answers 404 when it does not exist", async () => {
  const pagesWithParameters = scanEntries()
    .map(entryKey)
    .filter((key) => key.startsWith("page ") && (key.includes("[") || key.endsWith("/moi") || key.endsWith("/ngay")));
  expect(pagesWithParameters.filter((key) => !(key in MISSING_PAGES)), "pages with a parameter but no missing address in MISSING_PAGES").toEqual([]);
  const admin = visitors.get("admin")!;
  const answers = await inBatches(Object.entries(MISSING_PAGES), 3, async ([key, path]) => ({ key, path: path(), answer: await admin.request({ path: path() }) }));
  const wrong = answers.filter(({ answer }) => answer.status !== 404 || !NOT_FOUND_PAGE.some((title) => answer.text().includes(title)));
  expect(wrong.map(({ key, path, answer }) => `${key} ${path}: ${answer.status}`)).toEqual([]);
  const unknown = await admin.request({ path: "/khong-co/trang/nay/dau" });
  expect(unknown.status).toBe(404);
});

test("writes: refused ones change nothing, allowed ones are not refused for who asked", async () => {
  test.setTimeout(300_000);
  const cells = [...cellsOf((expectation) => !!expectation.write && !expectation.last), ...cellsOf((expectation) => !!expectation.last)];
  // Refusals first, while every proposal is in the state it was made in; then the grants.
  const ordered = [
    ...cells.filter((cell) => !expectedGrant(cell.expectation.expected, cell.role, channelOf(cell.key), cell.resource)),
    ...cells.filter((cell) => expectedGrant(cell.expectation.expected, cell.role, channelOf(cell.key), cell.resource)),
  ];
  const results: CellResult[] = [];
  let current: Map<string, string> | null = null;
  for (const { key, expectation, role, resource } of ordered) {
    // Asked again right before the cell: earlier grants (a submit, an approval) move proposals on.
    const expected = expectedGrant(expectation.expected, role, channelOf(key), resource);
    const before = expected ? null : (current ?? snapshot());
    const observed = await expectation.run(cellContext(role, resource));
    current = expected ? null : snapshot();
    const changed = before && current ? changedTables(before, current) : [];
    results.push({ key, role, resource, expected, observed, changed });
  }
  const { unauthorized, wronglyRefused } = judge(results);
  recordFigures({ matrixCells: results.length, unauthorizedSuccesses: unauthorized.length });
  expect(unauthorized.map(describe), "unauthorized successes").toEqual([]);
  expect(wronglyRefused.map(describe), "refused although the policy allows it").toEqual([]);
  // Not a matrix that refuses everything: the policy grants a real share of these writes.
  expect(results.filter((result) => result.expected && result.observed.granted).length).toBeGreaterThan(20);
});

test("collaboration rooms: joining and editing a live draft as the policy says, and no token opens another room", async () => {
  test.setTimeout(180_000);
  const lan = visitors.get("author")!;
  const results: CellResult[] = [];
  const clients: LiveClient[] = [];
  try {
    for (const resource of ["draft", "review"] as const) {
      const id = proposals.get(resource)!;
      const sectionId = proposalSections(id)[0].sectionId;
      // The author watches the room: an edit that counts reaches them.
      const authorGrant = (await collabGrant(lan, id, sectionId))!;
      const observer = await connect(authorGrant.document, authorGrant.token);
      expect(observer, `the author joins the ${resource} room`).not.toBeNull();
      clients.push(observer!);
      // Every role at once: each joins with what the web app gave it and types a marker of its own.
      const attempts = await Promise.all(
        ROLE_NAMES.map(async (role) => {
          const actor = actorFor(role, "api");
          const expectedAccess = actor ? collaborationAccess(actor, proposalResource(id)) : "none";
          const grant = await collabGrant(visitors.get(role)!, id, sectionId);
          const client = grant ? await connect(grant.document, grant.token) : null;
          if (client) clients.push(client);
          const marker = `[${role}-${resource}-${run}]`;
          if (client) typeText(client.doc, marker);
          return { role, expectedAccess, grant, client, marker };
        }),
      );
      const writers = attempts.filter((attempt) => attempt.client && attempt.grant?.access === "write");
      await waitFor(() => writers.every((attempt) => liveText(observer!.doc).includes(attempt.marker)), 10_000);
      // Edits that should not count have had the writers' time, and a little more, to show up.
      await new Promise((resolve) => setTimeout(resolve, READ_ONLY_GRACE_MS));
      const seen = liveText(observer!.doc);
      const rank = { none: 0, read: 1, write: 2 } as const;
      for (const { role, expectedAccess, grant, client, marker } of attempts) {
        const access = !client ? "none" : seen.includes(marker) ? "write" : "read";
        const detail = `${grant ? `token for ${grant.access}` : "no token"}${grant && !client ? ", refused on connect" : ""}${client ? `, joined, edit ${access === "write" ? "reached the author" : "ignored"}` : ""}`;
        const observed: Observed = { granted: rank[access] > rank[expectedAccess], permissionRefused: rank[access] < rank[expectedAccess], detail: `${detail}; policy says ${expectedAccess}` };
        results.push({ key: "room collabDocumentName", role, resource, expected: false, observed, changed: [] });
      }
      // A token is for its own room: the author's token for this room opens no other.
      const otherRoom = `proposal:${proposals.get(resource === "draft" ? "review" : "draft")}:section:${sectionId}`;
      const smuggled = await connect(otherRoom, authorGrant.token);
      results.push({ key: "room collabDocumentName", role: "author", resource, expected: false, observed: { granted: smuggled !== null, permissionRefused: false, detail: `token of ${authorGrant.document} on ${otherRoom}` }, changed: [] });
      smuggled?.close();
      const forged = await connect(authorGrant.document, `${authorGrant.token.slice(0, -4)}AAAA`);
      results.push({ key: "room collabDocumentName", role: "anonymous", resource, expected: false, observed: { granted: forged !== null, permissionRefused: false, detail: "forged signature" }, changed: [] });
      forged?.close();
    }
  } finally {
    for (const client of clients) client.close();
  }
  const unauthorized = results.filter((result) => result.observed.granted);
  const wronglyRefused = results.filter((result) => result.observed.permissionRefused);
  recordFigures({ matrixCells: results.length, unauthorizedSuccesses: unauthorized.length });
  expect(unauthorized.map(describe), "unauthorized successes").toEqual([]);
  expect(wronglyRefused.map(describe), "refused although the policy allows it").toEqual([]);
});
