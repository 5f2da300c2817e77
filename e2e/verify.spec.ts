import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signInByApi } from "./fixtures/session";

/**
 * The verifiable record from a reader's browser: reviewers approve with keys their browsers
 * hold; a reader verifies the new version on /kiem-chung with the files the product offers and
 * no network (also from a copy of the page saved to disk), and sees "Đã kiểm chứng" on the
 * version page; then someone with the database and the log's key rewrites a past version, and
 * the page, holding the checkpoint it saw before, reports the rewrite with both checkpoints.
 */

const DOC = "cam-nang-chuyen-doi-so";
const DATABASE_URL = "file:./data/e2e/handbook.db";
const NEW_SENTENCE = "Mỗi phiên bản đều kiểm chứng được ngay trong trình duyệt của bạn đọc.";

function drill(mode: "rewrite" | "restore", file: string): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "e2e/fixtures/log-drill.ts", mode, DOC, "2", file], {
    env: { ...process.env, DATABASE_URL },
    encoding: "utf8",
  });
}

async function approveInBrowser(page: Page, proposalUrl: string): Promise<void> {
  await page.goto(proposalUrl);
  await page.getByLabel("Phê duyệt", { exact: true }).check();
  await page.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(page.getByTestId("review-signing").first()).toBeVisible();
}

