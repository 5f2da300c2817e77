import { afterAll, describe, expect, it } from "vitest";
import { useLiveServer } from "../../collab/test-support";
import { TEST_INTERNAL_SECRET } from "../../collab/test-helpers";
import { callRoute, contractProblems, reviewerKey, writeToken, type CallAnswer } from "./test-support";
import { findOperation, OPERATIONS } from "./operations";
import { loadProposal } from "../../db/proposals";
import { blockId, type SectionContent } from "../../domain/document";
import { actorByEmail } from "../../testing/actors";
import { moderateConsultationComment } from "../../services/consultation/moderate-consultation-comment";

/**
 * Real answers against their description: each call goes to the route handler itself, on a
 * seeded database with a real collaboration server, through a proposal's whole life (open, edit,
 * comment, submit, two signed approvals, publish), and each answer must have a documented status,
 * media type and, for JSON, a body its zod schema accepts. Every operation is met at least once.
 */

const live = useLiveServer();
const DOC = "cam-nang-chuyen-doi-so";
const met = new Set<string>();
const problems: string[] = [];

async function call(method: string, path: string, options: Parameters<typeof callRoute>[2] = {}): Promise<CallAnswer> {
  const operation = findOperation(method, path);
  if (!operation) throw new Error(`${method} ${path} is not described`);
  const answer = await callRoute(method, path, options);
  problems.push(...contractProblems(operation, answer));
  met.add(operation.id);
  return answer;
}

