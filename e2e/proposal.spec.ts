import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";
// The database outlives a run: the sentence carries this run's mark, so the text found is the one this run published.
const RUN = Date.now().toString(36);
const NEW_SENTENCE = `Các bộ, ngành cần cập nhật Cẩm nang mỗi năm một lần (đợt ${RUN}).`;

test("a contributor proposes a change, two reviewers of the owning ministries approve, one publishes, and readers see it", async ({ browser, baseURL }) => {
  // Chị Lan (Bộ Tài chính) proposes an edit to “Lời tổng kết” (owned by Bộ Nội vụ).
  const lanContext = await browser.newContext({ baseURL });
  const lan = await lanContext.newPage();
  await signIn(lan, DEMO.lan);
  await lan.goto(`/${DOC}/loi-tong-ket`);
  await lan.getByRole("link", { name: "Đề xuất sửa đổi" }).click();
  await lan.getByLabel("Tiêu đề đề xuất").fill("Bổ sung nhịp cập nhật Cẩm nang");
  await lan.getByLabel(/Lý do/).fill("Cần quy định nhịp cập nhật định kỳ.");
  await lan.getByLabel(/Căn cứ pháp lý/).fill("Quyết định số 749/QĐ-TTg");
  await lan.getByRole("button", { name: "Tạo bản nháp" }).click();
  await expect(lan).toHaveURL(/\/lam-viec\/de-xuat\/(?!moi)[a-z0-9]+/);
  await expect(lan.getByTestId("proposal-status")).toHaveText("Bản nháp");
  const proposalPath = new URL(lan.url()).pathname;
  const proposalUrl = `${proposalPath}${new URL(lan.url()).search}`;

  const editor = lan.locator(".ProseMirror").first();
  await expect(editor).toContainText("Vua Lý Thái Tổ");
  await editor.click();
  await lan.keyboard.press("Control+End");
  await lan.keyboard.press("Enter");
  await lan.keyboard.type(NEW_SENTENCE);
  await expect(lan.getByTestId("editor-status")).toContainText("Đã lưu", { timeout: 20_000 });
  // The stored draft (what reviewers approve) has the sentence before submitting.
  await expect.poll(async () => (await lan.request.get(proposalPath.replace("/lam-viec/de-xuat/", "/api/v1/proposals/"))).text(), { timeout: 20_000 }).toContain(NEW_SENTENCE);
  await lan.reload();
  await lan.getByRole("button", { name: "Gửi thẩm định" }).click();
  await expect(lan.getByTestId("proposal-status")).toHaveText("Đang thẩm định");

  // Anh Minh (Bộ TT&TT) approves: one approval, Bộ Nội vụ's still missing.
  const minhContext = await browser.newContext({ baseURL });
  const minh = await minhContext.newPage();
  await signIn(minh, DEMO.minh);
  await minh.goto(proposalUrl);
  await expect(minh.locator("ins", { hasText: RUN }).first()).toBeVisible();
  await minh.getByLabel("Phê duyệt", { exact: true }).check();
  await minh.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(minh.getByTestId("policy-checklist")).toContainText("1/2 phê duyệt");
  await expect(minh.getByTestId("policy-checklist")).toContainText("Bộ Nội vụ");
  // The approval was signed in Minh's browser with a key that never left it: the review shows
  // as signed with the fingerprint of the key now registered to his account.
  const minhReview = minh.getByTestId("review").filter({ hasText: "Lê Văn Minh" });
  await expect(minhReview.getByTestId("review-signing")).toHaveAttribute("data-signing", "signed");
  const fingerprint = (await minhReview.getByTestId("review-fingerprint").textContent()) ?? "";
  expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  const published = (await (await minh.request.get("/api/v1/keys")).json()) as { keys: { fingerprint: string; retirement: string | null }[] };
  expect(published.keys.find((key) => key.fingerprint === fingerprint)?.retirement).toBeNull();
  await minh.goto("/lam-viec");
  await expect(minh.getByTestId("reviewer-key").filter({ hasText: fingerprint })).toHaveAttribute("data-retirement", "in-use");
  await minh.goto(proposalUrl);
  await expect(minh.getByRole("button", { name: "Ban hành" })).toHaveCount(0);

  // Chị Thu (Bộ Nội vụ) approves, then publishes the version after the one in force now (other
  // specs publish versions of this document too, so the number is read, not assumed).
  const headBefore = ((await (await minh.request.get(`/api/v1/documents/${DOC}`)).json()) as { version: { number: number } }).version.number;
  const thuContext = await browser.newContext({ baseURL });
  const thu = await thuContext.newPage();
  await signIn(thu, DEMO.thu);
  await thu.goto(proposalUrl);
  await thu.getByLabel("Phê duyệt", { exact: true }).check();
  await thu.getByLabel("Nhận xét").fill("Đồng ý.");
  await thu.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(thu.getByTestId("proposal-status")).toHaveText("Đã phê duyệt");
  await thu.getByRole("button", { name: "Ban hành" }).click();
  await expect(thu.getByRole("status")).toContainText("Đã ban hành phiên bản");
  await expect(thu.getByTestId("proposal-status")).toHaveText("Đã ban hành");

  // A reader, without an account, sees the new text, the new version in the history, and the diff.
  const readerContext = await browser.newContext({ baseURL });
  const reader = await readerContext.newPage();
  await reader.goto(`/${DOC}/loi-tong-ket`);
  await expect(reader.getByText(NEW_SENTENCE)).toBeVisible();
  const api = await (await reader.request.get(`/api/v1/documents/${DOC}`)).json();
  const number = api.version.number as number;
  expect(number).toBe(headBefore + 1);
  const proposal = await (await thu.request.get(proposalPath.replace("/lam-viec/de-xuat/", "/api/v1/proposals/"))).json();
  expect(proposal.publishedVersion).toEqual({ number, hash: api.version.hash });
  await reader.goto(`/${DOC}/lich-su`);
  await expect(reader.locator(`#v${number}`)).toContainText("Bổ sung nhịp cập nhật Cẩm nang");
  await reader.goto(`/${DOC}/so-sanh?from=${number - 1}&to=${number}`);
  await expect(reader.locator("ins", { hasText: RUN }).first()).toBeVisible();
  const verify = await (await reader.request.get(`/api/v1/documents/${DOC}/verify`)).json();
  expect(verify).toMatchObject({ ok: true, versions: number });

  for (const context of [lanContext, minhContext, thuContext, readerContext]) await context.close();
});
