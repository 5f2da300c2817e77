/**
 * `npm run test:scale`: the deployed shape on one machine. nginx (the configuration the product
 * ships, lib/ops/nginx/handbook.conf, rendered to a temporary prefix with its own ports), two web
 * instances and two collaboration instances, on a fresh PostgreSQL database and Redis, driven as
 * people would: clients on different instances converge; a proposal written through one web
 * instance is published through the other and read through nginx; a sign-in throttle counted on
 * one instance holds on the other; a publish shows on both instances' reader pages within one
 * second; a collaboration instance killed (SIGKILL) mid-edit loses nothing acknowledged; a
 * person viewing a proposal page in a browser connected to web B sees a comment and a review
 * made through web A, and their notification count change, within a second, without reloading;
 * a backup (pg_dump) restores into a fresh database whose hash chain verifies.
 *
 * Skipped, with a message, when PostgreSQL, Redis or nginx is missing. Every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import IORedis from "ioredis";
import pg from "pg";
import { chromium, type Browser, type Page } from "playwright";
import { createApiToken } from "../../lib/auth/api-tokens";
import { hashPassword } from "../../lib/auth/password";
import { createDb } from "../../lib/db/client";
import type { Role } from "../../lib/domain/roles";
import { CURRENT_TEXT_CACHE_CONTROL } from "../../lib/http/api";
import { databaseConfig, projectRoot } from "../../lib/db/config";
import { buildIsCurrent, writeBuildStamp } from "../../lib/ops/build-stamp";
import { NGINX_BINARY, writePrivateNginxConfig } from "../../lib/ops/nginx/private-nginx";
import { openClient, isSyncedAndAcknowledged, sectionText, typeText, type TestClient } from "../../lib/collab/test-helpers";
import { newReviewerKey } from "../fixtures/reviewer-key";
import { ACCEPTABLE_P95_MS, measureSizing } from "./sizing";

const root = projectRoot();
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const BASE_PORT = Number(process.env.SCALE_BASE_PORT ?? 3710);
const PORTS = { nginx: BASE_PORT, webA: BASE_PORT + 1, webB: BASE_PORT + 2, collabA: BASE_PORT + 3, collabB: BASE_PORT + 4 };
const DOC = "cam-nang-chuyen-doi-so";
/** The promise the issue makes: a publish shows on every instance's reader pages within a second. */
const PUBLISH_VISIBLE_WITHIN_MS = 1_000;
/** ...and a change or a notification made through one web instance reaches a page open on another within a second. */
const LIVE_VISIBLE_WITHIN_MS = 1_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const START_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 20_000;
const TYPED_PER_CLIENT = 30;
const PASSWORD = "scale-test-password-2026";
/** `npm run test:scale -- --sizing` (or SCALE_SIZING=1): after the checks, measure what one instance holds (e2e/scale/sizing.ts). */
const SIZING = process.argv.includes("--sizing") || process.env.SCALE_SIZING === "1";
/** The address nginx would report for one client; web instances trust one proxy (TRUST_PROXY=1). */
const CLIENT_ADDRESS = "203.0.113.17";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-scale-"));
const children: { name: string; child: ChildProcess }[] = [];
const cleanups: (() => Promise<void>)[] = [];
const results: { name: string; ok: boolean; detail: string }[] = [];

function log(message: string): void {
  console.log(`[scale] ${message}`);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch {
      // Not there yet.
    }
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
}

async function check(name: string, run: () => Promise<string>): Promise<void> {
  try {
    const detail = await run();
    results.push({ name, ok: true, detail });
    log(`PASS ${name}${detail ? ` (${detail})` : ""}`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, detail });
    log(`FAIL ${name}: ${detail}`);
  }
}

async function reachable(): Promise<string | null> {
  if (!NGINX_BINARY) return "nginx is not installed (apt-get install -y nginx)";
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch {
    return `PostgreSQL does not answer at ${POSTGRES_URL}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new IORedis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    return `Redis does not answer at ${REDIS_URL}`;
  } finally {
    redis.disconnect();
  }
  return null;
}

async function createDatabase(): Promise<string> {
  const name = `handbook_scale_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: POSTGRES_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const out = fs.openSync(path.join(work, `${name}.log`), "a");
  const child = spawn(process.execPath, args, { env, cwd: root, detached: true, stdio: ["ignore", out, out] });
  children.push({ name, child });
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Gone already.
  }
}

