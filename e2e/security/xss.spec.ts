import JSZip from "jszip";
import * as Y from "yjs";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { YDOC_FIELD } from "@/lib/editor/ydoc";
import { actionOutcome, callAction } from "./support/actions";
import { collabGrant, connect, waitFor } from "./support/collab";
import { closeDatabase, row } from "./support/database";
import { DOC, WEB_ORIGIN } from "./support/env";
import { recordFigures } from "./support/figures";
import type { Visitor } from "./support/http";
import { armContext, chunks, collect, loadPayloads, type Watch } from "./support/xss";
import { actionId, createProposal, DEMO_EMAILS, proposalSectionContent, proposalSections, signedIn } from "./support/world";
import { newReviewerKey } from "../fixtures/reviewer-key";

/**
 * A few hundred XSS payloads of the well-known families, through every way content enters the
 * handbook (the API's section replace and comments, a paste into the editor, raw Yjs attributes
 * and marks written to a draft through the collaboration server, Markdown and Word imports,
 * search), then the pages that show them opened in Chromium, with the product's Content Security
 * Policy and again without it (so that escaping alone is proven, not the policy catching what
 * escaping missed). Any dialog, any write to the payloads' global, any policy report and any
 * hostile markup in the DOM counts; every count must be 0.
 */
const PAYLOADS = loadPayloads();
/** Payloads per comment: a thread of readable size under the comment rate limit. */
const PAYLOADS_PER_COMMENT = 25;
/** Payloads per paste: one clipboard of a long, hostile page. */
const PAYLOADS_PER_PASTE = 110;
/** Searches made (a fixed, spread-out share of the list; the search rate limit is 120 a minute). */
const SEARCHES = 40;
/** Markdown link, image, reference and autolink syntax: the importer refuses unsafe targets. */
const MARKDOWN_LINK = /\]\s*[(:[]|^\s*\[[^\]]*\]:|<[a-z]+:/im;
/** C0 controls other than tab, line feed and carriage return: the content guard refuses them. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const watch: Watch = { executions: [], cspViolations: [], hostileMarkup: [] };
let deliveries = 0;
let lan: Visitor;
const pagesToOpen: string[] = [];

/** Attribute values of stored content that could run: any non-http(s)/mailto URL, any handler. */
function hostileStoredAttributes(content: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, index) => visit(child, `${where}[${index}]`));
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "text") continue;
      if (/^on/i.test(key)) found.push(`${where}.${key}`);
      if (key === "href" && typeof value === "string" && !/^(https?:\/\/[^/\\]|mailto:)/i.test(value)) found.push(`${where}.href=${value}`);
      if (typeof value === "object") visit(value, `${where}.${key}`);
    }
  };
  visit(JSON.parse(content || "null"), "content");
  return found;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  lan = await signedIn(DEMO_EMAILS.lan);
});

test.afterAll(async () => {
  closeDatabase();
});

