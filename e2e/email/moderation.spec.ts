import { expect, test, type Browser, type Page } from "@playwright/test";
import { linksIn, startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/test-support";
import { DEMO, signInByApi } from "../fixtures/session";
import { E2E_SMTP_PORT } from "../../playwright.email.config";

/**
 * A document's consultation settings in administration, post-moderation in the browser (a
 * comment shown at once, hidden after the document's number of reports, a moderator's hiding
 * refused without a reason), and a comment on words selected with the mouse. Each test makes
 * its own proposal, consultation and citizens; the document's settings are put back afterwards.
 */

const DOC = "cam-nang-chuyen-doi-so";
const DAY_MS = 24 * 3600 * 1000;
const NEW_PARAGRAPH = "Đoạn mới cần lấy ý kiến nhân dân về thời hạn.";
const DEFAULTS = { minDays: "30", moderation: "PRE", hideAfterReports: "3" };

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ port: E2E_SMTP_PORT });
});
test.afterAll(async ({ browser }) => {
  // The document's settings as the seed has them, for whatever runs next on this database.
  const admin = await browser.newPage();
  await admin.goto("/");
  await signInByApi(admin, DEMO.admin);
  await saveSettings(admin, DEFAULTS);
  await admin.close();
  await smtp.close();
});

async function saveSettings(admin: Page, settings: { minDays?: string; moderation?: string; hideAfterReports?: string }, options: { skipBrowserChecks?: boolean } = {}) {
  await admin.goto(`/quan-tri/cong-bo/${DOC}`);
  const form = admin.getByTestId("consultation-settings");
  if (options.skipBrowserChecks) await form.evaluate((element) => ((element as HTMLFormElement).noValidate = true));
  if (settings.minDays !== undefined) await form.getByLabel(/Thời gian lấy ý kiến tối thiểu/).fill(settings.minDays);
  if (settings.moderation === "PRE") await form.getByLabel("Ý kiến của người góp ý lần đầu chờ người kiểm duyệt duyệt").check();
  if (settings.moderation === "POST") await form.getByLabel("Hiện ngay, tự động ẩn sau một số lượt báo cáo").check();
  if (settings.hideAfterReports !== undefined) await form.getByLabel(/Số lượt báo cáo để ẩn/).fill(settings.hideAfterReports);
  await form.getByRole("button", { name: "Lưu thiết lập góp ý" }).click();
}

