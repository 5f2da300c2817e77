import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { linksIn, startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/test-support";
import { DEMO, signInByApi } from "../fixtures/session";
import { newReviewerKey } from "../fixtures/reviewer-key";
import { E2E_SMTP_PORT } from "../../playwright.email.config";

const DOC = "cam-nang-chuyen-doi-so";
const DAY_MS = 24 * 3600 * 1000;
/** The file HANDBOOK_CLOCK points this configuration's server at; absent = the system clock. */
const CLOCK_FILE = path.resolve("data/e2e-email/clock");

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => {
  fs.rmSync(CLOCK_FILE, { force: true });
  await smtp.close();
});

async function waitForEmail(predicate: (subject: string, to: string[]) => boolean) {
  await expect.poll(() => smtp.received.find((email) => predicate(email.subject, email.envelopeTo)) ?? null, { timeout: 30_000 }).not.toBeNull();
  return smtp.received.find((email) => predicate(email.subject, email.envelopeTo))!;
}

/** Lan changes the closing section's first paragraph and submits; returns the proposal id. */
async function proposalInReview(page: Page, origin: string, title: string): Promise<string> {
  await signInByApi(page, DEMO.lan);
  const created = (await (await page.request.post(`/api/v1/documents/${DOC}/proposals`, { data: { title, rationale: "Lấy ý kiến nhân dân." }, headers: { origin } })).json()) as { id: string };
  const view = (await (await page.request.get(`/api/v1/proposals/${created.id}`)).json()) as { sections: { id: string; content: { type: string; content: unknown[] } }[] };
  const section = view.sections[0];
  const content = { ...section.content, content: [...section.content.content, { type: "paragraph", content: [{ type: "text", text: "Đoạn mới cần lấy ý kiến nhân dân." }] }] };
  expect((await page.request.put(`/api/v1/proposals/${created.id}/sections/${section.id}`, { data: { content }, headers: { origin } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/proposals/${created.id}/submit`, { headers: { origin } })).status()).toBe(200);
  return created.id;
}

async function approve(request: APIRequestContext, origin: string, proposalId: string, key: ReturnType<typeof newReviewerKey>) {
  const view = (await (await request.get(`/api/v1/proposals/${proposalId}`)).json()) as { approvalPayload: string };
  return request.post(`/api/v1/proposals/${proposalId}/reviews`, { data: { decision: "approve", comment: "", signature: key.signPayload(view.approvalPayload) }, headers: { origin } });
}

test("a citizen registers by the emailed link and comments on a paragraph; the author answers; approval waits for the answer; after the end a comment is refused; the report lists the answer", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const title = `Lấy ý kiến ${Date.now()}`;
  const citizenEmail = `cong.dan.${Date.now()}@example.vn`;

  // Lan opens her proposal for comment through the proposal page.
  const author = await browser.newPage();
  await author.goto("/");
  const proposalId = await proposalInReview(author, origin, title);
  await author.goto(`/lam-viec/de-xuat/${proposalId}`);
  const panel = author.getByTestId("consultation-panel");
  await expect(panel).toContainText("Đề xuất này chưa được đưa ra lấy ý kiến công khai.");
  await panel.getByRole("button", { name: "Mở lấy ý kiến" }).click();
  await expect(author.getByRole("main").getByRole("status").first()).toHaveText("Đã mở lấy ý kiến công khai.");
  const opened = (await (await author.request.get(`/api/v1/proposals/${proposalId}/consultation`)).json()) as { status: string; closesAt: string; comments: unknown[] };
  expect(opened).toMatchObject({ status: "open", comments: [] });

  // A citizen registers; the account exists only after the emailed link.
  const citizen = await browser.newPage();
  await citizen.goto("/dang-ky");
  await citizen.getByLabel("Họ và tên (hiển thị công khai)").fill("Nguyễn Văn Dân");
  await citizen.getByLabel("Email (không công bố)").fill(citizenEmail);
  await citizen.getByLabel(/Mật khẩu/).fill("mat-khau-cong-dan-2026");
  await citizen.getByRole("button", { name: "Đăng ký" }).click();
  await expect(citizen.getByRole("main").getByRole("status").first()).toContainText("Đã gửi email xác nhận.");
  const confirmation = await waitForEmail((subject, to) => subject === "Xác nhận tài khoản góp ý trên Cẩm nang mở" && to.includes(citizenEmail));
  const link = linksIn(confirmation.text).find((url) => url.pathname === "/dang-ky/xac-nhan")!;
  await citizen.goto(`${link.pathname}${link.search}`);
  await expect(citizen.getByRole("main").getByRole("status")).toHaveText("Tài khoản của bạn đã được xác nhận. Bạn có thể đăng nhập và góp ý.");
  await signInByApi(citizen, citizenEmail, "mat-khau-cong-dan-2026");

  // The citizen comments on the new paragraph: a first-time commenter waits for the moderator.
  await citizen.goto(`/${DOC}/gop-y/${proposalId}`);
  await expect(citizen.getByTestId("consultation-phase")).toContainText("Đang lấy ý kiến đến");
  const paragraph = citizen.locator(".consultation-block", { hasText: "Đoạn mới cần lấy ý kiến nhân dân." });
  await paragraph.getByText("Góp ý đoạn này").click();
  await paragraph.getByLabel("Ý kiến của bạn").fill("Nên nêu rõ thời hạn lấy ý kiến là 30 ngày.");
  await paragraph.getByRole("button", { name: "Gửi góp ý" }).click();
  await expect(citizen.getByRole("main").getByRole("status").first()).toHaveText("Đã gửi góp ý; ý kiến sẽ hiện sau khi người kiểm duyệt của cơ quan đề xuất duyệt.");

  // Khoa, reviewer of Bộ Tài chính (the proposing ministry), publishes it.
  const moderator = await browser.newPage();
  await moderator.goto("/");
  await signInByApi(moderator, DEMO.khoa);
  await moderator.goto(`/${DOC}/gop-y/${proposalId}`);
  await moderator.getByTestId("consultation-comment").getByRole("button", { name: "Duyệt (hiện công khai)" }).click();
  await expect(moderator.getByRole("main").getByRole("status").first()).toHaveText("Đã lưu quyết định kiểm duyệt.");

  const published = (await (await citizen.request.get(`/api/v1/proposals/${proposalId}/consultation`)).json()) as { comments: { id: string; anchor: { kind: string }; author: { name: string }; answer: unknown }[] };
  expect(published.comments).toHaveLength(1);
  expect(published.comments[0]).toMatchObject({ anchor: { kind: "block" }, author: { name: "Nguyễn Văn Dân" }, answer: null });
  expect(JSON.stringify(published)).not.toContain(citizenEmail);

  // Approval is refused while the comment has no answer.
  const reviewer = await browser.newPage();
  await reviewer.goto("/");
  await signInByApi(reviewer, DEMO.minh);
  const key = newReviewerKey();
  await reviewer.request.post("/api/v1/me/keys", { data: { publicKey: key.publicKey }, headers: { origin } });
  const refused = await approve(reviewer.request, origin, proposalId, key);
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("còn 1 ý kiến góp ý chưa được trả lời");

  // Lan answers in the browser; the citizen gets the answer by email.
  await author.goto(`/${DOC}/gop-y/${proposalId}`);
  const form = author.getByTestId("answer-form");
  await form.getByLabel("Kết quả").selectOption("accepted");
  await form.getByLabel("Lý do").fill("Đã bổ sung thời hạn 30 ngày vào đoạn này.");
  await form.getByRole("button", { name: "Lưu trả lời" }).click();
  await expect(author.getByRole("main").getByRole("status").first()).toHaveText("Đã lưu trả lời.");
  await expect(author.getByTestId("consultation-answer")).toContainText("Tiếp thu");
  const answered = await waitForEmail((subject, to) => subject.startsWith("Góp ý của bạn đã được trả lời") && to.includes(citizenEmail));
  expect(answered.text).toContain(`/${DOC}/gop-y/${proposalId}`);

  // After the end date, a new comment is refused and the page says the window closed.
  fs.mkdirSync(path.dirname(CLOCK_FILE), { recursive: true });
  fs.writeFileSync(CLOCK_FILE, new Date(new Date(opened.closesAt).getTime() + DAY_MS).toISOString());
  const late = await citizen.request.post(`/api/v1/proposals/${proposalId}/consultation/comments`, { data: { body: "Góp ý muộn." }, headers: { origin } });
  expect(late.status()).toBe(403);
  expect(((await late.json()) as { error: { message: string } }).error.message).toContain("Đợt lấy ý kiến đã kết thúc");
  await citizen.goto(`/${DOC}/gop-y/${proposalId}`);
  await expect(citizen.getByTestId("consultation-phase")).toContainText("Đợt lấy ý kiến đã kết thúc");
  await expect(citizen.getByText("Góp ý đoạn này")).toHaveCount(0);

  // Answered: approval goes through.
  expect((await approve(reviewer.request, origin, proposalId, key)).status()).toBe(201);

  // The report lists the comment with its disposition, in every format.
  const csv = await citizen.request.get(`/api/v1/proposals/${proposalId}/consultation/report?format=csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = await csv.text();
  expect(csvText.startsWith("\uFEFF")).toBe(true);
  expect(csvText).toContain('"Nguyễn Văn Dân"');
  expect(csvText).toContain('"Tiếp thu","Đã bổ sung thời hạn 30 ngày vào đoạn này."');
  const html = await (await citizen.request.get(`/api/v1/proposals/${proposalId}/consultation/report?format=html`)).text();
  expect(html).toContain("Nên nêu rõ thời hạn lấy ý kiến là 30 ngày.");
  const pdf = await citizen.request.get(`/api/v1/proposals/${proposalId}/consultation/report?format=pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const report = citizen.getByTestId("consultation-report");
  await expect(report).toContainText("Đã trả lời");
  await expect(citizen.getByTestId("consultation-comment")).toContainText("Tiếp thu");
});