test("the API takes payloads as text, refuses them as attributes, and stores nothing that runs", async () => {
  test.setTimeout(120_000);
  const id = await createProposal(lan, "Thử mã độc qua API", "Kiểm tra nội dung độc hại.");
  const [first] = proposalSections(id);
  // Control characters are refused outright (the content guard); every other payload is text.
  for (const { payload } of PAYLOADS.filter((entry) => CONTROL_CHARACTERS.test(entry.payload))) {
    const refused = await lan.json("PUT", `/api/v1/proposals/${id}/sections/${first.sectionId}`, { content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: payload }] }] } });
    expect(refused.status).toBe(400);
    deliveries += 1;
  }
  // As text: every payload a paragraph of its own, and a heading.
  const asText = {
    type: "doc",
    content: PAYLOADS.filter((entry) => !CONTROL_CHARACTERS.test(entry.payload)).flatMap(({ payload }) => [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: payload.slice(0, 200) }] },
      { type: "paragraph", content: [{ type: "text", text: payload }, { type: "text", text: " đậm", marks: [{ type: "bold" }] }] },
    ]),
  };
  const stored = await lan.json("PUT", `/api/v1/proposals/${id}/sections/${first.sectionId}`, { content: asText });
  expect(stored.status, stored.text().slice(0, 300)).toBe(200);
  deliveries += PAYLOADS.filter((entry) => !CONTROL_CHARACTERS.test(entry.payload)).length;

  // As attributes: a link's href, a code block's language, a heading's level, a list's start,
  // a table cell's span. Sent one document per payload and carrier; each refused or made harmless.
  const carriers: ((payload: string) => unknown)[] = [
    (payload) => ({ type: "paragraph", content: [{ type: "text", text: "bấm", marks: [{ type: "link", attrs: { href: payload } }] }] }),
    (payload) => ({ type: "codeBlock", attrs: { language: payload }, content: [{ type: "text", text: "x" }] }),
    (payload) => ({ type: "heading", attrs: { level: payload }, content: [{ type: "text", text: "x" }] }),
    (payload) => ({ type: "orderedList", attrs: { start: payload }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] }] }),
    (payload) => ({ type: "paragraph", attrs: { id: payload, class: payload, onclick: payload, style: payload }, content: [{ type: "text", text: "x" }] }),
  ];
  let accepted = 0;
  const [, second] = proposalSections(id);
  for (const [index, { payload }] of PAYLOADS.entries()) {
    const carrier = carriers[index % carriers.length];
    const answer = await lan.json("PUT", `/api/v1/proposals/${id}/sections/${second.sectionId}`, { content: { type: "doc", content: [carrier(payload)] } });
    expect([200, 400]).toContain(answer.status);
    if (answer.status === 200) accepted += 1;
    deliveries += 1;
  }
  const hostile = hostileStoredAttributes(proposalSectionContent(id, first.sectionId)).concat(hostileStoredAttributes(proposalSectionContent(id, second.sectionId)));
  expect(hostile, "stored attributes that could run").toEqual([]);
  expect(accepted, "some attribute payloads are harmless strings the schema keeps as data").toBeGreaterThanOrEqual(0);

  // Comments: the whole list, as a reviewer's thread would show it.
  const hoa = await signedIn(DEMO_EMAILS.hoa);
  for (const group of chunks(PAYLOADS, PAYLOADS_PER_COMMENT)) {
    const comment = await hoa.json("POST", `/api/v1/proposals/${id}/comments`, { body: group.map((entry) => entry.payload).join("\n") });
    expect(comment.status, comment.text().slice(0, 200)).toBe(201);
    deliveries += group.length;
  }
  pagesToOpen.push(`/lam-viec/de-xuat/${id}`);

  // Published, so the reader pages, history and comparison show the payloads to everyone.
  const submitted = await lan.json("POST", `/api/v1/proposals/${id}/submit`, {});
  expect(submitted.status, submitted.text().slice(0, 200)).toBe(200);
  for (const reviewer of [DEMO_EMAILS.minh, DEMO_EMAILS.khoa, DEMO_EMAILS.thu]) {
    // An approval counts only when signed by the reviewer's own registered key.
    const visitor = await signedIn(reviewer);
    const key = newReviewerKey();
    const registered = await visitor.json("POST", "/api/v1/me/keys", { publicKey: key.publicKey });
    expect([200, 201], registered.text().slice(0, 200)).toContain(registered.status);
    const proposal = await visitor.json<{ approvalPayload: string }>("GET", `/api/v1/proposals/${id}`);
    const review = await visitor.json("POST", `/api/v1/proposals/${id}/reviews`, { decision: "approve", comment: "Đồng ý.", signature: key.signPayload(proposal.data.approvalPayload) });
    expect(review.status, review.text().slice(0, 200)).toBe(201);
  }
  const published = await (await signedIn(DEMO_EMAILS.minh)).json<{ version: { number: number } }>("POST", `/api/v1/proposals/${id}/publish`, {});
  expect(published.status, published.text().slice(0, 300)).toBe(201);
  const version = published.data.version.number;
  pagesToOpen.push(`/${DOC}/${first.slug}`, `/${DOC}/v/${version}/${first.slug}`, `/${DOC}/so-sanh?tu=${version - 1}&den=${version}`, `/${DOC}/lich-su/${first.slug}`, `/${DOC}/v/${version}`);
});