describe("every answer matches its description", () => {
  afterAll(() => {
    delete process.env.COLLAB_INTERNAL_URL;
  });

  it("through reading, a proposal's whole life and its errors", async () => {
    process.env.COLLAB_INTERNAL_URL = live.server.httpUrl;
    process.env.COLLAB_INTERNAL_SECRET = TEST_INTERNAL_SECRET;
    const db = live.database.db;
    const [lan, minh, thu, admin] = await Promise.all(["lan@mof.gov.vn", "minh@mic.gov.vn", "thu@moha.gov.vn", "admin@camnang.gov.vn"].map((email) => writeToken(db, email)));

    // Reading.
    expect((await call("get", "/api/v1/documents")).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}", { params: { slug: DOC } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}", { params: { slug: DOC }, query: { at: "1900-01-01" } })).status).toBe(404);
    expect((await call("get", "/api/v1/documents/{slug}", { params: { slug: DOC }, query: { at: "hôm-nay" } })).status).toBe(400);
    expect((await call("get", "/api/v1/documents/{slug}/verify", { params: { slug: DOC } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/versions", { params: { slug: DOC } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/versions", { params: { slug: DOC }, query: { limit: "1" } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/versions/{n}", { params: { slug: DOC, n: "1" } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/versions/{n}", { params: { slug: DOC, n: "99" } })).status).toBe(404);
    expect((await call("get", "/api/v1/documents/{slug}/versions/{n}/effects", { params: { slug: DOC, n: "2" } })).status).toBe(200);
    for (const format of ["md", "html"]) {
      expect((await call("get", "/api/v1/documents/{slug}/versions/{n}/export", { params: { slug: DOC, n: "2" }, query: { format } })).status).toBe(200);
    }
    expect((await call("get", "/api/v1/documents/{slug}/versions/{n}/export", { params: { slug: DOC, n: "2" }, query: { format: "docx" } })).status).toBe(400);
    expect((await call("get", "/api/v1/documents/{slug}/versions/{n}/proof", { params: { slug: DOC, n: "2" } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/diff", { params: { slug: DOC }, query: { from: "1", to: "2" } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/diff", { params: { slug: DOC }, query: { from: "x", to: "2" } })).status).toBe(400);
    expect((await call("get", "/api/v1/search", { query: { q: "chính phủ số" }, token: lan })).status).toBe(200);
    expect((await call("get", "/api/v1/keys")).status).toBe(200);
    expect((await call("get", "/api/v1/log/proof/inclusion", { query: { index: "0", size: "2" } })).status).toBe(200);
    expect((await call("get", "/api/v1/log/proof/consistency", { query: { from: "1", to: "2" } })).status).toBe(200);
    expect((await call("get", "/api/v1/log/proof/consistency", { query: { from: "5", to: "2" } })).status).toBe(400);
    expect((await call("get", "/api/v1/openapi.json", { query: { lang: "en" } })).status).toBe(200);
    expect((await call("get", "/api/v1/open-data.zip")).status).toBe(200);
    expect((await call("get", "/api/v1/me/notifications.atom", { token: lan })).status).toBe(200);
    expect((await call("get", "/api/v1/audit", { token: admin })).status).toBe(200);
    expect((await call("get", "/api/v1/audit", { token: admin, query: { format: "csv" } })).status).toBe(200);
    expect((await call("get", "/api/v1/audit", { token: lan })).status).toBe(403);
    expect((await call("get", "/api/v1/unsubscribe", { query: { token: "khong-hop-le" } })).status).toBe(303);
    expect((await call("post", "/api/v1/unsubscribe", { query: { token: "khong-hop-le" } })).status).toBe(400);

    // A proposal's life.
    expect((await call("post", "/api/v1/documents/{slug}/proposals", { params: { slug: DOC }, body: { title: "x" , rationale: "" }, token: lan })).status).toBe(400);
    const created = await call("post", "/api/v1/documents/{slug}/proposals", { params: { slug: DOC }, body: { title: "Thử hợp đồng API", rationale: "Kiểm tra mô tả OpenAPI." }, token: lan });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    const view = await call("get", "/api/v1/proposals/{id}", { params: { id }, token: lan });
    const sectionId = (view.json as { sections: { id: string }[] }).sections[0].id;
    expect((await call("get", "/api/v1/proposals/{id}", { params: { id }, token: await writeToken(db, "tuan@mic.gov.vn") })).status).toBe(403);
    expect((await call("get", "/api/v1/proposals/{id}", { params: { id: "khong-co" }, token: lan })).status).toBe(404);
    const content = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Đoạn mới kiểm tra hợp đồng API." }] }] };
    expect((await call("put", "/api/v1/proposals/{id}/sections/{sectionId}", { params: { id, sectionId }, body: { content }, token: lan })).status).toBe(200);
    expect((await call("put", "/api/v1/proposals/{id}/sections/{sectionId}", { params: { id, sectionId }, body: { content: { type: "doc", content: [{ type: "script" }] } }, token: lan })).status).toBe(400);
    expect((await call("get", "/api/v1/proposals/{id}/sections/{sectionId}/collab", { params: { id, sectionId }, token: lan })).status).toBe(200);
    expect((await call("post", "/api/v1/proposals/{id}/comments", { params: { id }, body: { body: "Nhận xét qua API." }, token: lan })).status).toBe(201);
    expect((await call("post", "/api/v1/proposals/{id}/submit", { params: { id }, token: lan })).status).toBe(200);
    for (const token of [minh, thu]) {
      const key = reviewerKey();
      expect((await call("get", "/api/v1/me/keys", { token })).status).toBe(200);
      expect((await call("post", "/api/v1/me/keys", { body: { publicKey: "khong-phai-khoa" }, token })).status).toBe(400);
      expect((await call("post", "/api/v1/me/keys", { body: { publicKey: key.publicKey }, token })).status).toBe(201);
      expect((await call("post", "/api/v1/me/keys", { body: { publicKey: key.publicKey }, token })).status).toBe(200);
      const payload = ((await call("get", "/api/v1/proposals/{id}", { params: { id }, token })).json as { approvalPayload: string }).approvalPayload;
      expect((await call("post", "/api/v1/proposals/{id}/reviews", { params: { id }, body: { decision: "approve", comment: "Đồng ý." }, token })).status).toBe(400);
      expect((await call("post", "/api/v1/proposals/{id}/reviews", { params: { id }, body: { decision: "approve", comment: "Đồng ý.", signature: key.sign(payload) }, token })).status).toBe(201);
    }
    expect((await call("post", "/api/v1/proposals/{id}/publish", { params: { id }, body: { effectiveFrom: "2000-01-01" }, token: minh })).status).toBe(400);
    expect((await call("post", "/api/v1/proposals/{id}/publish", { params: { id }, token: minh })).status).toBe(201);
    // The new version's summary in the language asked for, from the counts stored at publication.
    const newestSummary = async (query: Record<string, string>) => {
      const answer = await call("get", "/api/v1/documents/{slug}/versions", { params: { slug: DOC }, query });
      return (answer.json as { versions: { summary: string }[] }).versions.at(-1)?.summary;
    };
    expect(await newestSummary({ lang: "en" })).toMatch(/^Section “[^”]+”: /);
    expect(await newestSummary({ lang: "vi" })).toMatch(/^Mục “[^”]+”: /);
    expect(await newestSummary({})).toBe(await newestSummary({ lang: "vi" }));
    expect((await call("get", "/api/v1/documents/{slug}/versions", { params: { slug: DOC }, query: { lang: "fr" } })).status).toBe(400);
    expect((await call("get", "/api/v1/proposals/{id}", { params: { id }, token: lan })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/verify", { params: { slug: DOC } })).status).toBe(200);

    const thuKeys = (await call("get", "/api/v1/me/keys", { token: thu })).json as { keys: { id: string }[] };
    expect((await call("delete", "/api/v1/me/keys/{id}", { params: { id: thuKeys.keys[0].id }, token: thu })).status).toBe(200);
    expect((await call("delete", "/api/v1/me/keys/{id}", { params: { id: "khong-co-khoa" }, token: thu })).status).toBe(404);

    expect(problems).toEqual([]);
  });

  it("through suggestions, a public consultation, editions and a section's effects", async () => {
    process.env.COLLAB_INTERNAL_URL = live.server.httpUrl;
    process.env.COLLAB_INTERNAL_SECRET = TEST_INTERNAL_SECRET;
    const db = live.database.db;
    const [lan, minh, thu, reader] = await Promise.all(["lan@mof.gov.vn", "minh@mic.gov.vn", "thu@moha.gov.vn", "docgia@example.vn"].map((email) => writeToken(db, email)));

    // A proposal in review whose closing section starts with a known sentence.
    const created = await call("post", "/api/v1/documents/{slug}/proposals", { params: { slug: DOC }, body: { title: "Hợp đồng API: góp ý và đề xuất sửa", rationale: "Kiểm tra mô tả OpenAPI." }, token: lan });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    const row = (await loadProposal(db, id)).sections.find((section) => section.slug === "loi-tong-ket")!;
    const content = JSON.parse(row.content) as SectionContent;
    const first = content.content[0];
    const sentence = "Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện của cá nhân, tổ chức.";
    const edited: SectionContent = { ...content, content: [{ ...first, content: [{ type: "text", text: sentence }] }, ...content.content.slice(1)] };
    expect((await call("put", "/api/v1/proposals/{id}/sections/{sectionId}", { params: { id, sectionId: row.sectionId }, body: { content: edited }, token: lan })).status).toBe(200);
    expect((await call("post", "/api/v1/proposals/{id}/submit", { params: { id }, token: lan })).status).toBe(200);

    // Suggestions by two reviewers; the author accepts one and rejects the rest.
    const block = blockId(first)!;
    const suggestion = (exact: string, text: string) => ({ sectionId: row.sectionId, blockId: block, offset: sentence.indexOf(exact), exact, text });
    const replace = await call("post", "/api/v1/proposals/{id}/suggestions", { params: { id }, body: suggestion("quá trình", "hành trình"), token: minh });
    expect(replace.status).toBe(201);
    expect((await call("post", "/api/v1/proposals/{id}/suggestions", { params: { id }, body: suggestion(" và toàn diện", ""), token: thu })).status).toBe(201);
    expect((await call("post", "/api/v1/proposals/{id}/suggestions", { params: { id }, body: { ...suggestion("Chuyển", "x"), exact: "không có trong bản nháp" }, token: thu })).status).toBe(422);
    const listed = await call("get", "/api/v1/proposals/{id}/suggestions", { params: { id }, token: lan });
    expect(listed.status).toBe(200);
    const replaceId = (replace.json as { id: string }).id;
    expect((await call("post", "/api/v1/proposals/{id}/suggestions/{suggestionId}/decision", { params: { id, suggestionId: replaceId }, body: { decision: "accept" }, token: lan })).status).toBe(200);
    expect((await call("post", "/api/v1/proposals/{id}/suggestions/decision", { params: { id }, body: { decision: "reject" }, token: lan })).status).toBe(200);

    // Public reads are called with a reader's token: this harness calls handlers outside a
    // request, where next-auth cannot read a session cookie for an anonymous caller.
    // A public consultation: opened by the author, a reader comments, the ministry's reviewer
    // publishes the first-timer's comment, the author answers, the report in every format.
    const opensAt = new Date();
    const closesAt = new Date(opensAt.getTime() + 31 * 24 * 3_600_000);
    expect((await call("post", "/api/v1/proposals/{id}/consultation", { params: { id }, body: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() }, token: lan })).status).toBe(201);
    expect((await call("get", "/api/v1/proposals/{id}/consultation", { params: { id }, token: reader })).status).toBe(200);
    const comment = await call("post", "/api/v1/proposals/{id}/consultation/comments", { params: { id }, body: { body: "Nên nêu rõ thời hạn thực hiện." }, token: reader });
    expect(comment.status).toBe(201);
    const commentId = (comment.json as { id: string }).id;
    await moderateConsultationComment({ actor: await actorByEmail(db, "khoa@mof.gov.vn"), proposalId: id, commentId, input: { decision: "publish" } });
    expect((await call("post", "/api/v1/proposals/{id}/reviews", { params: { id }, body: { decision: "approve", comment: "Đồng ý." }, token: thu })).status).toBe(422);
    expect((await call("post", "/api/v1/proposals/{id}/consultation/comments/{commentId}/answer", { params: { id, commentId }, body: { disposition: "maybe", reason: "" }, token: lan })).status).toBe(400);
    expect((await call("post", "/api/v1/proposals/{id}/consultation/comments/{commentId}/answer", { params: { id, commentId }, body: { disposition: "accepted", reason: "Đã bổ sung thời hạn." }, token: lan })).status).toBe(200);
    expect((await call("get", "/api/v1/proposals/{id}/consultation", { params: { id }, token: reader })).status).toBe(200);
    for (const format of ["html", "csv", "pdf"]) {
      expect((await call("get", "/api/v1/proposals/{id}/consultation/report", { params: { id }, query: { format }, token: reader })).status).toBe(200);
    }
    expect((await call("get", "/api/v1/proposals/{id}/consultation/report", { params: { id }, query: { format: "docx" }, token: reader })).status).toBe(400);

    // Editions and a section's effects.
    expect((await call("get", "/api/v1/documents/{slug}/editions", { params: { slug: DOC } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/editions", { params: { slug: "khong-co" } })).status).toBe(404);
    expect((await call("get", "/api/v1/documents/{slug}/sections/{section}/effects", { params: { slug: DOC, section: "loi-tong-ket" } })).status).toBe(200);
    expect((await call("get", "/api/v1/documents/{slug}/sections/{section}/effects", { params: { slug: DOC, section: "khong-co" } })).status).toBe(404);

    expect(problems).toEqual([]);
  });

  it("has met every described operation (runs after the flows above)", () => {
    expect(OPERATIONS.map((operation) => operation.id).filter((operationId) => !met.has(operationId)), "operations never checked against a real answer").toEqual([]);
  });

  it("finds what is wrong with an answer that does not match", () => {
    const documents = findOperation("get", "/api/v1/documents")!;
    const answer = (status: number, json: unknown, contentType = "application/json"): CallAnswer => ({ status, contentType, text: JSON.stringify(json), json });
    expect(contractProblems(documents, answer(200, { documents: [] }))).toEqual([]);
    expect(contractProblems(documents, answer(200, { documents: [{ slug: 1, title: "T", version: null, latest: null }] }))[0]).toMatch(/documents\.0\.slug/);
    expect(contractProblems(documents, answer(200, {}))[0]).toMatch(/documents/);
    expect(contractProblems(documents, answer(418, {}))[0]).toMatch(/status not documented/);
    expect(contractProblems(documents, answer(200, "<html>", "text/html"))[0]).toMatch(/media type text\/html/);
  });
});