/** Lan adds a paragraph to the first section and submits; returns the proposal id. */
async function proposalInReview(page: Page, origin: string, title: string): Promise<string> {
  await signInByApi(page, DEMO.lan);
  const created = (await (await page.request.post(`/api/v1/documents/${DOC}/proposals`, { data: { title, rationale: "Lấy ý kiến nhân dân." }, headers: { origin } })).json()) as { id: string };
  const view = (await (await page.request.get(`/api/v1/proposals/${created.id}`)).json()) as { sections: { id: string; content: { type: string; content: unknown[] } }[] };
  const section = view.sections[0];
  const content = { ...section.content, content: [...section.content.content, { type: "paragraph", content: [{ type: "text", text: NEW_PARAGRAPH }] }] };
  expect((await page.request.put(`/api/v1/proposals/${created.id}/sections/${section.id}`, { data: { content }, headers: { origin } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/proposals/${created.id}/submit`, { headers: { origin } })).status()).toBe(200);
  return created.id;
}

/** Opens the proposal's consultation through the API for a month and a day, from now. */
async function openForAMonth(page: Page, origin: string, proposalId: string) {
  const now = Date.now();
  const response = await page.request.post(`/api/v1/proposals/${proposalId}/consultation`, {
    data: { opensAt: new Date(now).toISOString(), closesAt: new Date(now + 31 * DAY_MS).toISOString() },
    headers: { origin },
  });
  expect(response.status()).toBe(201);
}

/** A citizen registers at /dang-ky, follows the emailed link and signs in. */
async function registeredCitizen(browser: Browser, name: string): Promise<Page> {
  const email = `cong.dan.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.vn`;
  const password = "mat-khau-cong-dan-2026";
  const page = await browser.newPage();
  await page.goto("/dang-ky");
  await page.getByLabel("Họ và tên (hiển thị công khai)").fill(name);
  await page.getByLabel("Email (không công bố)").fill(email);
  await page.getByLabel(/Mật khẩu/).fill(password);
  await page.getByRole("button", { name: "Đăng ký" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("Đã gửi email xác nhận.");
  await expect.poll(() => smtp.received.some((message) => message.envelopeTo.includes(email)), { timeout: 30_000 }).toBe(true);
  const confirmation = smtp.received.find((message) => message.envelopeTo.includes(email))!;
  const link = linksIn(confirmation.text).find((url) => url.pathname === "/dang-ky/xac-nhan")!;
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Tài khoản của bạn đã được xác nhận. Bạn có thể đăng nhập và góp ý.");
  await signInByApi(page, email, password);
  return page;
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto("/");
  await signInByApi(page, email);
  return page;
}

type PublicComments = { comments: { id: string; body: string; anchor: { kind: string; start?: number; end?: number; quote?: string } }[] };
async function publicComments(page: Page, proposalId: string): Promise<PublicComments["comments"]> {
  return ((await (await page.request.get(`/api/v1/proposals/${proposalId}/consultation`)).json()) as PublicComments).comments;
}

/** The flash message a form leaves (Next's route announcer is an alert too, outside these classes). */
const statusOf = (page: Page) => page.locator("p.notice--ok");
const alertOf = (page: Page) => page.locator("p.notice--error");

test("an admin sets the minimum period; a shorter consultation is then refused with the minimum in the message, and settings out of bounds change nothing", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const admin = await signedIn(browser, DEMO.admin);

  // Out of bounds, past the browser's own checks: the server refuses and keeps what was stored.
  await saveSettings(admin, { minDays: "0" }, { skipBrowserChecks: true });
  await expect(alertOf(admin)).toHaveText("Thiết lập góp ý không hợp lệ: thời gian tối thiểu từ 1 đến 180 ngày, số lượt báo cáo để ẩn từ 1 đến 100.");
  await saveSettings(admin, { minDays: "100000" }, { skipBrowserChecks: true });
  await expect(alertOf(admin)).toContainText("Thiết lập góp ý không hợp lệ");
  await saveSettings(admin, { hideAfterReports: "0" }, { skipBrowserChecks: true });
  await expect(alertOf(admin)).toContainText("Thiết lập góp ý không hợp lệ");
  await admin.reload();
  await expect(admin.getByLabel(/Thời gian lấy ý kiến tối thiểu/)).toHaveValue(DEFAULTS.minDays);
  await expect(admin.getByLabel(/Số lượt báo cáo để ẩn/)).toHaveValue(DEFAULTS.hideAfterReports);

  await saveSettings(admin, { minDays: "45" });
  await expect(statusOf(admin)).toHaveText("Đã lưu thiết lập lấy ý kiến góp ý.");
  await expect(admin.getByLabel(/Thời gian lấy ý kiến tối thiểu/)).toHaveValue("45");

  // Lan opens a consultation of forty days from the proposal page: refused, with the new minimum.
  const author = await browser.newPage();
  await author.goto("/");
  const proposalId = await proposalInReview(author, origin, `Thời hạn tối thiểu ${Date.now()}`);
  await author.goto(`/lam-viec/de-xuat/${proposalId}`);
  const panel = author.getByTestId("consultation-panel");
  await expect(panel).toContainText("Tài liệu này yêu cầu lấy ý kiến tối thiểu 45 ngày.");
  const opensAt = await panel.getByLabel("Bắt đầu").inputValue();
  const fortyDaysLater = new Date(new Date(`${opensAt}:00Z`).getTime() + 40 * DAY_MS).toISOString().slice(0, 16);
  await panel.getByLabel("Kết thúc").fill(fortyDaysLater);
  await panel.getByRole("button", { name: "Mở lấy ý kiến" }).click();
  await expect(alertOf(author)).toHaveText("Thời gian lấy ý kiến của tài liệu này tối thiểu 45 ngày; hãy chọn ngày kết thúc muộn hơn.");
  expect((await author.request.get(`/api/v1/proposals/${proposalId}/consultation`)).status()).toBe(404);

  // Forty-six days goes through.
  const fortySixDaysLater = new Date(new Date(`${opensAt}:00Z`).getTime() + 46 * DAY_MS).toISOString().slice(0, 16);
  await author.getByTestId("consultation-panel").getByLabel("Kết thúc").fill(fortySixDaysLater);
  await author.getByTestId("consultation-panel").getByRole("button", { name: "Mở lấy ý kiến" }).click();
  await expect(statusOf(author)).toHaveText("Đã mở lấy ý kiến công khai.");

  // The change is in the audit log, with what it was before.
  const audit = (await (await admin.request.get("/api/v1/audit?action=consultation.settings_changed")).json()) as { events: { action: string; data: unknown }[] };
  expect(audit.events.find((event) => event.action === "consultation.settings_changed")?.data).toMatchObject({ to: { minDays: 45 } });
  await saveSettings(admin, DEFAULTS);
  await expect(statusOf(admin)).toHaveText("Đã lưu thiết lập lấy ý kiến góp ý.");
});

test("post-moderation: a comment is shown at once, hidden after the document's number of reports, and a moderator's hiding needs a reason", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const admin = await signedIn(browser, DEMO.admin);
  await saveSettings(admin, { moderation: "POST", hideAfterReports: "2" });
  await expect(statusOf(admin)).toHaveText("Đã lưu thiết lập lấy ý kiến góp ý.");

  const author = await browser.newPage();
  await author.goto("/");
  const proposalId = await proposalInReview(author, origin, `Hậu kiểm ${Date.now()}`);
  await openForAMonth(author, origin, proposalId);
  const pagePath = `/${DOC}/gop-y/${proposalId}`;

  // A first-time commenter's comment is public at once.
  const citizen = await registeredCitizen(browser, "Trần Văn Hậu");
  await citizen.goto(pagePath);
  const offensive = `Bình luận bị báo cáo ${Date.now()}`;
  await citizen.getByLabel("Góp ý cho toàn bộ đề xuất").fill(offensive);
  await citizen.getByTestId("comment-whole").getByRole("button", { name: "Gửi góp ý" }).click();
  await expect(statusOf(citizen)).toHaveText("Đã gửi góp ý. Cảm ơn bạn.");
  const anonymous = await browser.newPage();
  // Rendered for each visitor, never replayed from the reader's page cache (proxy.ts).
  expect((await anonymous.goto(pagePath))?.headers()["x-camnang-cache"]).toBeUndefined();
  await expect(anonymous.getByTestId("consultation-comment").filter({ hasText: offensive })).toHaveCount(1);

  // One report leaves it shown; the second (of two people) hides it.
  const reporters = [await signedIn(browser, DEMO.tuan), await signedIn(browser, DEMO.hoa)];
  for (const [index, reporter] of reporters.entries()) {
    await reporter.goto(pagePath);
    await reporter.getByTestId("consultation-comment").filter({ hasText: offensive }).getByRole("button", { name: "Báo cáo vi phạm" }).click();
    await expect(statusOf(reporter)).toHaveText("Đã ghi nhận báo cáo.");
    const shown = (await publicComments(anonymous, proposalId)).some((comment) => comment.body === offensive);
    expect(shown, `after ${index + 1} report(s)`).toBe(index === 0);
  }
  await anonymous.reload();
  await expect(anonymous.getByText(offensive)).toHaveCount(0);
  const moderator = await signedIn(browser, DEMO.khoa);
  await moderator.goto(pagePath);
  const reported = moderator.getByTestId("consultation-comment").filter({ hasText: offensive });
  await expect(reported).toContainText("Đã ẩn");
  await expect(reported).toContainText("Tự động ẩn sau 2 lượt báo cáo.");

  // A second comment; the moderator's hiding with only spaces for a reason is refused and changes nothing.
  const advert = `Quảng cáo dịch vụ ${Date.now()}`;
  await citizen.goto(pagePath);
  await citizen.getByLabel("Góp ý cho toàn bộ đề xuất").fill(advert);
  await citizen.getByTestId("comment-whole").getByRole("button", { name: "Gửi góp ý" }).click();
  await expect(statusOf(citizen)).toHaveText("Đã gửi góp ý. Cảm ơn bạn.");
  await moderator.goto(pagePath);
  const advertItem = moderator.getByTestId("consultation-comment").filter({ hasText: advert });
  await advertItem.getByLabel("Lý do ẩn (bắt buộc, được ghi vào nhật ký)").fill("   ");
  await advertItem.getByRole("button", { name: "Ẩn ý kiến" }).click();
  await expect(alertOf(moderator)).toHaveText("Ẩn một ý kiến cần ghi lý do (tối đa 1000 ký tự).");
  expect((await publicComments(anonymous, proposalId)).map((comment) => comment.body)).toContain(advert);

  // With a reason it is hidden, the reason shown to the moderator and written to the audit log.
  await moderator.getByTestId("consultation-comment").filter({ hasText: advert }).getByLabel("Lý do ẩn (bắt buộc, được ghi vào nhật ký)").fill("Quảng cáo, không phải góp ý.");
  await moderator.getByTestId("consultation-comment").filter({ hasText: advert }).getByRole("button", { name: "Ẩn ý kiến" }).click();
  await expect(statusOf(moderator)).toHaveText("Đã lưu quyết định kiểm duyệt.");
  await expect(moderator.getByTestId("consultation-comment").filter({ hasText: advert })).toContainText("Lý do ẩn: Quảng cáo, không phải góp ý.");
  expect((await publicComments(anonymous, proposalId)).map((comment) => comment.body)).not.toContain(advert);
  const audit = (await (await admin.request.get("/api/v1/audit?action=consultation.comment_hidden")).json()) as { events: { action: string; targetId: string; data: { reason?: string; automatic?: boolean } }[] };
  const hidings = audit.events.filter((event) => event.action === "consultation.comment_hidden" && event.targetId === proposalId);
  expect(hidings.map((event) => event.data.reason ?? (event.data.automatic ? "automatic" : "")).sort()).toEqual(["Quảng cáo, không phải góp ý.", "automatic"]);

  await saveSettings(admin, DEFAULTS);
  await expect(statusOf(admin)).toHaveText("Đã lưu thiết lập lấy ý kiến góp ý.");
});

test("a comment on words selected with the mouse on the public page points at exactly those words", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const author = await browser.newPage();
  await author.goto("/");
  const proposalId = await proposalInReview(author, origin, `Góp ý cụm từ ${Date.now()}`);
  await openForAMonth(author, origin, proposalId);
  const pagePath = `/${DOC}/gop-y/${proposalId}`;

  const citizen = await registeredCitizen(browser, "Lê Thị Chọn");
  await citizen.goto(pagePath);
  const block = citizen.locator(".consultation-block", { hasText: NEW_PARAGRAPH });
  const words = "lấy ý kiến nhân dân";
  const start = NEW_PARAGRAPH.indexOf(words);
  // Where the words are on screen: from the first letter's left edge to the last one's right edge.
  await block.scrollIntoViewIfNeeded();
  const box = await block.locator(".prose").evaluate((element, [from, to]) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const text = walker.nextNode() as Text;
    const range = document.createRange();
    range.setStart(text, from);
    range.setEnd(text, from + 1);
    const first = range.getBoundingClientRect();
    range.setStart(text, to - 1);
    range.setEnd(text, to);
    const last = range.getBoundingClientRect();
    return { x1: first.left + 1, x2: last.right - 1, y: first.top + first.height / 2 };
  }, [start, start + words.length] as const);
  await citizen.mouse.move(box.x1, box.y);
  await citizen.mouse.down();
  await citizen.mouse.move(box.x2, box.y, { steps: 8 });
  await citizen.mouse.up();

  await expect(block.getByText("Góp ý phần đã chọn")).toBeVisible();
  await expect(block.getByTestId("selected-quote")).toHaveText(`Phần được chọn: “${words}”`);
  await block.getByLabel("Ý kiến của bạn").fill("Nên nói rõ là lấy ý kiến của ai.");
  await block.getByRole("button", { name: "Gửi góp ý" }).click();
  // A first-time commenter under pre-moderation: waiting, shown to them with the words it is about.
  await expect(statusOf(citizen)).toHaveText("Đã gửi góp ý; ý kiến sẽ hiện sau khi người kiểm duyệt của cơ quan đề xuất duyệt.");
  const mine = citizen.getByTestId("consultation-comment").filter({ hasText: "Nên nói rõ là lấy ý kiến của ai." });
  await expect(mine).toContainText("Đang chờ duyệt");
  await expect(mine).toContainText(`“${words}”`);

  const moderator = await signedIn(browser, DEMO.khoa);
  await moderator.goto(pagePath);
  await moderator.getByTestId("consultation-comment").filter({ hasText: "Nên nói rõ là lấy ý kiến của ai." }).getByRole("button", { name: "Duyệt (hiện công khai)" }).click();
  await expect(statusOf(moderator)).toHaveText("Đã lưu quyết định kiểm duyệt.");
  const [comment] = await publicComments(citizen, proposalId);
  expect(comment.anchor).toMatchObject({ kind: "range", start, end: start + words.length, quote: words });
});