test("a reader verifies a version offline on /kiem-chung, sees “Đã kiểm chứng”, and is told when history is rewritten", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kiem-chung-"));

  // Lan proposes a sentence for "Lời tổng kết" through the API and submits it; it will publish
  // the version after the one in force now (other specs publish versions of this document too).
  const lanContext = await browser.newContext({ baseURL });
  const lan = await lanContext.newPage();
  await lan.goto("/");
  const headBefore = ((await (await lan.request.get(`/api/v1/documents/${DOC}`)).json()) as { version: { number: number } }).version.number;
  await signInByApi(lan, DEMO.lan);
  const created = (await (await lan.request.post(`/api/v1/documents/${DOC}/proposals`, { data: { title: "Kiểm chứng trong trình duyệt", rationale: "Bạn đọc tự kiểm chứng." }, headers: { origin } })).json()) as { id: string };
  const draft = (await (await lan.request.get(`/api/v1/proposals/${created.id}`)).json()) as { sections: { id: string; slug: string; content: { type: string; content: unknown[] } }[] };
  const section = draft.sections.find((item) => item.slug === "loi-tong-ket")!;
  const content = { ...section.content, content: [...section.content.content, { type: "paragraph", content: [{ type: "text", text: NEW_SENTENCE }] }] };
  expect((await lan.request.put(`/api/v1/proposals/${created.id}/sections/${section.id}`, { data: { content }, headers: { origin } })).status()).toBe(200);
  expect((await lan.request.post(`/api/v1/proposals/${created.id}/submit`, { headers: { origin } })).status()).toBe(200);
  await lanContext.close();

  // Minh and Thu approve in their browsers, each signing with a key made there (WebCrypto, IndexedDB); Thu publishes.
  const proposalUrl = `/lam-viec/de-xuat/${created.id}`;
  const fingerprints: string[] = [];
  for (const email of [DEMO.minh, DEMO.thu]) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page, email);
    await approveInBrowser(page, proposalUrl);
    const name = email === DEMO.minh ? "Lê Văn Minh" : "Đỗ Thị Thu";
    const review = page.getByTestId("review").filter({ hasText: name });
    await expect(review.getByTestId("review-signing")).toHaveAttribute("data-signing", "signed");
    fingerprints.push((await review.getByTestId("review-fingerprint").textContent()) ?? "");
    if (email === DEMO.thu) {
      await expect(page.getByTestId("proposal-status")).toHaveText("Đã phê duyệt");
      await page.getByRole("button", { name: "Ban hành" }).click();
      await expect(page.getByTestId("proposal-status")).toHaveText("Đã ban hành");
    }
    await context.close();
  }
  for (const fingerprint of fingerprints) expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);

  // A reader without an account: the page follows the log from the start and keeps its checkpoint.
  const readerContext = await browser.newContext({ baseURL });
  const reader = await readerContext.newPage();
  const current = (await (await reader.request.get(`/api/v1/documents/${DOC}`)).json()) as { version: { number: number } };
  const number = current.version.number;
  expect(number).toBe(headBefore + 1);
  const heldCheckpoint = await (await reader.request.get("/log/checkpoint")).text();
  await reader.goto("/kiem-chung");
  await expect(reader.getByTestId("online-result")).toContainText("Lần đầu thấy nhật ký này");

  // The three files, downloaded from the product as a reader would.
  const files = {
    content: path.join(directory, `${DOC}-v${number}.json`),
    proof: path.join(directory, `${DOC}-v${number}.tlog-proof`),
    policy: path.join(directory, "policy.txt"),
  };
  fs.writeFileSync(files.content, await (await reader.request.get(`/api/v1/documents/${DOC}/versions/${number}`)).body());
  fs.writeFileSync(files.proof, await (await reader.request.get(`/api/v1/documents/${DOC}/versions/${number}/proof`)).body());
  fs.writeFileSync(files.policy, await (await reader.request.get("/log/policy")).body());
  const policy = fs.readFileSync(files.policy, "utf8");
  const logKey = policy.split("\n")[0].split(" ")[1];

  async function verifyOffline(page: Page) {
    await page.getByLabel("Nội dung phiên bản (JSON)").first().setInputFiles(files.content);
    await page.getByLabel("Tệp bằng chứng (.tlog-proof)").first().setInputFiles(files.proof);
    await page.getByLabel("Chính sách nhật ký (tlog-policy)").first().setInputFiles(files.policy);
    await expect(page.locator("#policy-text")).toHaveValue(policy);
    await page.getByRole("button", { name: "Kiểm chứng", exact: true }).click();
    const result = page.getByTestId("offline-result");
    await expect(result).toContainText("Đã kiểm chứng");
    await expect(result).toContainText(`${DOC}, phiên bản ${number}`);
    await expect(result.getByTestId("log-key")).toHaveText(logKey);
    for (const fingerprint of fingerprints) await expect(result.getByTestId("approvers")).toContainText(fingerprint);
    await expect(result).toContainText("không có (chính sách không đòi hỏi nhân chứng)");
  }

  // Offline: the network is cut before verifying.
  await readerContext.setOffline(true);
  await verifyOffline(reader);
  // A changed character is caught.
  fs.writeFileSync(path.join(directory, "changed.json"), fs.readFileSync(files.content, "utf8").replace(NEW_SENTENCE, NEW_SENTENCE.replace("trình duyệt", "trình duyêt")));
  await reader.getByLabel("Nội dung phiên bản (JSON)").first().setInputFiles(path.join(directory, "changed.json"));
  await reader.getByRole("button", { name: "Kiểm chứng", exact: true }).click();
  await expect(reader.getByTestId("offline-result")).toContainText("Không kiểm chứng được");
  await expect(reader.getByTestId("offline-result")).toContainText("văn bản đã bị thay đổi");
  await readerContext.setOffline(false);

  // The page saved to disk and opened from file://, with no network: it still verifies, in both languages.
  const saved = path.join(directory, "kiem-chung.html");
  fs.writeFileSync(saved, await (await reader.request.get("/kiem-chung")).body());
  const offlineContext = await browser.newContext();
  await offlineContext.setOffline(true);
  const fromDisk = await offlineContext.newPage();
  const errors: string[] = [];
  fromDisk.on("pageerror", (error) => errors.push(error.message));
  await fromDisk.goto(pathToFileURL(saved).href);
  await expect(fromDisk.getByText("Trang đang được mở từ tệp trên máy")).toBeVisible();
  await verifyOffline(fromDisk);
  await fromDisk.getByRole("button", { name: "English" }).click();
  await expect(fromDisk.getByTestId("offline-result")).toContainText("Verified");
  await expect(fromDisk.getByRole("heading", { name: "Verify a text" })).toBeVisible();
  expect(errors).toEqual([]);
  await offlineContext.close();

  // The version page verifies itself in the reader's browser.
  await reader.goto(`/${DOC}/v/${number}`);
  const badge = reader.getByTestId("verified-badge");
  await expect(badge).toContainText("Đã kiểm chứng");
  await badge.locator("summary").click();
  await expect(badge.getByTestId("badge-log-key")).toHaveText(logKey);
  for (const fingerprint of fingerprints) await expect(badge.getByTestId("badge-approvers")).toContainText(fingerprint);
  await reader.goto(`/${DOC}/v/${number}/loi-tong-ket`);
  await expect(reader.getByTestId("verified-badge")).toContainText("Đã kiểm chứng");

  // Someone with the database and the log key rewrites version 2 and re-signs the tree.
  const original = path.join(directory, "original.json");
  const forged = drill("rewrite", original);
  try {
    expect(forged).not.toBe(heldCheckpoint);
    expect(await (await reader.request.get("/log/checkpoint")).text()).toBe(forged);
    await reader.goto("/kiem-chung");
    const alarm = reader.getByTestId("online-result");
    await expect(alarm).toContainText("Phát hiện lịch sử bị viết lại");
    await expect(alarm.getByTestId("kept-checkpoint")).toHaveText(heldCheckpoint);
    await expect(alarm.getByTestId("received-checkpoint")).toHaveText(forged);
    // The kept checkpoint stays: asking again reports the rewrite again.
    await reader.getByRole("button", { name: "Kiểm tra nhật ký" }).click();
    await expect(reader.getByTestId("online-result").getByTestId("kept-checkpoint")).toHaveText(heldCheckpoint);
    // The version page says so too.
    await reader.goto(`/${DOC}/v/${number}`);
    await expect(reader.getByTestId("verified-badge")).toContainText("Phát hiện lịch sử bị viết lại");
  } finally {
    drill("restore", original);
    await readerContext.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
});
