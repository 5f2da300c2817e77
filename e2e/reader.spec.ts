import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";

test.describe("reading the handbook", () => {
  test("a visitor reads the chapter in Vietnamese without signing in", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 2, name: "Cẩm nang chuyển đổi số" })).toBeVisible();
    await page.getByRole("link", { name: "Lời tổng kết" }).click();
    await expect(page).toHaveURL(new RegExp(`/${DOC}/loi-tong-ket$`));
    await expect(page.getByRole("heading", { level: 1, name: "Lời tổng kết" })).toBeVisible();
    // Version 2 repaired the sentence the web copy broke in two.
    await expect(page.getByText("người đứng đầu quốc gia khi đó là Vua Lý Thái Tổ.")).toBeVisible();
    await expect(page.getByText("ĐÁNH GIÁ BÀI VIẾT")).toHaveCount(0);
  });

  test("the page is readable with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/${DOC}/ky-18-ki-cuoi-sau-chinh-phu-so-la-gi`);
    await expect(page.getByText("Có ba mức độ phát triển.")).toBeVisible();
    await context.close();
  });

  test("switches the interface to English and back", async ({ page }) => {
    await page.goto(`/${DOC}`);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Contents" })).toBeVisible();
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { name: "Mục lục" })).toBeVisible();
  });

  test("an unknown section shows a clear 404 page", async ({ page }) => {
    const response = await page.goto(`/${DOC}/khong-ton-tai`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  });

  test("the API returns the version in force with its hash", async ({ request }) => {
    // Other specs publish versions of this document: the one in force is read from the history.
    const history = (await (await request.get(`/api/v1/documents/${DOC}/versions`)).json()) as { versions: { number: number; hash: string }[]; inForceToday: number };
    // No version of the handbook waits for a later day: the newest is the one in force.
    const inForce = history.versions.at(-1)!;
    expect(history.inForceToday).toBe(inForce.number);
    expect(inForce.hash).toMatch(/^[0-9a-f]{64}$/);
    const response = await request.get(`/api/v1/documents/${DOC}`);
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.version).toMatchObject({ number: inForce.number, hash: inForce.hash });
    expect(body.sections[0]).toMatchObject({ slug: expect.any(String), title: expect.any(String), markdown: expect.any(String) });
    const etag = response.headers()["etag"];
    expect(etag).toBeTruthy();
    const again = await request.get(`/api/v1/documents/${DOC}`, { headers: { "if-none-match": etag } });
    expect(again.status()).toBe(304);
  });

  test("malformed API input gets a 400 with a clear message and writes nothing", async ({ request }) => {
    const response = await request.get(`/api/v1/documents/${DOC}/diff?from=abc&to=2`);
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", message: expect.any(String) });
    const unauthenticated = await request.post(`/api/v1/documents/${DOC}/proposals`, { data: { title: "x" } });
    expect(unauthenticated.status()).toBe(401);
  });
});

test.describe("signing in", () => {
  for (const [role, email, label] of [
    ["admin", DEMO.admin, "Quản trị viên"],
    ["contributor", DEMO.lan, "Người đóng góp"],
    ["reviewer", DEMO.minh, "Người thẩm định"],
    ["reader", DEMO.reader, "Người đọc"],
  ] as const) {
    test(`the demo ${role} signs in and sees their role`, async ({ page }) => {
      await signIn(page, email);
      await expect(page.getByTestId("workspace-role")).toHaveText(label);
    });
  }

  test("a wrong password gets a clear message and no session", async ({ page }) => {
    await page.goto("/dang-nhap");
    await page.getByLabel("Email").fill(DEMO.lan);
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau-123");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.locator(".notice--error")).toContainText("Email hoặc mật khẩu không đúng");
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session.user).toBeUndefined();
  });

  test("a contributor cannot open the admin page", async ({ page }) => {
    await signIn(page, DEMO.lan);
    await page.goto("/quan-tri");
    await expect(page.locator(".notice--error")).toContainText("không có quyền");
  });

  test("an admin assigns a section to another ministry and it shows to readers", async ({ page, browser, baseURL }) => {
    // An anonymous reader's copy of the page is cached; the change must still show at once.
    const anonymous = await browser.newContext({ baseURL });
    const reader = await anonymous.newPage();
    await reader.goto(`/${DOC}/loi-tong-ket`);
    const cached = await reader.goto(`/${DOC}/loi-tong-ket`);
    expect(cached?.headers()["x-camnang-cache"]).toBe("hit");
    await expect(reader.getByText("Cơ quan phụ trách: Bộ Nội vụ")).toBeVisible();

    await signIn(page, DEMO.admin);
    try {
      await page.goto("/quan-tri");
      await page.getByLabel("Cơ quan phụ trách: Lời tổng kết").selectOption({ label: "Bộ Tài chính" });
      await page.locator("form", { has: page.getByLabel("Cơ quan phụ trách: Lời tổng kết") }).getByRole("button", { name: "Lưu" }).click();
      await expect(page.getByRole("status")).toContainText("Đã phân công mục");
      await page.goto(`/${DOC}/loi-tong-ket`);
      await expect(page.getByText("Cơ quan phụ trách: Bộ Tài chính")).toBeVisible();
      await expect(async () => {
        await reader.goto(`/${DOC}/loi-tong-ket`);
        await expect(reader.getByText("Cơ quan phụ trách: Bộ Tài chính")).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 5_000 });
      await anonymous.close();
      await page.goto("/quan-tri/nhat-ky?action=section.");
      await expect(page.getByRole("cell", { name: "section.owner_changed" }).first()).toBeVisible();
    } finally {
      // The seeded owner comes back even when a step above fails: other specs' approvals need Bộ Nội vụ.
      await page.goto("/quan-tri");
      await page.getByLabel("Cơ quan phụ trách: Lời tổng kết").selectOption({ label: "Bộ Nội vụ" });
      await page.locator("form", { has: page.getByLabel("Cơ quan phụ trách: Lời tổng kết") }).getByRole("button", { name: "Lưu" }).click();
      await expect(page.getByRole("status")).toContainText("Đã phân công mục");
    }
  });
});
