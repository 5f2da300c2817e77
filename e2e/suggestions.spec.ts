import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import * as Y from "yjs";
import { isSyncedAndAcknowledged, openClient, serverHandledEarlierMessages, waitFor, type TestClient } from "../lib/collab/test-helpers";
import { DEMO, signInByApi } from "./fixtures/session";
import { newReviewerKey, type ReviewerKey } from "./fixtures/reviewer-key";

const DOC = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";
/** Words to suggest, the first not yet anywhere in the document (earlier runs may have published one). */
const REPLACEMENTS = ["đột phá", "bứt phá", "kiến tạo", "khai mở", "dẫn lối", "tiên phong", "khởi sắc", "vươn mình"];
const KHOA_NAME = "Vũ Đăng Khoa";

interface TextNode {
  type: string;
  text?: string;
  attrs?: { id?: string };
  content?: TextNode[];
}

function textOf(node: TextNode): string {
  return node.type === "text" ? (node.text ?? "") : (node.content ?? []).map(textOf).join("");
}

/** Words that occur once in the paragraph, letters only: the spec's targets, whatever earlier specs published. */
function uniqueWords(text: string): string[] {
  return [...new Set(text.split(/\s+/))].filter((word) => /^\p{L}{4,}$/u.test(word) && text.indexOf(word) === text.lastIndexOf(word));
}

async function approve(request: APIRequestContext, origin: string, proposalId: string, key: ReviewerKey) {
  const view = (await (await request.get(`/api/v1/proposals/${proposalId}`)).json()) as { approvalPayload: string };
  return request.post(`/api/v1/proposals/${proposalId}/reviews`, { data: { decision: "approve", comment: "Đồng ý.", signature: key.signPayload(view.approvalPayload) }, headers: { origin } });
}

/** The editor's words, without other people's caret labels. */
function editorWords(page: Page): Promise<string> {
  return page.locator(".ProseMirror").first().evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
}

/** Selects `words` inside the editor, as a person dragging over them would. */
async function selectWords(page: Page, words: string): Promise<void> {
  await page.locator(".ProseMirror").first().evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at === -1) continue;
      (root as HTMLElement).focus();
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${target}" is not in one text node of the editor`);
  }, words);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe(words);
}

