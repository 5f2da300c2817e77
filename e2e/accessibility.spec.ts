import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInByApi } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now; an empty list passes. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

test.describe("accessibility (axe, WCAG 2.1 AA)", () => {
  for (const path of ["/", `/${DOC}`, `/${DOC}/loi-tong-ket`, `/${DOC}/lich-su`, `/${DOC}/so-sanh?from=1&to=2`, `/${DOC}/v/1`, "/dang-nhap", "/tim-kiem?q=chinh+phu+so"]) {
    test(`the reader's page ${path} has no serious violations`, async ({ page }) => {
      await page.goto(path);
      expect(await violations(page)).toEqual([]);
    });
  }

  test("the workspace and a proposal page have no serious violations", async ({ page }) => {
    await page.goto("/");
    await signInByApi(page, DEMO.lan);
    await page.goto("/lam-viec");
    expect(await violations(page)).toEqual([]);
    await page.goto(`/lam-viec/de-xuat/moi?document=${DOC}`);
    await page.getByLabel("Tiêu đề đề xuất").fill("Kiểm tra khả năng truy cập");
    await page.getByLabel(/Lý do/).fill("Kiểm tra.");
    await page.getByRole("button", { name: "Tạo bản nháp" }).click();
    await expect(page).toHaveURL(/\/lam-viec\/de-xuat\/(?!moi)[a-z0-9]+/);
    await expect(page.locator(".ProseMirror").first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
});
