import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, signInByApi } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";

async function createProposalAsLan(page: Page): Promise<{ id: string; sectionId: string }> {
  const response = await page.request.post(`/api/v1/documents/${DOC}/proposals`, {
    data: { title: "Cùng soạn thử nghiệm", rationale: "Kiểm tra soạn thảo đồng thời." },
    headers: { origin: new URL(page.url() || "http://localhost:3100").origin },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  const view = (await (await page.request.get(`/api/v1/proposals/${id}`)).json()) as { sections: { id: string; slug: string }[] };
  const section = view.sections.find((candidate) => candidate.slug === "loi-tong-ket");
  expect(section).toBeTruthy();
  return { id, sectionId: section!.id };
}

function editorOf(page: Page) {
  return page.locator(".ProseMirror").first();
}

/**
 * Lan opens a proposal, invites Hòa through the page, and both open the “Lời tổng kết” section.
 * `prepareLan` runs on Lan's browser context before her page opens (e.g. to install scripts).
 */
async function openSharedDraft(browser: Browser, baseURL: string | undefined, prepareLan?: (context: BrowserContext) => Promise<unknown>) {
  const lanContext = await browser.newContext({ baseURL });
  const hoaContext = await browser.newContext({ baseURL });
  if (prepareLan) await prepareLan(lanContext);
  const lan = await lanContext.newPage();
  const hoa = await hoaContext.newPage();
  await lan.goto("/");
  await signInByApi(lan, DEMO.lan);
  await signInByApi(hoa, DEMO.hoa);
  const { id, sectionId } = await createProposalAsLan(lan);

  await lan.goto(`/lam-viec/de-xuat/${id}?muc=${sectionId}`);
  await lan.getByLabel(/Mời người cùng soạn/).fill(DEMO.hoa);
  await lan.getByRole("button", { name: "Mời", exact: true }).click();
  await expect(lan.getByRole("status")).toContainText("Đã thêm người cùng soạn");

  await lan.goto(`/lam-viec/de-xuat/${id}?muc=${sectionId}`);
  await hoa.goto(`/lam-viec/de-xuat/${id}?muc=${sectionId}`);
  await expect(editorOf(lan)).toContainText("Vua Lý Thái Tổ");
  await expect(editorOf(hoa)).toContainText("Vua Lý Thái Tổ");
  return { lan, hoa, lanContext, hoaContext, id, sectionId };
}

test.describe("co-writing a proposal", () => {
  test("two people of one ministry see each other's text and caret, and a reload duplicates nothing", async ({ browser, baseURL }) => {
    const { lan, hoa, lanContext, hoaContext, id, sectionId } = await openSharedDraft(browser, baseURL);

    await editorOf(lan).click();
    await lan.keyboard.press("Control+End");
    await lan.keyboard.type(" Lan viết câu này.");
    await expect(editorOf(hoa)).toContainText("Lan viết câu này.");

    await editorOf(hoa).click();
    await hoa.keyboard.press("Control+End");
    await hoa.keyboard.press("Enter");
    await hoa.keyboard.type("Hòa thêm đoạn mới có dấu: chuyển đổi số.");
    await expect(editorOf(lan)).toContainText("Hòa thêm đoạn mới có dấu: chuyển đổi số.");

    // Each sees the other's caret with their name.
    await expect(lan.locator(".collaboration-carets__label", { hasText: "Trần Thị Hòa" })).toBeVisible();
    await expect(hoa.locator(".collaboration-carets__label", { hasText: "Nguyễn Thị Lan" })).toBeVisible();

    await expect(lan.getByTestId("editor-status")).toContainText("Đã lưu", { timeout: 20_000 });
    await expect(hoa.getByTestId("editor-status")).toContainText("Đã lưu", { timeout: 20_000 });
    await lan.reload();
    await expect(editorOf(lan)).toContainText("Hòa thêm đoạn mới có dấu: chuyển đổi số.");
    const text = (await editorOf(lan).innerText()).replace(/Trần Thị Hòa|Nguyễn Thị Lan/g, "");
    expect(text.split("Lan viết câu này.").length - 1).toBe(1);
    expect(text.split("Vua Lý Thái Tổ").length - 1).toBe(1);

    // Stored on the server: the API shows the co-written text.
    const stored = (await (await lan.request.get(`/api/v1/proposals/${id}`)).json()) as { sections: { id: string; markdown: string }[] };
    await expect.poll(async () => {
      const view = (await (await lan.request.get(`/api/v1/proposals/${id}`)).json()) as { sections: { id: string; markdown: string }[] };
      return view.sections.find((section) => section.id === sectionId)?.markdown ?? "";
    }, { timeout: 20_000 }).toContain("Hòa thêm đoạn mới");
    expect(stored.sections.length).toBeGreaterThan(0);

    await lanContext.close();
    await hoaContext.close();
  });

  test("a reader cannot open a draft, and a reviewer can only suggest", async ({ browser, baseURL }) => {
    const lanContext = await browser.newContext({ baseURL });
    const lan = await lanContext.newPage();
    await lan.goto("/");
    await signInByApi(lan, DEMO.lan);
    const { id, sectionId } = await createProposalAsLan(lan);

    const readerContext = await browser.newContext({ baseURL });
    const reader = await readerContext.newPage();
    await signInByApi(reader, DEMO.reader);
    await reader.goto(`/lam-viec/de-xuat/${id}`);
    await expect(reader.locator(".notice--error")).toContainText("không có quyền");
    const token = await reader.request.get(`/api/v1/proposals/${id}/sections/${sectionId}/collab`);
    expect(token.status()).toBe(403);

    const anonymous = await browser.newContext({ baseURL });
    expect((await (await anonymous.newPage()).request.get(`/api/v1/proposals/${id}`)).status()).toBe(401);

    const reviewerContext = await browser.newContext({ baseURL });
    const reviewer = await reviewerContext.newPage();
    await signInByApi(reviewer, DEMO.minh);
    await reviewer.goto(`/lam-viec/de-xuat/${id}?muc=${sectionId}`);
    await expect(editorOf(reviewer)).toContainText("Vua Lý Thái Tổ");
    // A reviewer cannot write the draft: what they type becomes suggestions (e2e/suggestions.spec.ts).
    await expect(reviewer.getByTestId("suggest-mode")).toHaveAttribute("data-active", "true");
    await expect(reviewer.getByRole("button", { name: "Đề xuất sửa" })).toHaveCount(0);

    for (const context of [lanContext, readerContext, anonymous, reviewerContext]) await context.close();
  });

  test("words typed while offline reach the other author after reconnecting", async ({ browser, baseURL }) => {
    // Browsers keep an open WebSocket when the network goes offline in emulation; losing the
    // network is simulated by going offline and closing the sockets the page opened.
    const { lan, hoa, lanContext, hoaContext } = await openSharedDraft(browser, baseURL, (context) =>
      context.addInitScript(() => {
        const sockets: WebSocket[] = [];
        const NativeWebSocket = window.WebSocket;
        class TrackedWebSocket extends NativeWebSocket {
          constructor(url: string | URL, protocols?: string | string[]) {
            super(url, protocols);
            sockets.push(this);
          }
        }
        window.WebSocket = TrackedWebSocket;
        (window as unknown as { dropSockets: () => void }).dropSockets = () => sockets.forEach((socket) => socket.close());
      }),
    );

    await lanContext.setOffline(true);
    await lan.evaluate(() => (window as unknown as { dropSockets: () => void }).dropSockets());
    await expect(lan.getByTestId("editor-status")).toContainText("Mất kết nối", { timeout: 20_000 });
    await editorOf(lan).click();
    await lan.keyboard.press("Control+End");
    await lan.keyboard.type(" Viết khi mất mạng.");
    await expect(editorOf(hoa)).not.toContainText("Viết khi mất mạng.");
    await lanContext.setOffline(false);
    await expect(editorOf(hoa)).toContainText("Viết khi mất mạng.", { timeout: 30_000 });
    await expect(lan.getByTestId("editor-status")).toContainText("Đã lưu", { timeout: 30_000 });

    await lanContext.close();
    await hoaContext.close();
  });
});