test("a reviewer suggests edits that the author sees as tracked changes, accepts one and rejects the other; only the accepted one is published, credited to the reviewer; the reviewer's raw Yjs client cannot write", async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;

  // Lan (Bộ Tài chính) opens a proposal on the closing section.
  const lanContext = await browser.newContext({ baseURL });
  const lan = await lanContext.newPage();
  await lan.goto("/");
  await signInByApi(lan, DEMO.lan);
  const created = (await (await lan.request.post(`/api/v1/documents/${DOC}/proposals`, { data: { title: `Đề xuất sửa ${Date.now()}`, rationale: "Thử chế độ đề xuất sửa." }, headers: { origin } })).json()) as { id: string };
  const proposalId = created.id;
  const view = (await (await lan.request.get(`/api/v1/proposals/${proposalId}`)).json()) as { sections: { id: string; slug: string; content: TextNode }[] };
  const section = view.sections.find((candidate) => candidate.slug === CLOSING)!;
  const everything = view.sections.map((candidate) => textOf(candidate.content)).join(" ");
  const REPLACEMENT = REPLACEMENTS.find((candidate) => !everything.includes(candidate))!;
  expect(REPLACEMENT).toBeDefined();
  const paragraph = section.content.content!.find((block) => block.type === "paragraph" && uniqueWords(textOf(block)).length >= 3)!;
  const paragraphText = textOf(paragraph);
  const words = uniqueWords(paragraphText);
  const replaced = words[0];
  const deleted = ` ${words.at(-1)!}`;
  const emphasised = words[1];
  const page = `/lam-viec/de-xuat/${proposalId}?muc=${section.id}`;

  // Khoa, a reviewer (who cannot write the draft), is always in suggest mode.
  const khoaContext = await browser.newContext({ baseURL });
  const khoa = await khoaContext.newPage();
  await khoa.goto("/");
  await signInByApi(khoa, DEMO.khoa);
  await khoa.goto(page);
  const khoaEditor = khoa.locator(".ProseMirror").first();
  await expect(khoaEditor).toContainText(replaced);
  await expect(khoa.getByTestId("suggest-mode")).toHaveAttribute("data-active", "true");
  await expect(khoa.getByText("Bạn đề xuất sửa:")).toBeVisible();

  // He types a word over another one, then deletes a second word.
  await selectWords(khoa, replaced);
  await khoa.keyboard.type(REPLACEMENT, { delay: 40 });
  await khoa.keyboard.press("Enter");
  await expect(khoa.getByTestId("suggestion-notice")).toHaveText("Đã gửi đề xuất sửa.");
  await expect(khoa.getByTestId("suggestion")).toHaveCount(1);
  await selectWords(khoa, deleted);
  await khoa.keyboard.press("Backspace");
  await khoa.keyboard.press("Enter");
  await expect(khoa.getByTestId("suggestion")).toHaveCount(2);
  // And suggests bold on a third word.
  await selectWords(khoa, emphasised);
  await khoa.getByRole("button", { name: "Đề xuất in đậm" }).click();
  await expect(khoa.getByTestId("suggestion")).toHaveCount(3);
  await expect(khoaEditor.locator(".suggestion-format", { hasText: emphasised })).toBeVisible();
  // The draft itself did not change: suggestions are not edits.
  await expect(khoaEditor.locator(".suggestion-insertion", { hasText: REPLACEMENT })).toBeVisible();
  const stored = (await (await khoa.request.get(`/api/v1/proposals/${proposalId}`)).json()) as { sections: { id: string; markdown: string }[] };
  expect(stored.sections.find((candidate) => candidate.id === section.id)!.markdown).not.toContain(REPLACEMENT);

  // Lan sees both as tracked changes, with author and time.
  await lan.goto(page);
  const lanEditor = lan.locator(".ProseMirror").first();
  const replacedMark = lanEditor.locator(".suggestion-deletion", { hasText: replaced });
  await expect(replacedMark).toBeVisible();
  await expect(replacedMark).toHaveAttribute("title", new RegExp(`^${KHOA_NAME} · `));
  await expect(lanEditor.locator(".suggestion-insertion", { hasText: REPLACEMENT })).toBeVisible();
  await expect(lanEditor.locator(".suggestion-deletion", { hasText: deleted.trim() })).toBeVisible();
  await expect(lan.getByTestId("suggestion-count")).toHaveText("3");
  await expect(lan.getByRole("button", { name: `Chấp nhận mọi đề xuất của ${KHOA_NAME}` })).toBeVisible();
  await expect(lan.getByRole("button", { name: "Chấp nhận tất cả" })).toBeVisible();
  // The tracked changes and their buttons meet WCAG 2.1 AA (as e2e/accessibility.spec.ts checks pages).
  const axe = await new AxeBuilder({ page: lan }).include(".handbook-editor").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

  // She accepts the replacement: the words change through the live document and the mark goes.
  const replaceItem = lan.getByTestId("suggestion").filter({ hasText: REPLACEMENT });
  await replaceItem.getByRole("button", { name: /^Chấp nhận:/ }).click();
  const accepted = paragraphText.replace(replaced, REPLACEMENT);
  await expect.poll(() => editorWords(lan)).toContain(accepted);
  await expect(lanEditor.locator(".suggestion-insertion", { hasText: REPLACEMENT })).toHaveCount(0);
  // She accepts the bold: the words keep and are bold now.
  await lan.getByTestId("suggestion").filter({ hasText: "thêm in đậm" }).getByRole("button", { name: /^Chấp nhận:/ }).click();
  await expect
    .poll(() =>
      lanEditor.evaluate((root) =>
        [...root.querySelectorAll("strong")].map((strong) => {
          const copy = strong.cloneNode(true) as HTMLElement;
          copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
          return copy.textContent;
        }),
      ),
    )
    .toContain(emphasised);
  await expect(lanEditor.locator(".suggestion-format")).toHaveCount(0);
  // Khoa's editor follows live.
  await expect.poll(() => editorWords(khoa), { timeout: 20_000 }).toContain(accepted);
  // Lan submits the draft, which now holds the accepted word; approval waits while a suggestion is pending.
  expect((await lan.request.post(`/api/v1/proposals/${proposalId}/submit`, { headers: { origin } })).status()).toBe(200);
  const minhContext = await browser.newContext({ baseURL });
  const minh = await minhContext.newPage();
  await minh.goto("/");
  await signInByApi(minh, DEMO.minh);
  const minhKey = newReviewerKey();
  expect((await minh.request.post("/api/v1/me/keys", { data: { publicKey: minhKey.publicKey }, headers: { origin } })).status()).toBe(201);
  const held = await approve(minh.request, origin, proposalId, minhKey);
  expect(held.status()).toBe(422);

  expect(((await held.json()) as { error: { message: string } }).error.message).toContain("1 đề xuất sửa");

  // She rejects the deletion: the words stay, the mark goes.
  await lan.getByTestId("suggestion").filter({ hasText: deleted.trim() }).getByRole("button", { name: /^Từ chối:/ }).click();
  await expect(lan.getByTestId("suggestion")).toHaveCount(0);
  await expect(lanEditor.locator(".suggestion-deletion")).toHaveCount(0);
  await expect(lanEditor).toContainText(deleted.trim());

  // A raw Yjs client with Khoa's credentials cannot change the draft: its update is refused.
  const khoaAccess = (await (await khoa.request.get(`/api/v1/proposals/${proposalId}/sections/${section.id}/collab`)).json()) as { url: string; document: string; token: string };
  const lanAccess = (await (await lan.request.get(`/api/v1/proposals/${proposalId}/sections/${section.id}/collab`)).json()) as { url: string; document: string; token: string };
  const clients: TestClient[] = [];
  try {
    const observer = openClient(lanAccess.url, lanAccess.document, lanAccess.token);
    clients.push(observer);
    const raw = openClient(khoaAccess.url, khoaAccess.document, khoaAccess.token);
    clients.push(raw);
    await waitFor(() => isSyncedAndAcknowledged(observer) && raw.provider.isSynced, "both raw clients synced", 20_000);
    expect(raw.provider.authorizedScope).toBe("readonly");
    const before = JSON.stringify(observer.doc.getXmlFragment("default").toJSON());
    const firstText = raw.doc
      .getXmlFragment("default")
      .toArray()
      .flatMap((block) => (block instanceof Y.XmlElement ? block.toArray() : []))
      .find((child): child is Y.XmlText => child instanceof Y.XmlText)!;
    firstText.insert(0, "Chữ viết trộm. ");
    firstText.delete(firstText.length - 3, 3);
    await serverHandledEarlierMessages(raw, observer);
    expect(JSON.stringify(observer.doc.getXmlFragment("default").toJSON())).toBe(before);
  } finally {
    clients.forEach((client) => client.destroy());
  }
  const afterRaw = (await (await lan.request.get(`/api/v1/proposals/${proposalId}`)).json()) as { sections: { id: string; markdown: string }[] };
  expect(afterRaw.sections.find((candidate) => candidate.id === section.id)!.markdown).not.toContain("Chữ viết trộm.");

  // Approved by Minh and Thu (Khoa, whose suggestion was taken, now counts as an editor), then published.
  await expect.poll(async () => (await approve(minh.request, origin, proposalId, minhKey)).status(), { timeout: 20_000 }).toBe(201);
  const thuContext = await browser.newContext({ baseURL });
  const thu = await thuContext.newPage();
  await thu.goto("/");
  await signInByApi(thu, DEMO.thu);
  const thuKey = newReviewerKey();
  expect((await thu.request.post("/api/v1/me/keys", { data: { publicKey: thuKey.publicKey }, headers: { origin } })).status()).toBe(201);
  expect((await approve(thu.request, origin, proposalId, thuKey)).status()).toBe(201);
  const published = await thu.request.post(`/api/v1/proposals/${proposalId}/publish`, { headers: { origin } });
  expect(published.status()).toBe(201);
  const { version } = (await published.json()) as { version: { number: number } };

  // The published diff holds the accepted change only.
  const diff = (await (await thu.request.get(`/api/v1/documents/${DOC}/diff?from=${version.number - 1}&to=${version.number}`)).json()) as { sections: { blocks: { status: string; words: { op: string; text: string }[] | null }[] }[] };
  const changed = diff.sections.flatMap((candidate) => candidate.blocks).filter((block) => block.status !== "unchanged");
  expect(changed).toHaveLength(1);
  const ops = changed[0].words ?? [];
  expect(ops.filter((op) => op.op === "insert").map((op) => op.text).join("")).toContain(REPLACEMENT);
  expect(ops.filter((op) => op.op === "delete").map((op) => op.text).join("")).toContain(replaced);
  expect(ops.filter((op) => op.op === "delete").map((op) => op.text).join("")).not.toContain(deleted.trim());

  // Blame of the new version credits Khoa for that paragraph.
  await thu.goto(`/${DOC}/v/${version.number}/nguon-goc`);
  const row = thu.locator(".blame-row", { hasText: REPLACEMENT });
  await expect(row.locator(".blame-row__suggested")).toHaveText(`Đề xuất sửa của ${KHOA_NAME}`);

  for (const context of [lanContext, khoaContext, minhContext, thuContext]) await context.close();
});