test("raw Yjs: hostile elements, attributes and marks written through the collaboration server store and render as nothing that runs", async () => {
  test.setTimeout(90_000);
  const id = await createProposal(lan, "Thử mã độc qua Yjs", "Kiểm tra thuộc tính Yjs độc hại.");
  const [first] = proposalSections(id);
  const grant = (await collabGrant(lan, id, first.sectionId))!;
  expect(grant.access).toBe("write");
  const client = await connect(grant.document, grant.token);
  expect(client, "the author joins the draft").not.toBeNull();
  const fragment = client!.doc.getXmlFragment(YDOC_FIELD);
  // Two updates: one of hostile elements and attributes (the content guard may refuse it whole),
  // then schema paragraphs carrying hostile marks and attributes only.
  client!.doc.transact(() => {
    for (const [index, { payload }] of PAYLOADS.entries()) {
      const element = new Y.XmlElement(["script", "img", "iframe", "a", "div", "svg", "math"][index % 7]);
      fragment.insert(fragment.length, [element]);
      for (const name of ["onclick", "onerror", "src", "href", "style", "srcdoc"]) element.setAttribute(name, payload);
      const text = new Y.XmlText();
      element.insert(0, [text]);
      text.insert(0, payload);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  client!.doc.transact(() => {
    for (const [index, { payload }] of PAYLOADS.entries()) {
      const element = new Y.XmlElement(index % 2 === 0 ? "paragraph" : "heading");
      fragment.insert(fragment.length, [element]);
      for (const name of ["onclick", "class", "id", "style", "data-block-id", "level"]) element.setAttribute(name, payload);
      const text = new Y.XmlText();
      element.insert(0, [text]);
      text.insert(0, `Yjs ${index}: `);
      text.insert(text.length, payload, { link: { href: payload, onclick: payload }, bold: { onmouseover: payload } });
    }
  });
  deliveries += 2 * PAYLOADS.length;
  // Acknowledged or refused: either way the connection settles, and what is stored is checked.
  await waitFor(() => client!.provider.unsyncedChanges === 0, 10_000);
  client!.close();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(hostileStoredAttributes(proposalSectionContent(id, first.sectionId)), "stored attributes that could run").toEqual([]);
  pagesToOpen.push(`/lam-viec/de-xuat/${id}`);
});

test("Markdown and Word imports: the list as a chapter, every payload a block of its own", async () => {
  test.setTimeout(90_000);
  const admin = await signedIn(DEMO_EMAILS.admin);
  const id = actionId("app/quan-tri/nhap/actions.ts", "importChapterAction");
  const previousState = { attempt: 0, error: null, errors: [], values: { documentSlug: DOC, title: "", rationale: "", markdown: "" } };
  const importAs = async (title: string, fields: Record<string, string | Blob>) =>
    actionOutcome(await callAction(admin, { id, path: "/quan-tri/nhap", fields: { document: DOC, title, rationale: "Kiểm tra.", markdown: "", ...fields }, previousState }));
  const chapter = (entries: typeof PAYLOADS) => `# Chương nhập thử mã độc\n\n${entries.map((entry) => entry.payload).join("\n\n")}\n`;
  const openable = PAYLOADS.filter((entry) => !CONTROL_CHARACTERS.test(entry.payload));
  // The whole list: its unsafe links make the importer refuse the file, naming them.
  const whole = await importAs("Nhập Markdown độc hại", { markdown: chapter(openable) });
  expect(whole.granted, "a chapter with javascript: links is refused").toBe(false);
  deliveries += openable.length;
  // Without the link syntax that is refused, the rest becomes a proposal to open in the browser.
  const linkless = openable.filter((entry) => !MARKDOWN_LINK.test(entry.payload));
  const fromMarkdown = await importAs("Nhập Markdown độc hại", { markdown: chapter(linkless) });
  expect(fromMarkdown.granted, fromMarkdown.detail).toBe(true);
  deliveries += linkless.length;
  pagesToOpen.push(new URL(fromMarkdown.detail.split(";")[0], WEB_ORIGIN).pathname);

  const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const texts = ["Chương nhập Word độc hại", ...openable.map((entry) => entry.payload)];
  const wordWithLinks = await importAs("Nhập Word độc hại", { file: new File([new Uint8Array(await wordDocument(texts, true))], "doc-hai.docx", { type: docxType }) });
  expect(wordWithLinks.granted, "a Word file whose hyperlinks are javascript: URLs is refused").toBe(false);
  deliveries += openable.length;
  const fromWord = await importAs("Nhập Word độc hại", { file: new File([new Uint8Array(await wordDocument(texts, false))], "doc-hai.docx", { type: docxType }) });
  expect(fromWord.granted, fromWord.detail).toBe(true);
  deliveries += openable.length;
  const imported = new URL(fromWord.detail.split(";")[0], WEB_ORIGIN).pathname;
  pagesToOpen.push(imported);
  const proposalId = imported.split("/").pop()!;
  for (const section of proposalSections(proposalId)) {
    expect(hostileStoredAttributes(proposalSectionContent(proposalId, section.sectionId)), "stored attributes that could run").toEqual([]);
  }
});

/** A Word file of paragraphs, each followed (with `withLinks`) by a hyperlink whose target is the paragraph's text. */
async function wordDocument(texts: string[], withLinks: boolean): Promise<Buffer> {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  const links = texts.map((text, index) => `<Relationship Id="rL${index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${escape(text)}" TargetMode="External"/>`);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${links.join("")}</Relationships>`);
  const body = texts
    .map((text, index) =>
      index === 0
        ? `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`
        : `<w:p><w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r>${withLinks ? `<w:hyperlink r:id="rL${index}"><w:r><w:t>liên kết</w:t></w:r></w:hyperlink>` : ""}</w:p>`,
    )
    .join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

async function armedContext(browser: Browser, withPolicy: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ bypassCSP: !withPolicy });
  await armContext(context, watch);
  return context;
}

async function signInContext(context: BrowserContext, email: string): Promise<void> {
  const visitor = await signedIn(email);
  const cookies = visitor.cookieHeader.split("; ").map((pair) => {
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: WEB_ORIGIN };
  });
  await context.addCookies(cookies);
}

test("paste into the editor: hostile HTML on the clipboard becomes harmless content", async ({ browser }) => {
  test.setTimeout(120_000);
  const id = await createProposal(lan, "Thử mã độc qua dán", "Kiểm tra dán nội dung độc hại.");
  const [first] = proposalSections(id);
  const context = await armedContext(browser, true);
  await signInContext(context, DEMO_EMAILS.lan);
  const page = await context.newPage();
  await page.goto(`/lam-viec/de-xuat/${id}`);
  const editor = page.locator(".ProseMirror[contenteditable=true]").first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  for (const group of chunks(PAYLOADS, PAYLOADS_PER_PASTE)) {
    await editor.click();
    await page.keyboard.press("End");
    await page.evaluate(
      ({ html, text }) => {
        const data = new DataTransfer();
        data.setData("text/html", html);
        data.setData("text/plain", text);
        const target = document.querySelector(".ProseMirror[contenteditable=true]")!;
        target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      },
      { html: group.map((entry) => `<p>${entry.payload}</p>${entry.payload}`).join(""), text: group.map((entry) => entry.payload).join("\n") },
    );
    deliveries += group.length;
  }
  await collect(page, watch, `editor after paste (${id})`);
  await context.close();
  // Stored when the editor leaves; what reached the server is schema content only.
  await waitFor(() => proposalSectionContent(id, first.sectionId) !== "" && !proposalSectionContent(id, first.sectionId).includes('"text":"Kỳ 18'), 20_000);
  expect(hostileStoredAttributes(proposalSectionContent(id, first.sectionId)), "stored attributes that could run").toEqual([]);
  pagesToOpen.push(`/lam-viec/de-xuat/${id}`);
});

test("every page showing the payloads, with the site's policy and without it, runs none of them; search too", async ({ browser }) => {
  test.setTimeout(180_000);
  for (const withPolicy of [true, false]) {
    const context = await armedContext(browser, withPolicy);
    await signInContext(context, DEMO_EMAILS.minh);
    const page = await context.newPage();
    for (const path of pagesToOpen) {
      await page.goto(path);
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await collect(page, watch, `${path}${withPolicy ? "" : " (no policy)"}`);
    }
    await context.close();
  }

  // Search, anonymous: the payload as the query (echoed in the field and the results), with
  // snippets of the published text that contains the payloads.
  const context = await armedContext(browser, true);
  const page = await context.newPage();
  const step = Math.floor(PAYLOADS.length / SEARCHES);
  for (let index = 0; index < SEARCHES; index += 1) {
    const { payload } = PAYLOADS[index * step];
    await page.goto(`/tim-kiem?q=${encodeURIComponent(payload)}`);
    await collect(page, watch, `search ${index * step}`);
    deliveries += 1;
  }
  await context.close();

  const searchedEverything = row<{ n: number }>('SELECT count(*) AS n FROM "Proposal" WHERE title LIKE \'%mã độc%\'')!.n;
  expect(searchedEverything).toBeGreaterThanOrEqual(3);
  recordFigures({ xssPayloads: PAYLOADS.length, xssDeliveries: deliveries, scriptExecutions: watch.executions.length, cspViolations: watch.cspViolations.length });
  console.log(`[security] xss: hostile markup ${watch.hostileMarkup.length}, policy reports ${watch.cspViolations.length}: ${[...new Set(watch.cspViolations)].slice(0, 5).join(" | ")}`);
  expect(watch.executions, "script executions").toEqual([]);
  expect(watch.hostileMarkup, "hostile markup in the DOM").toEqual([]);
  // Every page, the live editor right after a paste of hostile HTML included, reports nothing:
  // pasted HTML is sanitized before ProseMirror parses it (lib/editor/paste-html.ts).
  expect(watch.cspViolations, "Content Security Policy reports").toEqual([]);
  expect(pagesToOpen.length).toBeGreaterThanOrEqual(8);
});
