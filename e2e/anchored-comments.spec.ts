import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, signIn, signInByApi } from "./fixtures/session";

const DOC = "cam-nang-chuyen-doi-so";
const CLOSING = "loi-tong-ket";
/** Words of the second paragraph of “Lời tổng kết” (the one version 2 joined), commented on. */
const COMMENTED = "chiến lược và kế hoạch hành động";
/** The end of the paragraph before it: the co-author types there. */
const BEFORE_PARAGRAPH = "để bảo vệ quốc gia.";
const COMMENT_BODY = "Nên nêu rõ thời hạn của kế hoạch.";

function editorOf(page: Page): Locator {
  return page.locator(".ProseMirror").first();
}

/**
 * Where a phrase of the editor is on the screen: the middle of its first character's left half
 * and of its last character's right half, which a click puts the caret before and after.
 */
async function phraseEnds(page: Page, phrase: string): Promise<{ start: { x: number; y: number }; end: { x: number; y: number } }> {
  const ends = await editorOf(page).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      // Brought into view first, so the coordinates measured are where the mouse goes.
      node.parentElement?.scrollIntoView({ block: "center" });
      const rectOf = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getClientRects()[0];
      };
      const first = rectOf(at);
      const last = rectOf(at + wanted.length - 1);
      return {
        start: { x: first.left + Math.min(2, first.width / 4), y: first.top + first.height / 2 },
        end: { x: last.right - Math.min(2, last.width / 4), y: last.top + last.height / 2 },
      };
    }
    return null;
  }, phrase);
  if (!ends) throw new Error(`“${phrase}” is not in the editor`);
  return ends;
}

/** Selects a phrase as a person does: pressing the mouse before its first letter and releasing it after its last. */
async function selectWithMouse(page: Page, phrase: string): Promise<void> {
  const { start, end } = await phraseEnds(page, phrase);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}

/** Puts the caret right before (or after) a phrase with one click. */
async function clickBeside(page: Page, phrase: string, side: "before" | "after"): Promise<void> {
  const { start, end } = await phraseEnds(page, phrase);
  const point = side === "before" ? start : end;
  await page.mouse.click(point.x, point.y);
}

/** The editor's text without the other people's carets (their names sit inside the text). */
async function editorText(page: Page): Promise<string> {
  return editorOf(page).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return copy.textContent ?? "";
  });
}

/** The words a comment's highlight covers in an editor (a decoration may be cut into several spans), carets left out. */
async function highlighted(page: Page, commentId: string): Promise<string> {
  return editorOf(page).evaluate((root, id) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return [...copy.querySelectorAll(`.comment-anchor[data-comment-id="${id}"]`)].map((span) => span.textContent ?? "").join("");
  }, commentId);
}