function renderNginx(): string {
  const shipped = fs.readFileSync(path.join(root, "lib/ops/nginx/handbook.conf"), "utf8");
  const site = shipped
    .replace(/proxy_cache_path \S+/, `proxy_cache_path ${path.join(work, "nginx-cache")}`)
    .replace(/listen 80;/, `listen 127.0.0.1:${PORTS.nginx};`)
    .replace(/(upstream handbook_web \{[^}]*?)server 127\.0\.0\.1:3000([^;]*);/, `$1server 127.0.0.1:${PORTS.webA}$2;\n    server 127.0.0.1:${PORTS.webB}$2;`)
    .replace(/(upstream handbook_collab \{[^}]*?)server 127\.0\.0\.1:3001([^;]*);/, `$1server 127.0.0.1:${PORTS.collabA}$2;\n    server 127.0.0.1:${PORTS.collabB}$2;`);
  fs.writeFileSync(path.join(work, "handbook.conf"), site);
  return writePrivateNginxConfig(work, [path.join(work, "handbook.conf")]).configFile;
}

async function api<T>(base: string, pathname: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${base}${pathname}`, {
    method: init.method ?? "GET",
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { "content-type": "application/json" } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

async function expectStatus(what: string, response: Promise<{ status: number; body: unknown }>, status: number): Promise<unknown> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer.body;
}

async function collabConnections(port: number): Promise<number> {
  const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { connections: number };
  return health.connections;
}

async function signInAttempt(base: string, email: string): Promise<number> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": CLIENT_ADDRESS } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": CLIENT_ADDRESS },
    body: new URLSearchParams({ csrfToken, email, password: "wrong-password-0000", json: "true" }).toString(),
    redirect: "manual",
  });
  await response.body?.cancel();
  return response.status;
}

async function main(): Promise<number> {
  const missing = await reachable();
  if (missing) {
    console.log(`\n[scale] SKIPPED: ${missing}. npm run test:scale needs PostgreSQL, Redis and nginx on loopback.\n`);
    writeReport({ passed: 0, failed: 0, skipped: 1 });
    return 0;
  }
  if (!buildIsCurrent(root)) {
    log("building the web app (next build)…");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
    writeBuildStamp(root);
  }
  const started = Date.now();
  const databaseUrl = await createDatabase();
  const nginxBase = `http://127.0.0.1:${PORTS.nginx}`;
  const secret = () => randomBytes(32).toString("base64url");
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    HOST: "127.0.0.1",
    TRUST_PROXY: "1",
    NEXTAUTH_SECRET: secret(),
    COLLAB_TOKEN_SECRET: secret(),
    COLLAB_INTERNAL_SECRET: secret(),
    MAIL_TOKEN_SECRET: secret(),
    NEXTAUTH_URL: nginxBase,
    COLLAB_PUBLIC_URL: `ws://127.0.0.1:${PORTS.nginx}/collab`,
    COLLAB_INTERNAL_URL: `http://127.0.0.1:${PORTS.collabA},http://127.0.0.1:${PORTS.collabB}`,
    COLLAB_ALLOWED_ORIGINS: nginxBase,
    HANDBOOK_DEMO_ACCOUNTS: "0",
    HANDBOOK_LOG_KEY_FILE: path.join(work, "log-key"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");

  log(`work directory ${work}`);
  const migrate = spawnSync(process.execPath, [tsx, path.join(root, "lib/ops/migrate-command.ts")], { cwd: root, env: shared, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);

  const collabs = {
    a: start("collab-a", [tsx, path.join(root, "lib/collab/main.ts")], { ...shared, COLLAB_PORT: String(PORTS.collabA), HANDBOOK_INSTANCE: "collab-a" }),
    b: start("collab-b", [tsx, path.join(root, "lib/collab/main.ts")], { ...shared, COLLAB_PORT: String(PORTS.collabB), HANDBOOK_INSTANCE: "collab-b" }),
  };
  for (const [name, port] of [["web-a", PORTS.webA], ["web-b", PORTS.webB]] as const) {
    start(name, [tsx, path.join(root, "lib/ops/start-web.ts")], { ...shared, PORT: String(port), HANDBOOK_INSTANCE: name });
  }
  const nginx = spawn(NGINX_BINARY!, ["-p", work, "-c", renderNginx(), "-g", "daemon off;"], { detached: true, stdio: ["ignore", "inherit", "inherit"] });
  children.push({ name: "nginx", child: nginx });

  const webA = `http://127.0.0.1:${PORTS.webA}`;
  const webB = `http://127.0.0.1:${PORTS.webB}`;
  for (const url of [`${webA}/api/health`, `${webB}/api/health`, `http://127.0.0.1:${PORTS.collabA}/health`, `http://127.0.0.1:${PORTS.collabB}/health`, `${nginxBase}/api/health`]) {
    await waitUntil(`${url} answers`, async () => (await fetch(url)).ok, START_TIMEOUT_MS);
  }
  log(`two web and two collaboration instances behind nginx answered after ${Date.now() - started} ms`);

  // People and their API tokens, written as an administrator would.
  const db = await createDb(databaseConfig(databaseUrl));
  cleanups.unshift(() => db.$disconnect());
  const organization = async (slug: string) => (await db.organization.findUniqueOrThrow({ where: { slug } })).id;
  const passwordHash = await hashPassword(PASSWORD);
  const person = async (email: string, role: Role, org: string | null) =>
    db.user.create({ data: { email, name: email.split("@")[0], role, passwordHash, organizationId: org ? await organization(org) : null } });
  const run = randomBytes(3).toString("hex");
  const author = await person(`tac-gia-${run}@mic.gov.vn`, "CONTRIBUTOR", "bo-thong-tin-va-truyen-thong");
  const reviewerMic = await person(`tham-dinh-${run}@mic.gov.vn`, "REVIEWER", "bo-thong-tin-va-truyen-thong");
  const reviewerMoha = await person(`tham-dinh-${run}@moha.gov.vn`, "REVIEWER", "bo-noi-vu");
  const throttled = await person(`ban-doc-${run}@example.vn`, "READER", null);
  const token = async (userId: string) => (await createApiToken(db, { userId, name: "scale", scope: "write" })).secret;
  const tokens = { author: await token(author.id), mic: await token(reviewerMic.id), moha: await token(reviewerMoha.id) };

  // A proposal through web A; its first section is edited live by two clients.
  const proposal = (await expectStatus("create the proposal on web A", api(webA, `/api/v1/documents/${DOC}/proposals`, { method: "POST", token: tokens.author, body: { title: `Mở rộng quy mô ${run}`, rationale: "Kiểm thử nhiều máy chủ." } }), 201)) as { id: string };
  const view = (await expectStatus("read the proposal", api(webA, `/api/v1/proposals/${proposal.id}`, { token: tokens.author }), 200)) as { sections: { id: string; slug: string }[] };
  const section = view.sections[0];
  const access = (await expectStatus("collaboration access", api(webB, `/api/v1/proposals/${proposal.id}/sections/${section.id}/collab`, { token: tokens.author }), 200)) as { url: string; document: string; token: string };

  const clients: TestClient[] = [];
  cleanups.unshift(async () => clients.forEach((client) => client.destroy()));
  const typed: string[][] = [[], []];
  const typeBurst = async (count: number, pauseMs: number, midway?: () => void) => {
    for (let index = 0; index < count; index += 1) {
      if (index === Math.floor(count / 2)) midway?.();
      clients.forEach((client, which) => {
        const word = `q${which === 0 ? "x" : "y"}${typed[which].length}z`;
        typed[which].push(word);
        typeText(client.doc, ` ${word}`);
      });
      await sleep(pauseMs);
    }
  };
  const everyWordOnce = (text: string) => typed.flat().every((word) => text.split(` ${word}`).length - 1 === 1);

  await check("clients on different collaboration instances converge", async () => {
    for (let index = 0; index < 2; index += 1) {
      const client = openClient(access.url, access.document, access.token);
      clients.push(client);
      await waitUntil("client synced through nginx", () => client.provider.isSynced);
    }
    const spread = [await collabConnections(PORTS.collabA), await collabConnections(PORTS.collabB)];
    if (spread[0] < 1 || spread[1] < 1) throw new Error(`nginx put the two clients on one instance: ${spread.join(" / ")}`);
    await typeBurst(TYPED_PER_CLIENT, 10);
    await waitUntil("both acknowledged and equal", () => clients.every(isSyncedAndAcknowledged) && sectionText(clients[0].doc) === sectionText(clients[1].doc));
    if (!everyWordOnce(sectionText(clients[0].doc))) throw new Error("a typed word is missing or doubled");
    return `connections per instance ${spread.join(" / ")}, ${typed.flat().length} words`;
  });

  await check("a collaboration instance killed with SIGKILL mid-edit loses nothing acknowledged", async () => {
    const victim = (await collabConnections(PORTS.collabA)) > 0 ? collabs.a : collabs.b;
    await typeBurst(TYPED_PER_CLIENT, 15, () => killGroup(victim, "SIGKILL"));
    await waitUntil(
      "clients reconnected to the surviving instance, acknowledged and equal",
      () => clients.every(isSyncedAndAcknowledged) && sectionText(clients[0].doc) === sectionText(clients[1].doc),
      STEP_TIMEOUT_MS * 2,
    );
    if (!everyWordOnce(sectionText(clients[0].doc))) throw new Error("a word typed around the crash is missing or doubled");
    return `${typed.flat().length} words, all present once`;
  });

  // The author's browser, on a proposal page served by web B; changes are made through web A.
  let browser: Browser | null = null;
  let authorPage: Page | null = null;
  cleanups.unshift(async () => {
    await browser?.close();
  });
  const unreadOnPage = async (page: Page) => Number(await page.getByTestId("notification-count").getAttribute("data-count"));
  /** Milliseconds from now until the page shows what `shown` looks for (polled every 20 ms in the page, bounded). */
  const timeUntilShown = async (page: Page, since: number, shown: (expected: { text: string; unread: number; reviews: number }) => boolean, expected: { text: string; unread: number; reviews: number }) => {
    await page.waitForFunction(shown, expected, { polling: 20, timeout: STEP_TIMEOUT_MS });
    return Date.now() - since;
  };
  const pageShows = (expected: { text: string; unread: number; reviews: number }) =>
    document.body.innerText.includes(expected.text) &&
    Number(document.querySelector("[data-testid=notification-count]")?.getAttribute("data-count")) === expected.unread &&
    document.querySelectorAll("[data-testid=review]").length >= expected.reviews;

  await check("a page open on web B shows a comment made through web A, and the new notification in its header, within a second, without reloading", async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    const context = await browser.newContext({ baseURL: webB });
    authorPage = await context.newPage();
    const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signedIn = await context.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email: author.email, password: PASSWORD, json: "true" } });
    if (!signedIn.ok()) throw new Error(`sign-in on web B answered ${signedIn.status()}`);
    // Both streams (the header's and the proposal's) answer only once they follow their topics.
    const streams = [
      authorPage.waitForResponse((response) => response.url().includes(`/api/live?proposal=${proposal.id}`) && response.ok(), { timeout: STEP_TIMEOUT_MS }),
      authorPage.waitForResponse((response) => response.url().endsWith("/api/live") && response.ok(), { timeout: STEP_TIMEOUT_MS }),
    ];
    await authorPage.goto(`/lam-viec/de-xuat/${proposal.id}`);
    await Promise.all(streams);
    const unreadBefore = await unreadOnPage(authorPage);
    let reloaded = false;
    authorPage.on("load", () => (reloaded = true));
    const body = `Nhận xét qua máy A ${run}`;
    await expectStatus("comment through web A", api(webA, `/api/v1/proposals/${proposal.id}/comments`, { method: "POST", token: tokens.mic, body: { body } }), 201);
    const after = await timeUntilShown(authorPage, Date.now(), pageShows, { text: body, unread: unreadBefore + 1, reviews: 0 });
    if (reloaded) throw new Error("the page was reloaded");
    if (after > LIVE_VISIBLE_WITHIN_MS) throw new Error(`the comment and the count showed only after ${after} ms`);
    return `comment and count ${unreadBefore} → ${unreadBefore + 1} shown ${after} ms after web A answered`;
  });

  let publishedNumber = 0;
  let reviewShownAfter = -1;
  await check("a proposal written through one web instance is published through the other and read through nginx", async () => {
    // Submitting flushes every live collaboration instance: the stored draft has every word.
    await expectStatus("submit on web B", api(webB, `/api/v1/proposals/${proposal.id}/submit`, { method: "POST", token: tokens.author }), 200);
    const draft = await db.proposalSection.findFirstOrThrow({ where: { proposalId: proposal.id, sectionId: section.id } });
    if (!typed.flat().every((word) => draft.content.includes(word))) throw new Error("the submitted draft lacks words that were acknowledged");
    // Each reviewer signs the approval with a key of their own, registered through the API.
    for (const [who, base, token] of [["MIC", webA, tokens.mic], ["MOHA", webB, tokens.moha]] as const) {
      const key = newReviewerKey();
      await expectStatus(`register the ${who} reviewer's key`, api(base, "/api/v1/me/keys", { method: "POST", token, body: { publicKey: key.publicKey } }), 201);
      const { approvalPayload } = (await expectStatus(`read the proposal (${who})`, api(base, `/api/v1/proposals/${proposal.id}`, { token }), 200)) as { approvalPayload: string };
      const signature = key.signPayload(approvalPayload);
      const page = who === "MIC" ? authorPage : null;
      const unreadBefore = page ? await unreadOnPage(page) : 0;
      await expectStatus(`approve (${who})`, api(base, `/api/v1/proposals/${proposal.id}/reviews`, { method: "POST", token, body: { decision: "approve", comment: "Đồng ý", signature } }), 201);
      if (page) {
        // The author's page on web B, open since the comment, shows the approval made through web A.
        const after = await timeUntilShown(page, Date.now(), pageShows, { text: "", unread: unreadBefore + 1, reviews: 1 });
        if (after > LIVE_VISIBLE_WITHIN_MS) throw new Error(`the review made through web A showed on web B's page only after ${after} ms`);
        reviewShownAfter = after;
      }
    }

    // Both instances' reader pages are warm (cached) before the publish.
    const pagePath = `/${DOC}/${section.slug}`;
    for (const base of [webA, webB]) {
      await fetch(`${base}${pagePath}`).then((response) => response.text());
      const cached = await fetch(`${base}${pagePath}`);
      await cached.text();
      if (cached.headers.get("x-camnang-cache") !== "hit") throw new Error(`${base} did not cache the reader page`);
    }
    const published = (await expectStatus("publish on web B", api(webB, `/api/v1/proposals/${proposal.id}/publish`, { method: "POST", token: tokens.mic }), 201)) as { version: { number: number } };
    publishedNumber = published.version.number;
    const publishedAt = Date.now();
    const marker = typed[0][0];
    const seenAfter: number[] = [];
    for (const base of [webA, webB]) {
      await waitUntil(`${base} shows the publish`, async () => (await (await fetch(`${base}${pagePath}`)).text()).includes(marker), PUBLISH_VISIBLE_WITHIN_MS * 5);
      seenAfter.push(Date.now() - publishedAt);
    }
    if (seenAfter.some((ms) => ms > PUBLISH_VISIBLE_WITHIN_MS)) throw new Error(`a reader page showed the publish only after ${seenAfter.join(" / ")} ms`);

    await waitUntil("nginx serves the new text", async () => (await (await fetch(`${nginxBase}${pagePath}`)).text()).includes(marker), STEP_TIMEOUT_MS);
    const versionPath = `/api/v1/documents/${DOC}/versions/${publishedNumber}`;
    const first = await fetch(`${nginxBase}${versionPath}`);
    const firstBody = await first.text();
    // Version JSON is revalidated, not immutable: editions and withdrawal events can be added to it later.
    if (first.headers.get("cache-control") !== CURRENT_TEXT_CACHE_CONTROL) throw new Error(`version API cache-control: ${first.headers.get("cache-control")}`);
    const etag = first.headers.get("etag") ?? "";
    if (!/^"[A-Za-z0-9_-]{43}"$/.test(etag)) throw new Error(`version API ETag is not strong: ${etag}`);
    const second = await fetch(`${nginxBase}${versionPath}`);
    // Within s-maxage nginx answers HIT; past it, stale-while-revalidate lets it answer from its copy while refreshing.
    const fromCache = ["HIT", "STALE", "UPDATING"].includes(second.headers.get("x-cache-status") ?? "");
    if ((await second.text()) !== firstBody || !fromCache) throw new Error(`nginx did not serve the version from its cache: ${second.headers.get("x-cache-status")}`);
    const notModified = await fetch(`${nginxBase}${versionPath}`, { headers: { "if-none-match": etag } });
    if (notModified.status !== 304) throw new Error(`If-None-Match answered ${notModified.status}`);
    return `visible on web A / web B after ${seenAfter.join(" / ")} ms; version ${publishedNumber} from nginx's cache; the approval through web A on the author's page on web B after ${reviewShownAfter} ms`;
  });

  await check("nginx keeps static assets for a year and micro-caches anonymous pages", async () => {
    const page = await (await fetch(`${nginxBase}/${DOC}`)).text();
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(page)?.[0];
    if (!asset) throw new Error("no static asset on the page");
    await fetch(`${nginxBase}${asset}`).then((response) => response.arrayBuffer());
    const again = await fetch(`${nginxBase}${asset}`);
    await again.arrayBuffer();
    if (!again.headers.get("cache-control")?.includes("immutable") || again.headers.get("x-cache-status") !== "HIT") {
      throw new Error(`static asset: ${again.headers.get("cache-control")} / ${again.headers.get("x-cache-status")}`);
    }
    const pages = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(`${nginxBase}/${DOC}`);
      await response.text();
      pages.push(response.headers.get("x-cache-status"));
    }
    if (!pages.includes("HIT")) throw new Error(`anonymous page never came from nginx's cache: ${pages.join(", ")}`);
    const signedIn = await fetch(`${nginxBase}/${DOC}`, { headers: { cookie: "next-auth.session-token=x" } });
    await signedIn.text();
    if (signedIn.headers.get("x-cache-status") !== "BYPASS") throw new Error(`a signed-in request was answered from the cache: ${signedIn.headers.get("x-cache-status")}`);
    return `asset HIT, pages ${pages.join(" ")}, signed-in BYPASS`;
  });

  await check("a sign-in throttle counted on one web instance holds on the other", async () => {
    let attempts = 0;
    let status = 0;
    while (attempts < 12 && status !== 429) {
      status = await signInAttempt(webA, throttled.email);
      attempts += 1;
    }
    if (status !== 429) throw new Error(`web A never throttled (${attempts} attempts, last ${status})`);
    const onB = await signInAttempt(webB, throttled.email);
    if (onB !== 429) throw new Error(`web B answered ${onB} to an address web A throttles`);
    return `throttled on web A after ${attempts} attempts, web B answered 429 at its first`;
  });

  await check("a backup (pg_dump) restores into a fresh database whose hash chain verifies", async () => {
    const dump = path.join(work, "backup.dump");
    const dumped = spawnSync("pg_dump", ["--format=custom", `--file=${dump}`, databaseUrl], { encoding: "utf8" });
    if (dumped.status !== 0) throw new Error(`pg_dump: ${dumped.stderr}`);
    const restoredUrl = await createDatabase();
    const restored = spawnSync("pg_restore", ["--no-owner", `--dbname=${restoredUrl}`, dump], { encoding: "utf8" });
    if (restored.status !== 0) throw new Error(`pg_restore: ${restored.stderr}`);
    const verify = spawnSync(process.execPath, [tsx, path.join(root, "lib/cli/main.ts"), "verify", "--doc", DOC], { cwd: root, env: { ...shared, DATABASE_URL: restoredUrl }, encoding: "utf8" });
    if (verify.status !== 0) throw new Error(`verify: ${verify.stdout} ${verify.stderr}`);
    const copy = await createDb(databaseConfig(restoredUrl));
    try {
      const versions = await copy.version.count();
      if (versions !== publishedNumber) throw new Error(`restored ${versions} versions, expected ${publishedNumber}`);
    } finally {
      await copy.$disconnect();
    }
    return `${publishedNumber} versions restored and verified`;
  });

  if (SIZING) {
    const survivor = (await fetch(`http://127.0.0.1:${PORTS.collabA}/health`).then((response) => response.ok).catch(() => false)) ? PORTS.collabA : PORTS.collabB;
    const sizing = await measureSizing({
      pageUrls: { direct: `${webA}/${DOC}/${section.slug}`, nginx: `${nginxBase}/${DOC}/${section.slug}` },
      collabUrl: `ws://127.0.0.1:${survivor}`,
      sections: async () => {
        const prepared: { document: string; token: string }[] = [];
        // Up to 40 sections: 200 editors in groups of five; each proposal copies every section.
        for (let index = 0; prepared.length < 40 && index < 15; index += 1) {
          const created = (await expectStatus("a proposal to size with", api(webA, `/api/v1/documents/${DOC}/proposals`, { method: "POST", token: tokens.author, body: { title: `Đo tải ${run} ${index}`, rationale: "Đo quy mô." } }), 201)) as { id: string };
          const read = (await expectStatus("read it", api(webA, `/api/v1/proposals/${created.id}`, { token: tokens.author }), 200)) as { sections: { id: string }[] };
          for (const each of read.sections) {
            const grant = (await expectStatus("collaboration access", api(webA, `/api/v1/proposals/${created.id}/sections/${each.id}/collab`, { token: tokens.author }), 200)) as { document: string; token: string };
            prepared.push({ document: grant.document, token: grant.token });
          }
        }
        return prepared;
      },
      log,
    });
    const sizingFile = path.join(os.tmpdir(), `handbook-sizing-${Date.now()}.json`);
    fs.writeFileSync(sizingFile, JSON.stringify({ cores: os.cpus().length, load: os.loadavg(), ...sizing }, null, 2));
    log(`sizing: one collaboration instance held ${sizing.editorsHeld} live editors with keystroke p95 under ${ACCEPTABLE_P95_MS} ms; figures in ${sizingFile}`);
  }

  log(`finished in ${Math.round((Date.now() - started) / 1000)} s`);
  return results.every((result) => result.ok) ? 0 : 1;
}

/** For npm test's summary line (lib/ops/test-all.ts). */
function writeReport(counts: { passed: number; failed: number; skipped: number }): void {
  const file = process.env.SCALE_JSON_OUTPUT;
  if (file) fs.writeFileSync(file, JSON.stringify(counts));
}

async function shutdown(): Promise<void> {
  for (const { child } of children) killGroup(child, "SIGTERM");
  await sleep(1_500);
  for (const { child } of children) killGroup(child, "SIGKILL");
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup: ${error instanceof Error ? error.message : error}`));
}

main()
  .then(async (code) => {
    await shutdown();
    const failed = results.filter((result) => !result.ok).length;
    if (results.length > 0) writeReport({ passed: results.length - failed, failed, skipped: 0 });
    if (results.length > 0) console.log(`\n[scale] ${results.length - failed} passed, ${failed} failed (logs in ${work})`);
    if (code === 0 && failed === 0) fs.rmSync(work, { recursive: true, force: true });
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.message : error} (logs in ${work})`);
    writeReport({ passed: results.filter((result) => result.ok).length, failed: results.filter((result) => !result.ok).length + 1, skipped: 0 });
    await shutdown();
    process.exit(1);
  });
