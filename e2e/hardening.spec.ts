import http from "node:http";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn, signInByApi } from "./fixtures/session";

/**
 * The fixes of the outsider's first hour, against the product as `npm start` runs it: each test
 * reproduces a finding of the security review and checks it no longer works.
 */
const DOC = "cam-nang-chuyen-doi-so";

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** Collects every Content Security Policy violation a page reports, from its first script on. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /content security policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.cspViolations?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return async () => [...consoleErrors, ...(await page.evaluate(() => window.cspViolations ?? []))];
}

function nonceOf(policy: string | undefined): string {
  const match = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy ?? "");
  expect(match, `a nonce in ${policy}`).not.toBeNull();
  return match![1];
}

async function csrfToken(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

function credentials(request: APIRequestContext, csrf: string, email: string, password: string, headers: Record<string, string> = {}) {
  return request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, email, password, json: "true" }, headers, maxRedirects: 0 });
}

/** Streams a chunked body of `maxBytes` at most and reports the status and how much was sent before it. */
function sendChunked(baseURL: string, path: string, headers: Record<string, string>, maxBytes: number): Promise<{ status: number; sentBytes: number }> {
  const url = new URL(path, baseURL);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const request = http.request({ host: "127.0.0.1", port: url.port, path: url.pathname, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    request.on("response", (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, sentBytes });
      request.destroy();
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < maxBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

async function createToken(page: Page, name: string, scope: "read" | "write"): Promise<string> {
  await page.goto("/lam-viec");
  await page.getByLabel("Tên khóa").fill(name);
  if (scope === "write") await page.getByLabel(/Đọc và ghi/).check();
  await page.getByRole("button", { name: "Tạo khóa" }).click();
  // The list shows the new token once the action has answered, with its secret beside the form.
  await expect(page.locator("li", { hasText: name })).toBeVisible();
  const secret = await page.getByTestId("new-api-token").textContent();
  expect(secret).toMatch(/^hbk_/);
  return secret!;
}

test.describe("the page's scripts under a nonce-based Content Security Policy (issue item 10)", () => {
  test("the reader, sign-in, workspace, proposal editor and admin pages run with no violation", async ({ browser, baseURL }) => {
    const anonymous = await browser.newContext({ baseURL });
    const reader = await anonymous.newPage();
    const readerViolations = await watchPolicy(reader);
    const first = await reader.goto(`/${DOC}`);
    const policy = first?.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'strict-dynamic'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toMatch(/connect-src 'self' ws:\/\/localhost:\d+(;|$)/);
    await reader.goto(`/${DOC}/lich-su`);
    await reader.goto("/tim-kiem?q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91");
    await expect(reader.locator("main")).toContainText("chuyển đổi số");
    expect(await readerViolations()).toEqual([]);
    await anonymous.close();

    const lanContext = await browser.newContext({ baseURL });
    const lan = await lanContext.newPage();
    const lanViolations = await watchPolicy(lan);
    await signIn(lan, DEMO.lan);
    await expect(lan.getByTestId("workspace-role")).toBeVisible();
    const created = await lan.request.post(`/api/v1/documents/${DOC}/proposals`, {
      data: { title: "Thử chính sách bảo mật nội dung", rationale: "Trình soạn thảo chạy dưới CSP có nonce." },
      headers: { origin: new URL(baseURL!).origin },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = (await (await lan.request.get(`/api/v1/proposals/${id}`)).json()) as { sections: { id: string; slug: string }[] };
    const closing = view.sections.find((section) => section.slug === "loi-tong-ket")!;
    await lan.goto(`/lam-viec/de-xuat/${id}?muc=${closing.id}`);
    const editor = lan.locator(".ProseMirror").first();
    // The text arrives over the collaboration WebSocket, which connect-src must allow.
    await expect(editor).toContainText("Vua Lý Thái Tổ");
    await editor.click();
    await lan.keyboard.press("Control+End");
    await lan.keyboard.type(" Gõ dưới CSP.");
    await expect(editor).toContainText("Gõ dưới CSP.");
    expect(await lanViolations()).toEqual([]);
    await lanContext.close();

    const adminContext = await browser.newContext({ baseURL });
    const admin = await adminContext.newPage();
    const adminViolations = await watchPolicy(admin);
    await signIn(admin, DEMO.admin);
    for (const path of ["/quan-tri", "/quan-tri/nhat-ky", "/quan-tri/nhap", "/lam-viec/de-xuat/moi"]) {
      const response = await admin.goto(path);
      expect(response?.status()).toBe(200);
    }
    expect(await adminViolations()).toEqual([]);
    await adminContext.close();
  });

  test("a page replayed from the reader's cache carries a fresh nonce, in its policy and its markup, and still runs", async ({ browser, baseURL, request }) => {
    const path = `/${DOC}/loi-tong-ket`;
    await request.get(path);
    const answers = [await request.get(path), await request.get(path)];
    const nonces = await Promise.all(
      answers.map(async (answer) => {
        expect(answer.headers()["x-camnang-cache"]).toBe("hit");
        const nonce = nonceOf(answer.headers()["content-security-policy"]);
        const inMarkup = new Set([...(await answer.text()).matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]));
        expect([...inMarkup]).toEqual([nonce]);
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);

    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const violations = await watchPolicy(page);
    const replayed = await page.goto(path);
    expect(replayed?.headers()["x-camnang-cache"]).toBe("hit");
    // Next's inline bootstrap ran: it only does with the right nonce.
    expect(await page.evaluate(() => "__next_f" in self)).toBe(true);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(await violations()).toEqual([]);
    await context.close();
  });
});

test.describe("redirects stay on the site (issue item 1)", () => {
  for (const next of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "/%2F%2Fevil.example", "https://evil.example/"]) {
    test(`the language switch does not follow next=${next}`, async ({ request }) => {
      const response = await request.get(`/ngon-ngu?lang=en&next=${next}`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers()["location"]).toBe("/");
    });
  }

  test("the sign-in page's callback goes only to a path of the site", async ({ page }) => {
    await page.goto("/dang-nhap?callbackUrl=%2F%5Cevil.example");
    await page.getByLabel("Email").fill(DEMO.reader);
    await page.getByLabel("Mật khẩu").fill("camnang-demo-2026");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/lam-viec$/);
  });
});

test.describe("signing in under attack (issue items 2, 3, 4)", () => {
  test("the address of a failed sign-in is the connection's, not what X-Forwarded-For claims", async ({ request, page }) => {
    const csrf = await csrfToken(request);
    for (const spoofed of ["203.0.113.1", "203.0.113.2"]) {
      const answer = await credentials(request, csrf, `gia-mao-${spoofed}@example.vn`, "sai-mat-khau", { "x-forwarded-for": spoofed, "x-real-ip": spoofed });
      expect(answer.status()).toBe(401);
    }
    await signInByApi(page, DEMO.admin);
    const audit = (await (await page.request.get("/api/v1/audit?action=auth.sign_in_failed")).json()) as { events: { data: { address?: string } }[] };
    const addresses = audit.events.slice(0, 2).map((event) => event.data.address);
    expect(addresses).toHaveLength(2);
    for (const address of addresses) expect(address).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });

  test("repeated failures are slowed with 429 and Retry-After, and another account still signs in from the same address", async ({ page, request }) => {
    const csrf = await csrfToken(request);
    const victim = "khach-la@example.vn";
    for (let attempt = 0; attempt < 6; attempt += 1) expect((await credentials(request, csrf, victim, "doan-bua")).status()).toBe(401);
    const slowed = await credentials(request, csrf, victim, "doan-bua");
    expect(slowed.status()).toBe(429);
    expect(Number(slowed.headers()["retry-after"])).toBeGreaterThan(0);
    expect(((await slowed.json()) as { url: string }).url).toContain("error=RateLimited");

    // The wait is the (account, address) pair's own: another account from this address signs in.
    await signIn(page, DEMO.hoa);
  });

  test("a million-character email is refused without reaching the audit log", async ({ request, page }) => {
    await signInByApi(page, DEMO.admin);
    const before = ((await (await page.request.get("/api/v1/audit?action=auth.sign_in_failed")).json()) as { events: unknown[] }).events.length;
    const csrf = await csrfToken(request);
    const answer = await credentials(request, csrf, `${"a".repeat(1_000_000)}@mic.gov.vn`, "x");
    expect(answer.status()).toBe(413);
    const after = ((await (await page.request.get("/api/v1/audit?action=auth.sign_in_failed")).json()) as { events: unknown[] }).events.length;
    expect(after).toBe(before);
  });
});

test.describe("request bodies are read with a cap (issue item 6)", () => {
  test("a chunked body is answered 413 long before it ends, on the JSON API and on sign-in", async ({ page, baseURL }) => {
    await signIn(page, DEMO.lan);
    const token = await createToken(page, "Kiểm tra thân yêu cầu", "write");
    const api = await sendChunked(baseURL!, `/api/v1/documents/${DOC}/proposals`, { authorization: `Bearer ${token}`, "content-type": "application/json" }, 256 * 1024 * 1024);
    expect(api.status).toBe(413);
    // 4 MiB is the cap; sockets and buffers may hold a few more before the answer arrives.
    expect(api.sentBytes).toBeLessThan(32 * 1024 * 1024);
    const auth = await sendChunked(baseURL!, "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }, 256 * 1024 * 1024);
    expect(auth.status).toBe(413);
    expect(auth.sentBytes).toBeLessThan(32 * 1024 * 1024);
  });
});

test.describe("API tokens (issue item 10)", () => {
  test("a read token reads and is refused every write with 403; a write token writes; revoking one stops it at once", async ({ page, request }) => {
    await signIn(page, DEMO.lan);
    // Names of this run only: the database outlives a run.
    const run = Date.now().toString(36);
    const readToken = await createToken(page, `Đọc ${run}`, "read");
    const readRow = page.locator("section", { has: page.locator("#tokens") }).locator("li", { hasText: `Đọc ${run}` });
    await expect(readRow).toContainText("chỉ đọc");
    await expect(readRow).toContainText("hết hạn");
    const asReader = { authorization: `Bearer ${readToken}` };
    expect((await request.get("/api/v1/me/notifications.atom", { headers: asReader })).status()).toBe(200);
    const refused = await request.post(`/api/v1/documents/${DOC}/proposals`, { headers: asReader, data: { title: "Không được ghi", rationale: "Khóa chỉ đọc." } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");

    const writeToken = await createToken(page, `Ghi ${run}`, "write");
    const asWriter = { authorization: `Bearer ${writeToken}` };
    const written = await request.post(`/api/v1/documents/${DOC}/proposals`, { headers: asWriter, data: { title: "Ghi bằng khóa", rationale: "Khóa đọc và ghi." } });
    expect(written.status()).toBe(201);

    await page.goto("/lam-viec");
    await page.locator("li", { hasText: `Ghi ${run}` }).getByRole("button", { name: "Thu hồi" }).click();
    await expect(page.getByRole("status")).toContainText("Đã thu hồi khóa");
    expect((await request.post(`/api/v1/documents/${DOC}/proposals`, { headers: asWriter, data: { title: "Sau khi thu hồi", rationale: "x" } })).status()).toBe(401);
  });
});

test.describe("what a published proposal and the audit export show (issue items 5 and 9)", () => {
  test("a published proposal's JSON names people and ministries, with no email address", async ({ request }) => {
    const versions = (await (await request.get(`/api/v1/documents/${DOC}/versions`)).json()) as { versions: { proposal: { id: string } | null }[] };
    const proposalId = versions.versions.find((version) => version.proposal)!.proposal!.id;
    const answer = await request.get(`/api/v1/proposals/${proposalId}`);
    expect(answer.status()).toBe(200);
    const text = await answer.text();
    expect(text).not.toMatch(/[a-z0-9.]+@[a-z0-9.-]+\.(vn|example)/i);
    const body = JSON.parse(text) as { authors: Record<string, unknown>[] };
    expect(Object.keys(body.authors[0]).sort()).toEqual(["name", "organization", "role"]);
  });

  test("the audit CSV starts with a UTF-8 byte-order mark", async ({ page }) => {
    await signInByApi(page, DEMO.admin);
    const csv = await page.request.get("/api/v1/audit?format=csv");
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain('"id","at","action"');
  });
});
