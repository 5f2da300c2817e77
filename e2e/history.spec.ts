import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { MAX_FEED_ENTRIES } from "@/lib/services/history/feed-entries";
import { DEMO, signInByApi } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";

test.describe("history, comparison and search", () => {
  test("a reader compares version 1 and 2 and sees the repaired sentences as joins, the repeat and the stray line as removed", async ({ page }) => {
    await page.goto(`/${DOC}/so-sanh`);
    await page.getByLabel("Từ phiên bản").selectOption("1");
    await page.getByLabel("Đến phiên bản").selectOption("2");
    await page.getByRole("button", { name: "So sánh", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${DOC}/so-sanh\\?from=1&to=2`));
    // Version 2 joined "... khi đó là" with "Vua Lý Thái Tổ. ..." (and "... Chương trình" with
    // "Chuyển đổi số quốc gia ..."): each is one paragraph with a join marker, no word deleted or inserted.
    await expect(page.locator(".diff-summary")).toContainText("nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng");
    const joins = page.locator(".diff-block--join");
    await expect(joins).toHaveCount(2);
    await expect(joins.first().locator(".diff-note--join")).toHaveText("Nối 2 đoạn");
    await expect(joins.first().locator(".diff-seam--join")).toHaveText("nối đoạn");
    await expect(joins.first()).toContainText("khi đó là nối đoạnVua Lý Thái Tổ");
    await expect(page.locator(".diff-section ins.diff-ins", { hasText: "Vua Lý Thái Tổ" })).toHaveCount(0);
    await expect(page.locator(".diff-section del.diff-del", { hasText: "Vua Lý Thái Tổ" })).toHaveCount(0);
    await expect(page.locator(".diff-block--removed", { hasText: "ĐÁNH GIÁ BÀI VIẾT" }).locator(".diff-note--line")).toHaveText("Xóa dòng");
    await expect(page.locator(".diff-note--repeated")).toHaveText("Xóa đoạn lặp lại");

    await page.getByRole("radio", { name: "Hai cột song song" }).check();
    await page.getByRole("button", { name: "So sánh", exact: true }).click();
    await expect(page).toHaveURL(/view=side/);
    await expect(page.locator("table.diff-table").first()).toBeVisible();
    await expect(page.locator("td.diff-cell--before .diff-seam--join").first()).toBeVisible();
    await expect(page.locator("td.diff-cell--after", { hasText: "khi đó là Vua Lý Thái Tổ" })).toBeVisible();

    // The permalink of version 1 says it is not the current text.
    await page.getByRole("link", { name: "Phiên bản 1", exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${DOC}/v/1$`));
    await expect(page.getByRole("note")).toContainText("Đây không phải phiên bản hiện hành");
    await expect(page.getByText("ĐÁNH GIÁ BÀI VIẾT")).toBeVisible();
  });

  test("the history page lists every version with its proposal, ministry and approvers, and offers the feed", async ({ page, request }) => {
    const versions = (await (await request.get(`/api/v1/documents/${DOC}/versions`)).json()) as { versions: { number: number }[] };
    await page.goto(`/${DOC}/lich-su`);
    await expect(page.getByRole("heading", { level: 1, name: "Lịch sử thay đổi" })).toBeVisible();
    for (const { number } of versions.versions) {
      await expect(page.getByRole("heading", { level: 2, name: `Phiên bản ${number}`, exact: true })).toBeVisible();
    }
    const second = page.locator("#v2");
    await expect(second).toContainText("Sửa lỗi định dạng của bản đăng trên web");
    await expect(second).toContainText("Bộ Tài chính");
    await expect(second).toContainText("Nguyễn Thị Lan");
    await expect(second).toContainText("Lê Văn Minh");
    await expect(second).toContainText("Đỗ Thị Thu");
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", `/${DOC}/feed.xml`);

    await second.getByRole("link", { name: "So sánh với phiên bản trước" }).click();
    await expect(page).toHaveURL(new RegExp(`/${DOC}/so-sanh\\?from=1&to=2$`));
    await expect(page.locator(".diff-seam--join").first()).toBeVisible();
  });

  test("the feed is valid Atom with an entry per version", async ({ page, request }) => {
    const versions = (await (await request.get(`/api/v1/documents/${DOC}/versions`)).json()) as { versions: { number: number }[] };
    const response = await request.get(`/${DOC}/feed.xml`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await response.text();
    await page.goto("/");
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, "application/xml");
      const error = document.getElementsByTagName("parsererror")[0];
      const ns = "http://www.w3.org/2005/Atom";
      return {
        error: error ? error.textContent : null,
        root: document.documentElement.namespaceURI,
        entries: [...document.getElementsByTagNameNS(ns, "entry")].map((entry) => ({
          id: entry.getElementsByTagNameNS(ns, "id")[0]?.textContent ?? "",
          link: entry.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href") ?? "",
        })),
      };
    }, xml);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe("http://www.w3.org/2005/Atom");
    expect(parsed.entries).toHaveLength(Math.min(versions.versions.length, MAX_FEED_ENTRIES));
    expect(parsed.entries.find((entry) => entry.id.endsWith(`/${DOC}/v/2`))?.link).toMatch(new RegExp(`/${DOC}/so-sanh\\?from=1&to=2$`));

    // The section's feed has an entry for each version that changed the section (the seeded two,
    // and those other specs publish), as the section's effects in the API count them.
    const effects = (await (await request.get(`/api/v1/documents/${DOC}/sections/${CLOSING}/effects`)).json()) as { versions: { number: number }[] };
    expect(effects.versions.slice(0, 2).map((version) => version.number)).toEqual([1, 2]);
    const sectionFeed = await request.get(`/${DOC}/lich-su/${CLOSING}/feed.xml`);
    expect(sectionFeed.status()).toBe(200);
    expect((await sectionFeed.text()).match(/<entry>/g)?.length).toBe(Math.min(effects.versions.length, MAX_FEED_ENTRIES));
  });

  test("a search typed without diacritics finds the section", async ({ page }) => {
    await page.goto("/tim-kiem");
    await page.getByRole("searchbox", { name: "Từ khóa" }).fill("vua ly thai to");
    await page.getByRole("button", { name: "Tìm" }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=vua\+ly\+thai\+to/);
    await expect(page.locator("mark", { hasText: "Vua Lý Thái Tổ" }).first()).toBeVisible();
    await page.getByRole("link", { name: "Lời tổng kết" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${DOC}/${CLOSING}#b-`));
    await expect(page.getByRole("heading", { level: 1, name: "Lời tổng kết" })).toBeVisible();

    const api = await (await page.request.get("/api/v1/search?q=chinh%20phu%20so")).json();
    expect(api.total).toBeGreaterThan(0);
    expect(api.results[0].snippet.toLowerCase()).toContain("chính phủ số");
  });

  test("the origin view credits the repaired paragraph to version 2 and its proposal", async ({ page }) => {
    await page.goto(`/${DOC}/v/2/nguon-goc`);
    const row = page.locator(".blame-row", { hasText: "khi đó là Vua Lý Thái Tổ" });
    await expect(row.locator(".blame-row__origin")).toContainText("Phiên bản 2 · đề xuất Sửa lỗi định dạng của bản đăng trên web");
    await expect(row.getByRole("link", { name: "Phiên bản 2" })).toHaveAttribute("href", new RegExp(`^/${DOC}/v/2#b-[A-Za-z0-9_-]+$`));
    const untouched = page.locator(".blame-row", { hasText: "Có ba mức độ phát triển." });
    await expect(untouched.locator(".blame-row__origin")).toContainText("Phiên bản 1 · bản gốc");
  });

  test("any version exports as Markdown and as a standalone HTML page", async ({ request }) => {
    const versions = (await (await request.get(`/api/v1/documents/${DOC}/versions`)).json()) as { versions: { number: number; hash: string }[] };
    const first = versions.versions[0];
    const markdown = await request.get(`/api/v1/documents/${DOC}/versions/1/export?format=md`);
    expect(markdown.headers()["content-disposition"]).toBe(`attachment; filename="${DOC}-v1.md"`);
    expect(await markdown.text()).toContain(`sha256: "${first.hash}"`);
    const html = await request.get(`/api/v1/documents/${DOC}/versions/1/export?format=html`);
    expect(html.headers()["content-type"]).toBe("text/html; charset=utf-8");
    const body = await html.text();
    expect(body).toContain(first.hash);
    expect(body).toContain("<style>");
    const version = await (await request.get(`/api/v1/documents/${DOC}/versions/1`)).json();
    expect(version.version).toMatchObject({ number: 1, hash: first.hash });
  });

  test("a version downloads as a PDF, from the history page and the API, cacheable for good", async ({ page, request }) => {
    const url = `/api/v1/documents/${DOC}/versions/2/export?format=pdf&lang=vi`;
    const pdf = await request.get(url);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${DOC}-v2.pdf"`,
      "cache-control": "public, max-age=31536000, immutable",
    });
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const etag = pdf.headers()["etag"];
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect((await request.get(url, { headers: { "if-none-match": etag } })).status()).toBe(304);
    const missing = await request.get(`/api/v1/documents/${DOC}/versions/99/export?format=pdf`);
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: "NOT_FOUND" });

    await page.goto(`/${DOC}/lich-su`);
    const downloading = page.waitForEvent("download");
    await page.locator("#v2").getByRole("link", { name: "Tệp PDF (.pdf)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${DOC}-v2.pdf`);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("the diff API answers 400 with a clear error for a missing number", async ({ request }) => {
    const response = await request.get(`/api/v1/documents/${DOC}/diff?from=1`);
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("to") });
    // The repair of version 1 as the diff API reports it on a fresh install: two joins, the repeated
    // closing paragraph and the stray line removed, nothing added.
    const ok = await request.get(`/api/v1/documents/${DOC}/diff?from=1&to=2`);
    const { stats } = (await ok.json()) as { stats: Record<string, number> };
    expect(stats).toMatchObject({ blocksJoined: 2, repeatedRemoved: 1, linesRemoved: 1, wordsAdded: 0 });
    expect(stats.wordsRemoved).toBeGreaterThan(0);
    expect(stats.wordsRemoved).toBeLessThan(40);
  });

  test("a reader who reads in English gets the summary of a change in English on the history page and in the feeds", async ({ page, request }) => {
    await page.goto(`/ngon-ngu?lang=en&next=${encodeURIComponent(`/${DOC}/lich-su`)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Change history" })).toBeVisible();
    const english = /Section “Lời tổng kết”: 2 paragraphs joined, 1 repeated paragraph removed, 1 line removed, \d+ words removed/;
    await expect(page.locator("#v2 .version-item__summary")).toHaveText(english);
    // The feed it offers is the English one; the feed's address decides its language.
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", `/${DOC}/feed.xml?lang=en`);
    const feed = await (await request.get(`/${DOC}/feed.xml?lang=en`)).text();
    expect(feed).toContain('xml:lang="en"');
    expect(feed).toMatch(new RegExp(`<summary>${english.source}</summary>`));
    const sectionFeed = await (await request.get(`/${DOC}/lich-su/${CLOSING}/feed.xml?lang=en`)).text();
    expect(sectionFeed).toMatch(new RegExp(`<summary>${english.source}</summary>`));
    // Without the parameter, the feeds stay in Vietnamese, as subscriptions made before expect.
    expect(await (await request.get(`/${DOC}/feed.xml`)).text()).toMatch(/<summary>Mục “Lời tổng kết”: nối 2 đoạn, xóa 1 đoạn lặp lại, xóa 1 dòng, xóa \d+ từ<\/summary>/);
  });

  test("a contributor starts a restore proposal from the history page", async ({ page }) => {
    await signInByApi(page, DEMO.lan);
    await page.goto(`/${DOC}/lich-su`);
    await page.locator("#v1").getByRole("button", { name: "Khôi phục phiên bản này" }).click();
    await expect(page).toHaveURL(/\/lam-viec\/de-xuat\/[A-Za-z0-9_-]+$/);
  });

  test("an administrator imports a Markdown chapter as a proposal, and a broken one is explained", async ({ page }) => {
    await signInByApi(page, DEMO.admin);
    await page.goto("/quan-tri/nhap");
    await page.getByLabel("Nội dung Markdown").fill("## Mục hỏng\n\nKý tự điều khiển \u0007 ở đây.");
    await page.getByRole("button", { name: "Tạo đề xuất nhập chương" }).click();
    await expect(page.locator(".notice--error").filter({ hasText: "Không thể nhập tệp" })).toContainText("Mục 1 “Mục hỏng”");
    await expect(page.getByLabel("Nội dung Markdown")).toHaveValue(/Mục hỏng/);

    await page.getByLabel("Nội dung Markdown").fill("## Dữ liệu số\n\nDữ liệu là **tài nguyên** mới của nền kinh tế số.");
    await page.getByRole("button", { name: "Tạo đề xuất nhập chương" }).click();
    await expect(page).toHaveURL(/\/lam-viec\/de-xuat\/[A-Za-z0-9_-]+$/);
  });
});
