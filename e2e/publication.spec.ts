import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DATED_DOCUMENT } from "../lib/testing/dated-document";

const DOC = DATED_DOCUMENT.slug;
/** The file HANDBOOK_CLOCK points the web server at (playwright.config.ts); absent = the system clock. */
const CLOCK_FILE = path.resolve("data/e2e/clock");
const FUTURE_DAY = "2030-01-01";

function seed(...args: string[]): void {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "e2e/fixtures/seed-dated-document.ts", ...args], {
    env: { ...process.env, DATABASE_URL: "file:./data/e2e/handbook.db" },
    stdio: "inherit",
  });
}

test.describe("official publication: effective dates, effects and citations", () => {
  test.beforeAll(() => seed());
  test.afterAll(() => fs.rmSync(CLOCK_FILE, { force: true }));

  test("the text in force on 2025-03-15 is version 1 with its superseded banner; before the first version is 404", async ({ page, request }) => {
    await page.goto(`/${DOC}/ngay/2025-03-15`);
    const banner = page.getByRole("note");
    await expect(banner).toContainText("Bạn đang xem văn bản có hiệu lực vào ngày");
    await expect(banner).toContainText("phiên bản 1");
    await expect(banner).toContainText("Văn bản có hiệu lực ngày 1 tháng 1, 2025");
    await expect(banner).toContainText("đã được thay thế ngày 1 tháng 6, 2025");
    await expect(page.getByText(`Quy chế này ${DATED_DOCUMENT.v1Words}.`)).toBeVisible();

    expect((await request.get(`/${DOC}/ngay/2024-12-31`)).status()).toBe(404);
    expect((await request.get(`/${DOC}/ngay/2025-02-30`)).status()).toBe(404);

    const api = await request.get(`/api/v1/documents/${DOC}?at=2025-03-15`);
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ version: { number: 1, effectiveFrom: "2025-01-01" }, inForce: { asOf: "2025-03-15", supersededOn: "2025-06-01" } });
    expect((await request.get(`/api/v1/documents/${DOC}?at=2024-12-31`)).status()).toBe(404);
    expect((await request.get(`/api/v1/documents/${DOC}?at=15-03-2025`)).status()).toBe(400);

    // The day picker leads to the same page.
    await page.getByLabel("Xem văn bản có hiệu lực vào ngày").fill("2025-07-01");
    await page.getByRole("button", { name: "Xem", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${DOC}/ngay/2025-07-01$`));
    await expect(page.getByRole("note")).toContainText("phiên bản 2");
  });

  test("version 2's page lists its effects, carries Legislation JSON-LD with both dates, a canonical link and a citation", async ({ page, request }) => {
    const effects = await (await request.get(`/api/v1/documents/${DOC}/versions/2/effects`)).json();
    const named = (effects.effects as { kind: string; section: { slug: string } }[]).map((effect) => `${effect.kind}:${effect.section.slug}`);
    expect(named).toEqual(expect.arrayContaining(["amended:pham-vi", "added:hieu-luc-thi-hanh", "removed:dieu-khoan-chuyen-tiep"]));
    expect(effects.proposal).toMatchObject({ title: DATED_DOCUMENT.proposalTitle, legalBasis: DATED_DOCUMENT.legalBasis });

    await page.goto(`/${DOC}/v/2`);
    const table = page.locator(".effects-table");
    await expect(table.locator('tr[data-section="pham-vi"]')).toContainText("Sửa đổi");
    await expect(table.locator('tr[data-section="dieu-khoan-chuyen-tiep"]')).toContainText("Bãi bỏ");
    await expect(table).toContainText(DATED_DOCUMENT.legalBasis);

    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "null");
    expect(jsonLd).toMatchObject({ "@type": "Legislation", version: "2", legislationDateOfApplicability: "2025-06-01" });
    expect(jsonLd.legislationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(jsonLd.isBasedOn[0]).toMatch(new RegExp(`/eli/cam-nang/${DOC}/v1$`));
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/${DOC}/v/2$`));
    await expect(page.getByRole("heading", { name: "Trích dẫn" })).toBeVisible();
    await expect(page.locator(".citation-text")).toContainText("có hiệu lực từ ngày 1 tháng 6, 2025");

    // The identifier resolves to the page it names.
    const eli = await request.get(`/eli/cam-nang/${DOC}/v2/vie`, { maxRedirects: 0 });
    expect(eli.status()).toBe(303);
    expect(eli.headers().location).toBe(`/${DOC}/v/2`);
  });

  test("the history page shows publication and effective dates side by side", async ({ page }) => {
    await page.goto(`/${DOC}/lich-su`);
    const timeline = page.locator(".effect-timeline");
    await expect(timeline.getByRole("heading", { name: "Dòng thời gian hiệu lực" })).toBeVisible();
    await expect(timeline.locator('tr[data-version="1"]')).toContainText("1 tháng 1, 2025");
    await expect(timeline.locator('tr[data-version="1"]')).toContainText("Đã được thay thế");
    await expect(timeline.locator('tr[data-version="2"]')).toContainText("1 tháng 6, 2025");
  });

  test("a prospective version leaves the current text alone until the clock reaches its day, then takes over", async ({ page }) => {
    seed("--prospective", FUTURE_DAY);
    await page.goto(`/${DOC}`);
    await expect(page.getByRole("status").filter({ hasText: "Sắp có hiệu lực" })).toContainText("phiên bản 3");
    await expect(page.getByText(`Quy chế này ${DATED_DOCUMENT.v2Words}.`)).toBeVisible();
    await expect(page.getByText("Phạm vi của năm 2030.")).toHaveCount(0);

    fs.writeFileSync(CLOCK_FILE, `${FUTURE_DAY}T00:00:30+07:00`);
    // No one presses anything: the next reading of the page is version 3.
    await expect(async () => {
      await page.reload();
      await expect(page.getByText("Phạm vi của năm 2030.")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.locator("[data-effective-from]").first()).toHaveAttribute("data-effective-from", FUTURE_DAY);
  });
});
