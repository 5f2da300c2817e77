import { expect, test } from "@playwright/test";
import { DEMO, signInByApi } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";

test.describe("bad input and hostile requests", () => {
  test("a cookie-authenticated write from another origin is refused and writes nothing", async ({ page, baseURL }) => {
    await page.goto("/");
    await signInByApi(page, DEMO.lan);
    const forged = await page.request.post(`/api/v1/documents/${DOC}/proposals`, {
      data: { title: "Đề xuất giả mạo", rationale: "Gửi từ trang khác." },
      headers: { origin: "http://evil.example" },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe("FORBIDDEN");
    const same = await page.request.post(`/api/v1/documents/${DOC}/proposals`, {
      data: { title: "Đề xuất hợp lệ", rationale: "Gửi từ chính trang này." },
      headers: { origin: new URL(baseURL!).origin },
    });
    expect(same.status()).toBe(201);
  });

  test("unsafe content sent through the API is refused with a clear message", async ({ page, baseURL }) => {
    await page.goto("/");
    await signInByApi(page, DEMO.lan);
    const origin = new URL(baseURL!).origin;
    const created = await (await page.request.post(`/api/v1/documents/${DOC}/proposals`, {
      data: { title: "Thử nội dung độc hại", rationale: "Kiểm tra." },
      headers: { origin },
    })).json();
    const view = await (await page.request.get(`/api/v1/proposals/${created.id}`)).json();
    const sectionId = view.sections[0].id as string;
    const payloads = [
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "bấm", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] },
      { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x".repeat(250_000) }] }] },
    ];
    for (const content of payloads) {
      const response = await page.request.put(`/api/v1/proposals/${created.id}/sections/${sectionId}`, { data: { content }, headers: { origin } });
      expect(response.status()).toBe(400);
      expect((await response.json()).error.message).toMatch(/không hợp lệ|invalid/i);
    }
    const unchanged = await (await page.request.get(`/api/v1/proposals/${created.id}`)).json();
    expect(unchanged.sections[0].contentHash).toBe(view.sections[0].contentHash);
  });

  test("markup in comments and searches is shown as text, never run", async ({ page, baseURL }) => {
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto("/");
    await signInByApi(page, DEMO.lan);
    const origin = new URL(baseURL!).origin;
    const created = await (await page.request.post(`/api/v1/documents/${DOC}/proposals`, {
      data: { title: "<img src=x onerror=alert(1)>", rationale: "<script>alert(2)</script>" },
      headers: { origin },
    })).json();
    const comment = await page.request.post(`/api/v1/proposals/${created.id}/comments`, {
      data: { body: "<img src=x onerror=alert(3)> nhận xét" },
      headers: { origin },
    });
    expect(comment.status()).toBe(201);
    await page.goto(`/lam-viec/de-xuat/${created.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("<img src=x onerror=alert(1)>");
    await expect(page.getByText("<img src=x onerror=alert(3)> nhận xét")).toBeVisible();
    // A page of its own: the proposal page keeps live connections that a navigation would abort.
    const search = await page.context().newPage();
    search.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await search.goto(`/tim-kiem?q=${encodeURIComponent("<script>alert(4)</script>")}`);
    await expect(search.getByRole("searchbox").first()).toHaveValue("<script>alert(4)</script>");
    expect(dialogs).toEqual([]);
  });
});