test("a comment on selected words keeps to the same words while a co-author types around them, and the compare page marks them after publication", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // Chị Lan (Bộ Tài chính) starts a proposal of her own and invites Chị Hòa to co-write it.
  const lanContext = await browser.newContext({ baseURL });
  const hoaContext = await browser.newContext({ baseURL });
  const lan = await lanContext.newPage();
  const hoa = await hoaContext.newPage();
  await lan.goto("/");
  await signInByApi(lan, DEMO.lan);
  await signInByApi(hoa, DEMO.hoa);
  const created = await lan.request.post(`/api/v1/documents/${DOC}/proposals`, {
    data: { title: "Nêu rõ kế hoạch hành động", rationale: "Bình luận trên đoạn chữ khi cùng soạn." },
    headers: { origin: new URL(lan.url()).origin },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const view = (await (await lan.request.get(`/api/v1/proposals/${id}`)).json()) as { sections: { id: string; slug: string }[] };
  const sectionId = view.sections.find((section) => section.slug === CLOSING)?.id;
  expect(sectionId).toBeTruthy();
  const proposalUrl = `/lam-viec/de-xuat/${id}?muc=${sectionId}`;
  await lan.goto(proposalUrl);
  await lan.getByLabel(/Mời người cùng soạn/).fill(DEMO.hoa);
  await lan.getByRole("button", { name: "Mời", exact: true }).click();
  await expect(lan.getByRole("status")).toContainText("Đã thêm người cùng soạn");

  await lan.goto(proposalUrl);
  await hoa.goto(proposalUrl);
  await expect(editorOf(lan)).toContainText(COMMENTED);
  await expect(editorOf(hoa)).toContainText(COMMENTED);

  // Lan selects the words with the mouse and comments on them with “Bình luận”.
  await selectWithMouse(lan, COMMENTED);
  expect(await lan.evaluate(() => window.getSelection()?.toString())).toBe(COMMENTED);
  await lan.getByRole("button", { name: "Bình luận", exact: true }).click();
  const form = lan.getByRole("form", { name: "Bình luận về đoạn chữ" });
  await expect(form.locator("q")).toHaveText(COMMENTED);
  await form.getByLabel("Nội dung bình luận").fill(COMMENT_BODY);
  await form.getByRole("button", { name: "Gửi bình luận" }).click();
  await expect(form).toHaveCount(0);

  const comments = async () =>
    ((await (await lan.request.get(`/api/v1/proposals/${id}`)).json()) as { comments: { id: string; body: string; anchor: { quote: string } | null }[] }).comments;
  const comment = (await comments()).find((candidate) => candidate.body === COMMENT_BODY);
  expect(comment?.anchor?.quote).toBe(COMMENTED);
  const commentId = comment!.id;
  await expect.poll(() => highlighted(lan, commentId)).toBe(COMMENTED);

  // Hòa types before the paragraph, and inside it right before and right after the words, while
  // Lan goes on typing at the end of the section.
  await hoa.reload();
  await expect(editorOf(hoa)).toContainText(COMMENTED);
  await expect.poll(() => highlighted(hoa, commentId)).toBe(COMMENTED);
  await editorOf(lan).click();
  await lan.keyboard.press("Control+End");
  // Each of Hòa's clicks lands while nobody types (a remote change arriving between a click's
  // mousedown and the editor reading the new selection puts the caret back where it was); then
  // both type at once.
  const together = async (lanText: string, hoaText: string, hoaSees: string) => {
    await Promise.all([lan.keyboard.type(lanText, { delay: 25 }), hoa.keyboard.type(hoaText, { delay: 25 })]);
    await expect.poll(() => editorText(hoa)).toContain(hoaSees);
    await expect.poll(() => editorText(lan)).toContain(hoaSees);
  };
  await clickBeside(hoa, BEFORE_PARAGRAPH, "after");
  await together(" Lan viết tiếp", " Hòa viết trước đoạn.", `${BEFORE_PARAGRAPH} Hòa viết trước đoạn.`);
  await clickBeside(hoa, COMMENTED, "before");
  // A word starting with the range's first letter: the editor binding (y-prosemirror's text diff,
  // which ignores the caret) stores its letters after the range's first character, so the
  // positions alone would take the word in; the anchor's quote narrows the range back.
  await together(" ở cuối", "các ", `các ${COMMENTED}`);
  await clickBeside(hoa, COMMENTED, "after");
  await together(" mục.", " cụ thể", `${COMMENTED} cụ thể`);

  const edited = `các ${COMMENTED} cụ thể`;
  for (const page of [lan, hoa]) {
    await expect.poll(() => editorText(page)).toContain(edited);
    await expect.poll(() => editorText(page)).toContain(`${BEFORE_PARAGRAPH} Hòa viết trước đoạn.`);
    await expect.poll(() => editorText(page)).toContain("Lan viết tiếp ở cuối mục.");
    await expect.poll(() => highlighted(page, commentId)).toBe(COMMENTED);
  }
  await expect(lan.getByTestId("editor-status")).toContainText("Đã lưu", { timeout: 20_000 });
  await expect(hoa.getByTestId("editor-status")).toContainText("Đã lưu", { timeout: 20_000 });
  // Opened again from the server's copy, the highlight is still on the same words.
  await lan.reload();
  await expect.poll(() => editorText(lan)).toContain(edited);
  await expect.poll(() => highlighted(lan, commentId)).toBe(COMMENTED);
  await expect.poll(async () => (await lan.request.get(`/api/v1/proposals/${id}`)).text(), { timeout: 20_000 }).toContain("cụ thể");

  // Reviewed and published: Anh Minh approves, then Chị Thu (Bộ Nội vụ, which owns the section) approves and publishes.
  await lan.getByRole("button", { name: "Gửi thẩm định" }).click();
  await expect(lan.getByTestId("proposal-status")).toHaveText("Đang thẩm định");
  const minhContext = await browser.newContext({ baseURL });
  const minh = await minhContext.newPage();
  await signIn(minh, DEMO.minh);
  await minh.goto(proposalUrl);
  await minh.getByLabel("Phê duyệt", { exact: true }).check();
  await minh.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(minh.getByTestId("policy-checklist")).toContainText("1/2 phê duyệt");
  const thuContext = await browser.newContext({ baseURL });
  const thu = await thuContext.newPage();
  await signIn(thu, DEMO.thu);
  await thu.goto(proposalUrl);
  await thu.getByLabel("Phê duyệt", { exact: true }).check();
  await thu.getByRole("button", { name: "Gửi ý kiến" }).click();
  await expect(thu.getByTestId("proposal-status")).toHaveText("Đã phê duyệt");
  await thu.getByRole("button", { name: "Ban hành" }).click();
  await expect(thu.getByRole("status")).toContainText("Đã ban hành phiên bản");

  // The compare page of the version it became marks the same words, for Lan who may read the proposal.
  const number = ((await (await lan.request.get(`/api/v1/documents/${DOC}`)).json()) as { version: { number: number } }).version.number;
  await lan.goto(`/${DOC}/so-sanh?from=${number - 1}&to=${number}`);
  const marks = lan.locator(`mark.diff-remark-mark[data-comment-id="${commentId}"]`);
  await expect(marks.first()).toBeVisible();
  expect((await marks.allTextContents()).join("")).toBe(COMMENTED);
  await expect(lan.locator(`#remark-${commentId}`)).toContainText(COMMENT_BODY);

  for (const context of [lanContext, hoaContext, minhContext, thuContext]) await context.close();
});
