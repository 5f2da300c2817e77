import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { DATED_DOCUMENT } from "../lib/testing/dated-document";
import { EDITION_DOCUMENT, editionDocumentSlug } from "./fixtures/edition-document";
import { DEMO, signInByApi } from "./fixtures/session";

/** This run's own copy of the edition document: the spec withdraws its version 2 and names an edition for good. */
const DOC = editionDocumentSlug();

function seed(script: string, ...args: string[]): void {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
    env: { ...process.env, DATABASE_URL: "file:./data/e2e/handbook.db" },
    stdio: "inherit",
  });
}

test.describe.configure({ mode: "serial" });

test.describe("editions, withdrawals by a logged event, and effects per section", () => {
  test.beforeAll(() => {
    seed("e2e/fixtures/seed-edition-document.ts", "--slug", DOC);
    seed("e2e/fixtures/seed-dated-document.ts");
  });

  test("an admin names version 2 “Ấn bản 2027”: the home page lists it and its stable address shows version 2", async ({ page, browser, request }) => {
    await signInByApi(page, DEMO.admin);
    await page.goto("/quan-tri");
    await page.locator(`a[href="/quan-tri/cong-bo/${DOC}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/quan-tri/cong-bo/${DOC}$`));
    // A bad address is refused with a clear message and nothing is named.
    await page.getByLabel("Phiên bản", { exact: true }).selectOption("2");
    await page.getByLabel("Tên ấn bản").fill("Ấn bản 2027");
    await page.getByLabel(/Địa chỉ \(tùy chọn\)/).fill("an-ban--2027");
    await page.evaluate(() => document.querySelector("#edition-slug")?.removeAttribute("pattern"));
    await page.getByRole("button", { name: "Tạo ấn bản" }).click();
    await expect(page.locator("p.notice--error")).toContainText("Địa chỉ của ấn bản chỉ gồm chữ thường");

    await page.getByLabel("Phiên bản", { exact: true }).selectOption("2");
    await page.getByLabel("Tên ấn bản").fill("Ấn bản 2027");
    await page.getByLabel(/Ghi chú ngắn/).fill("Bản hợp nhất dùng để trích dẫn trong năm 2027.");
    await page.getByRole("button", { name: "Tạo ấn bản" }).click();
    await expect(page.locator("p.notice--ok")).toContainText("Đã tạo ấn bản “Ấn bản 2027”.");
    await expect(page.locator("[data-editions]")).toContainText("Ấn bản 2027");

    // Anyone, signed in or not, sees it on the home page.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto("/");
    // Earlier runs' copies of the document carry an edition of the same name: this run's is in its own card.
    const card = reader.locator("section.card").filter({ has: reader.locator(`h2 a[href="/${DOC}"]`) });
    const listed = card.locator("[data-editions]").getByRole("link", { name: "Ấn bản 2027" });
    await expect(listed).toHaveAttribute("href", `/${DOC}/an-ban/an-ban-2027`);
    await listed.click();
    await expect(reader).toHaveURL(new RegExp(`/${DOC}/an-ban/an-ban-2027$`));
    await expect(reader.locator("[data-edition]")).toContainText("Ấn bản “Ấn bản 2027”: phiên bản 2.");
    await expect(reader.locator("[data-edition]")).toContainText("Bản hợp nhất dùng để trích dẫn trong năm 2027.");
    await expect(reader.getByText(EDITION_DOCUMENT.v2Text)).toBeVisible();
    await expect(reader.locator(".citation-text")).toContainText("Ấn bản 2027 (phiên bản 2");
    await expect(reader.locator(".citation-text")).toContainText(`/${DOC}/an-ban/an-ban-2027`);
    await expect(reader.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/${DOC}/an-ban/an-ban-2027$`));
    const jsonLd = JSON.parse((await reader.locator('script[type="application/ld+json"]').textContent()) ?? "null");
    expect(jsonLd).toMatchObject({ "@type": "Legislation", version: "2", alternateName: "Ấn bản 2027" });
    expect((await reader.request.get(`/${DOC}/an-ban/an-ban-2030`)).status()).toBe(404);

    // And in the API: the document, the version it names (not the other), and the list.
    const documentJson = await (await request.get(`/api/v1/documents/${DOC}`)).json();
    expect(documentJson.editions).toEqual([expect.objectContaining({ slug: "an-ban-2027", name: "Ấn bản 2027", note: "Bản hợp nhất dùng để trích dẫn trong năm 2027.", version: 2, url: expect.stringMatching(new RegExp(`/${DOC}/an-ban/an-ban-2027$`)) })]);
    expect((await (await request.get(`/api/v1/documents/${DOC}/versions/2`)).json()).editions.map((edition: { slug: string }) => edition.slug)).toEqual(["an-ban-2027"]);
    expect((await (await request.get(`/api/v1/documents/${DOC}/versions/1`)).json()).editions).toEqual([]);
    const list = await (await request.get(`/api/v1/documents/${DOC}/editions`)).json();
    expect(list).toMatchObject({ slug: DOC, editions: [{ slug: "an-ban-2027", version: 2 }] });

    // The address is taken for good.
    await page.getByLabel("Phiên bản", { exact: true }).selectOption("1");
    await page.getByLabel("Tên ấn bản").fill("Ấn bản 2027");
    await page.getByRole("button", { name: "Tạo ấn bản" }).click();
    await expect(page.locator("p.notice--error")).toContainText("Đã có ấn bản “Ấn bản 2027”");
    expect((await (await request.get(`/api/v1/documents/${DOC}/editions`)).json()).editions).toHaveLength(1);
  });

  test("an admin withdraws version 2 with a reason: readers see the banner, and the text in force is version 1 again", async ({ page, browser, request }) => {
    const reason = "Căn cứ pháp lý của phiên bản này đã bị bãi bỏ.";
    expect((await (await request.get(`/api/v1/documents/${DOC}`)).json()).version.number).toBe(2);

    await signInByApi(page, DEMO.admin);
    await page.goto(`/quan-tri/cong-bo/${DOC}`);
    // A reason is required: without one nothing is recorded.
    await page.getByLabel("Phiên bản cần rút").selectOption("2");
    await page.evaluate(() => document.querySelector("#withdraw-reason")?.removeAttribute("required"));
    await page.getByRole("button", { name: "Rút phiên bản" }).click();
    await expect(page.locator("p.notice--error")).toContainText("Hãy nêu lý do rút phiên bản");
    expect((await (await request.get(`/api/v1/documents/${DOC}/versions/2`)).json()).events).toEqual([]);

    await page.getByLabel("Phiên bản cần rút").selectOption("2");
    await page.getByLabel("Lý do (bắt buộc, được công bố)").fill(reason);
    await page.getByRole("button", { name: "Rút phiên bản" }).click();
    await expect(page.locator("p.notice--ok")).toContainText("Đã rút phiên bản 2 từ ngày");
    await expect(page.locator("[data-version-events]")).toContainText(reason);

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`/${DOC}/v/2`);
    const banner = reader.locator('[data-effect-status="withdrawn"]');
    await expect(banner).toContainText("Đã rút");
    await expect(banner).toContainText("Phiên bản này đã được rút từ ngày");
    await expect(banner).toContainText(`Lý do: ${reason}`);
    await expect(banner).toContainText("văn bản đang có hiệu lực là phiên bản 1");

    await reader.goto(`/${DOC}`);
    await expect(reader.getByText(EDITION_DOCUMENT.v1Text)).toBeVisible();
    await expect(reader.getByText(EDITION_DOCUMENT.v2Text)).toHaveCount(0);
    await expect(reader.locator('[data-withdrawn-later="2"]')).toContainText(reason);
    // The edition's address still shows what it named, now marked withdrawn.
    await reader.goto(`/${DOC}/an-ban/an-ban-2027`);
    await expect(reader.getByText(EDITION_DOCUMENT.v2Text)).toBeVisible();
    await expect(reader.locator('[data-effect-status="withdrawn"]')).toBeVisible();

    // The days before the withdrawal keep the text that was in force then.
    const before = await (await request.get(`/api/v1/documents/${DOC}?at=2025-07-01`)).json();
    expect(before).toMatchObject({ version: { number: 2 }, inForce: { status: "withdrawn", withdrawnOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    const now = await (await request.get(`/api/v1/documents/${DOC}`)).json();
    expect(now).toMatchObject({ version: { number: 1 }, inForce: { status: "in_force" } });
    const v2 = await (await request.get(`/api/v1/documents/${DOC}/versions/2`)).json();
    expect(v2.events).toEqual([expect.objectContaining({ kind: "WITHDRAWN", version: 2, reason })]);
    expect(v2.version.number).toBe(2);

    // The history's timeline and the feed show the event.
    await reader.goto(`/${DOC}/lich-su`);
    await expect(reader.locator('.effect-timeline tr[data-version="2"]')).toContainText("Đã rút");
    await expect(reader.locator(".effect-timeline [data-version-events]")).toContainText(reason);
    const feed = await (await request.get(`/${DOC}/feed.xml`)).text();
    expect(feed).toContain("Phiên bản 2 đã được rút");
    expect(feed).toContain(reason);

    // Withdrawn once; and version 1 cannot go too, or nothing would be in force.
    await page.goto(`/quan-tri/cong-bo/${DOC}`);
    await expect(page.getByLabel("Phiên bản cần rút").locator("option")).toHaveCount(1);
    await page.getByLabel("Lý do (bắt buộc, được công bố)").fill("Rút nốt.");
    await page.getByRole("button", { name: "Rút phiên bản" }).click();
    await expect(page.locator("p.notice--error")).toContainText("không còn văn bản nào có hiệu lực");
  });

  test("a section's page lists the versions that affected it, with the effect, the proposal and its legal basis", async ({ page, request }) => {
    const { sections } = DATED_DOCUMENT;
    await page.goto(`/${DATED_DOCUMENT.slug}/${sections.scope.slug}`);
    const list = page.locator("#tac-dong-muc");
    await expect(list.getByRole("heading", { name: "Các lần mục này được sửa đổi" })).toBeVisible();
    await expect(list.locator('tr[data-version="1"]')).toContainText("Bổ sung");
    const v2 = list.locator('tr[data-version="2"]');
    await expect(v2).toContainText("Sửa đổi");
    await expect(v2).toContainText(DATED_DOCUMENT.proposalTitle);
    await expect(v2).toContainText(DATED_DOCUMENT.legalBasis);

    await page.goto(`/${DATED_DOCUMENT.slug}/lich-su/${sections.transition.slug}`);
    await expect(page.locator('#tac-dong-muc tr[data-version="2"]')).toContainText("Bãi bỏ");

    const json = await (await request.get(`/api/v1/documents/${DATED_DOCUMENT.slug}/sections/${sections.scope.slug}/effects`)).json();
    expect(json.versions.slice(0, 2)).toMatchObject([
      { number: 1, effects: [{ kind: "added" }], proposal: null },
      { number: 2, effects: [{ kind: "amended" }], proposal: { title: DATED_DOCUMENT.proposalTitle, legalBasis: DATED_DOCUMENT.legalBasis } },
    ]);
  });
});
