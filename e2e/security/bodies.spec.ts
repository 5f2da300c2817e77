import fs from "node:fs";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/api";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/action-body-limit.mjs";
import { messages } from "@/lib/i18n/messages";
import { changedTables, closeDatabase, row, snapshot } from "./support/database";
import { DOC, LOOPBACK, SECURITY_WEB_PORT, WEB_ORIGIN } from "./support/env";
import { recordFigures } from "./support/figures";
import { REQUEST_TIMEOUT_MS, type Visitor } from "./support/http";
import { scanActions, scanRoutes } from "./support/route-tree";
import { createProposal, DEMO_EMAILS, proposalSections, signedIn } from "./support/world";

/**
 * Oversized, endless and broken request bodies on every write entry point of the product: each
 * route handler exporting POST, PUT, PATCH or DELETE and each server action, read from the source
 * tree and the build's action manifest (support/route-tree.ts), so a new one is probed the day it
 * is added. For each, as a signed-in author who may write:
 * - a Content-Length over the entry point's limit: 413 with the catalog's error, before the body is read;
 * - a chunked body (no Content-Length) that would go on for far longer than any limit: 413, answered
 *   while the client is still sending, after at most the limit and what the sockets buffer;
 * - a body just over the limit, sent whole with its length: 413;
 * - declared JSON that is truncated or malformed (fixed seed): 400 with the catalog's error;
 * and every time the database (every row of every table, the audit log included) is as before.
 */

/** The sign-in body cap (MAX_AUTH_BODY_BYTES, lib/http/auth-route.ts): that module pulls in next-auth, so not imported here. */
const AUTH_BODY_LIMIT_BYTES = 16 * 1024;
/** Used when the kernel's buffer maxima cannot be read (not Linux): Linux's defaults, 6 MiB received and 4 MiB sent. */
const DEFAULT_KERNEL_BUFFER_BYTES = 10 * 1024 * 1024;

/**
 * What loopback's kernel buffers hold between the suite and the server without the server's
 * process reading a byte: Linux grows the suite's send buffer and the server's receive buffer with
 * the window, up to the maxima of tcp_wmem and tcp_rmem (32 MiB + 4 MiB on our machines, which is
 * why a fixed 16 MiB allowance failed whenever the server was slow to answer and the buffers had
 * time to fill). What the suite wrote beyond this, the server read.
 */
function kernelBufferBytes(): number {
  try {
    const maximum = (file: string) => Number(fs.readFileSync(file, "utf8").trim().split(/\s+/)[2]);
    const total = maximum("/proc/sys/net/ipv4/tcp_rmem") + maximum("/proc/sys/net/ipv4/tcp_wmem");
    return Number.isFinite(total) && total > 0 ? total : DEFAULT_KERNEL_BUFFER_BYTES;
  } catch {
    return DEFAULT_KERNEL_BUFFER_BYTES;
  }
}
const KERNEL_BUFFER_BYTES = kernelBufferBytes();
/** What the server's process may read of a body it refuses before answering: Node's and Next's stream buffers, a few 64 KiB reads. */
const SERVER_READ_SLACK_BYTES = 1024 * 1024;
/** What an endless body is allowed to send before the suite calls it read whole: far past every limit and everything the kernel buffers. */
const ENDLESS_BODY_MAX_BYTES = Math.max(96 * 1024 * 1024, 2 * KERNEL_BUFFER_BYTES);

/** The most the server can have read of what the suite sent before the answer came: the rest sat in the kernel's buffers. */
function readByServerAtMost(answer: Streamed): number {
  return Math.max(0, answer.sentBytes - KERNEL_BUFFER_BYTES);
}
const CHUNK_BYTES = 64 * 1024;
/** Broken JSON bodies per route: truncations of a real one at seeded places, and a few classics. */
const TRUNCATIONS_PER_ROUTE = 4;
const SEED = 20261210;
/** A multipart body cut by less would lose only its closing line break, which parsers forgive. */
const MIN_MULTIPART_CUT_BYTES = 8;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface Target {
  key: string;
  method: string;
  path: string;
  /** Headers that make the request what it claims to be (a server action's id). */
  headers: Record<string, string>;
  limitBytes: number;
  kind: "api" | "auth" | "action" | "form-action";
}

let author: Visitor;
let proposalId = "";
let sectionId = "";
let sectionSlug = "";
let probes = 0;
/** Over the Content-Length probes: the most the server can have read of a body declared too large before refusing it. */
let mostReadBeforeAnswer = 0;
const accepted: string[] = [];
const payloadTooLarge = [messages("vi").errors.payloadTooLarge, messages("en").errors.payloadTooLarge];

/** Fills a route pattern's dynamic segments with things that exist; a segment it does not know fails the suite. */
function fill(pattern: string): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_whole, name: string) => {
    switch (name) {
      case "id":
        return proposalId;
      case "sectionId":
        return sectionId;
      case "slug":
      case "document":
        return DOC;
      case "section":
        return sectionSlug;
      case "n":
        return "2";
      case "...nextauth":
        return "callback/credentials";
      default:
        // Another record's id (a suggestion, a comment, a key): one that does not exist does, since
        // every body here must be refused before the route looks anything up.
        if (/Id$/.test(name)) return `khong-co-${name}`;
        throw new Error(`e2e/security/bodies.spec.ts has no value for the segment [${name}] of ${pattern}: add one to fill()`);
    }
  });
}

function targets(): Target[] {
  const routes: Target[] = scanRoutes()
    .filter((route) => WRITE_METHODS.has(route.method))
    .map((route) => {
      const auth = route.pattern.startsWith("/api/auth/");
      // Where next.config.js sends oversized server action posts holds them to the actions' limit.
      const limitBytes = auth ? AUTH_BODY_LIMIT_BYTES : route.pattern === "/api/action-body" ? SERVER_ACTION_BODY_LIMIT_BYTES : MAX_JSON_BODY_BYTES;
      return { key: `${route.method} ${route.pattern}`, method: route.method, path: fill(route.pattern), headers: {}, limitBytes, kind: auth ? "auth" : "api" };
    });
  const actions: Target[] = scanActions().flatMap((action) => {
    const path = fill(action.page.replace(/^app/, "").replace(/\/page$/, "")) || "/";
    return [
      { key: `action ${action.key}`, method: "POST", path, headers: { "next-action": action.id, accept: "text/x-component" }, limitBytes: SERVER_ACTION_BODY_LIMIT_BYTES, kind: "action" as const },
    ];
  });
  // A form posted without JavaScript carries no Next-Action header, only its multipart body: once per page serving actions.
  const formPages = [...new Set(actions.map((action) => action.path))];
  const forms: Target[] = formPages.map((path) => ({ key: `form post ${path}`, method: "POST", path, headers: {}, limitBytes: SERVER_ACTION_BODY_LIMIT_BYTES, kind: "form-action" }));
  return [...routes, ...actions, ...forms];
}

function contentType(target: Target): string {
  if (target.kind === "auth") return "application/x-www-form-urlencoded";
  if (target.kind === "api") return "application/json";
  return "multipart/form-data; boundary=----hostile-suite-boundary";
}

interface Streamed {
  status: number;
  body: string;
  sentBytes: number;
  /** The client had sent everything it meant to before the answer came. */
  finished: boolean;
}

/** The status and body of a raw HTTP/1.1 answer, once it is complete (by Content-Length or the last chunk); null before. */
function parseAnswer(raw: Buffer): { status: number; body: string } | null {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const head = raw.subarray(0, headEnd).toString("latin1");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  let rest = raw.subarray(headEnd + 4);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return rest.length >= Number(length[1]) ? { status, body: rest.subarray(0, Number(length[1])).toString("utf8") } : null;
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return null;
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    if (lineEnd < 0) return null;
    const size = parseInt(rest.subarray(0, lineEnd).toString("latin1"), 16);
    if (size === 0) return { status, body: Buffer.concat(parts).toString("utf8") };
    if (rest.length < lineEnd + 2 + size + 2) return null;
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
}

/**
 * Sends a body of `totalBytes` (with that Content-Length, or chunked when `declaredLength` is
 * null) 64 KiB at a time over a raw socket, reading the answer all along, and stops sending as
 * soon as one has arrived. A raw socket rather than node:http: a server that answers and hangs
 * up while the client is still writing makes node:http report the broken pipe and drop the
 * answer it had already received.
 */
function stream(target: Target, visitor: Visitor, options: { declaredLength: number | null; totalBytes: number }): Promise<Streamed> {
  const chunk = Buffer.alloc(CHUNK_BYTES, 0x61);
  const chunked = options.declaredLength === null;
  const headers: Record<string, string> = {
    host: `localhost:${SECURITY_WEB_PORT}`,
    origin: WEB_ORIGIN,
    cookie: visitor.cookieHeader,
    "content-type": contentType(target),
    // Kept alive: a server told to close would hang up on the rest of the body with a reset, which can
    // take the answer with it; kept alive, it answers, discards what follows, and the suite hangs up.
    connection: "keep-alive",
    ...target.headers,
    ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(options.declaredLength) }),
  };
  const head = `${target.method} ${target.path} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\r\n")}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let finished = false;
    let received = Buffer.alloc(0);
    let answer: { status: number; body: string } | null = null;
    const socket = net.connect({ host: LOOPBACK, port: SECURITY_WEB_PORT });
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${target.key}`)), REQUEST_TIMEOUT_MS);
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (answer) resolve({ ...answer, sentBytes, finished });
      else reject(error ?? new Error(`${target.key}: the connection closed without an answer (${received.length} bytes: ${received.subarray(0, 200).toString("latin1")})`));
    };
    socket.on("data", (data: Buffer) => {
      received = Buffer.concat([received, data]);
      answer = parseAnswer(received);
      if (answer) done();
    });
    // A reset or broken pipe after the answer is the server hanging up on a body it refused.
    socket.on("error", (error) => done(error));
    socket.on("close", () => done());
    const pump = () => {
      while (!answer && !socket.destroyed && sentBytes < options.totalBytes) {
        const size = Math.min(CHUNK_BYTES, options.totalBytes - sentBytes);
        sentBytes += size;
        const piece = size === CHUNK_BYTES ? chunk : chunk.subarray(0, size);
        const flushed = chunked ? socket.write(Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), piece, Buffer.from("\r\n")])) : socket.write(piece);
        if (!flushed) {
          socket.once("drain", pump);
          return;
        }
      }
      if (!answer && !socket.destroyed) {
        finished = true;
        if (chunked) socket.write("0\r\n\r\n");
      }
    };
    socket.once("connect", () => {
      socket.write(head);
      pump();
    });
  });
}

/** The database as a refused request must leave it: every table's rows, and the audit log's length. */
function state(): { tables: Map<string, string>; auditEvents: number } {
  return { tables: snapshot(), auditEvents: row<{ n: number }>('SELECT count(*) AS n FROM "AuditEvent"')!.n };
}

/**
 * What went wrong in one test, every probe of it tried: a failure names the entry point and the
 * body, and does not hide the probes after it. Anything wrong also counts as an accepted body.
 */
class Findings {
  readonly problems: string[] = [];

  fail(what: string, problem: string): void {
    this.problems.push(`${what}: ${problem}`);
    accepted.push(`${what}: ${problem}`);
  }

  unchanged(before: ReturnType<typeof state>, what: string): void {
    const after = state();
    const changed = changedTables(before.tables, after.tables);
    if (changed.length > 0) this.fail(what, `changed ${changed.join(", ")}`);
    if (after.auditEvents !== before.auditEvents) this.fail(what, `audit log ${before.auditEvents} → ${after.auditEvents}`);
  }

  tooLarge(target: Target, answer: Streamed, what: string): void {
    probes += 1;
    if (answer.status !== 413) return this.fail(what, `${answer.status} ${answer.body.slice(0, 200)}`);
    let error: { code?: string; message?: string } = {};
    try {
      error = (JSON.parse(answer.body) as { error: typeof error }).error;
    } catch {
      return this.fail(what, `413 without the JSON error: ${answer.body.slice(0, 200)}`);
    }
    if (error.code !== "PAYLOAD_TOO_LARGE") this.fail(what, `code ${error.code}`);
    if (!payloadTooLarge.map((text) => text({ limitBytes: target.limitBytes })).includes(error.message ?? "")) this.fail(what, `message ${error.message}`);
  }

  malformed(answer: { status: number; text(): string }, what: string): void {
    probes += 1;
    if (answer.status !== 400) return this.fail(what, `${answer.status} ${answer.text().slice(0, 200)}`);
    let error: { code?: string; message?: string } = {};
    try {
      error = (JSON.parse(answer.text()) as { error: typeof error }).error;
    } catch {
      return this.fail(what, `400 without the JSON error: ${answer.text().slice(0, 200)}`);
    }
    if (error.code !== "BAD_REQUEST" || !malformedJson.includes(error.message ?? "")) this.fail(what, `${error.code} ${error.message}`);
  }

  expectNone(): void {
    expect(this.problems, "bodies that were not refused as they must be").toEqual([]);
  }
}

const malformedJson = [messages("vi").errors.malformedJson(), messages("en").errors.malformedJson()];

/** A small deterministic generator (mulberry32), so every run sends the same broken bodies. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Truncations of a body the route would take, and JSON that is wrong in the classic ways. */
function brokenBodies(next: () => number): string[] {
  const whole = JSON.stringify({ title: "Thân yêu cầu hỏng", rationale: "Kiểm tra JSON cắt cụt.", content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Đoạn văn." }] }] }, decision: "approve", publicKey: "AAAA" });
  const cuts = Array.from({ length: TRUNCATIONS_PER_ROUTE }, () => whole.slice(0, 1 + Math.floor(next() * (whole.length - 2))));
  return [...cuts, '{"title": "a",}', "{'title': 'a'}", "[1, 2", "\u0000{}", "nul"];
}

test.beforeAll(async () => {
  author = await signedIn(DEMO_EMAILS.lan);
  proposalId = await createProposal(author, `Thân yêu cầu ${Date.now().toString(36)}`);
  const [first] = proposalSections(proposalId);
  sectionId = first.sectionId;
  sectionSlug = first.slug;
});

test.afterAll(() => {
  recordFigures({ bodyProbes: probes, oversizedAccepted: accepted.length });
  console.log(`[security] bodies: ${probes} probes on ${targets().length} write entry points, ${accepted.length} accepted${accepted.length ? `: ${accepted.slice(0, 5).join(" | ")}` : ""}; of a body declared too large, the server read at most ${mostReadBeforeAnswer} bytes before answering (kernel buffers: ${KERNEL_BUFFER_BYTES})`);
  closeDatabase();
});

test("every route handler writing and every server action in the source tree is probed", () => {
  const all = targets();
  expect(all.filter((target) => target.kind === "api").length).toBeGreaterThanOrEqual(8);
  expect(all.filter((target) => target.kind === "action").length).toBeGreaterThanOrEqual(20);
  expect(all.some((target) => target.kind === "auth")).toBe(true);
  for (const target of all) expect(target.path, target.key).not.toMatch(/[[\]]/);
});

test("a Content-Length over the limit is answered 413 before the body is read, and changes nothing", async () => {
  test.setTimeout(180_000);
  const findings = new Findings();
  for (const target of targets()) {
    const before = state();
    // Far over the limit and over what sockets buffer, as declared; the client sends only until the answer comes.
    const declared = target.limitBytes + ENDLESS_BODY_MAX_BYTES;
    const what = `${target.key} declaring ${declared} bytes`;
    const answer = await stream(target, author, { declaredLength: declared, totalBytes: declared });
    findings.tooLarge(target, answer, what);
    if (answer.finished) findings.fail(what, "the whole declared body was sent before the answer");
    const read = readByServerAtMost(answer);
    mostReadBeforeAnswer = Math.max(mostReadBeforeAnswer, read);
    if (read > SERVER_READ_SLACK_BYTES) findings.fail(what, `the server read at least ${read} bytes before the answer (${answer.sentBytes} sent, the kernel buffers ${KERNEL_BUFFER_BYTES})`);
    findings.unchanged(before, what);
  }
  findings.expectNone();
});

test("one byte over the limit, sent whole with its length, is 413 and changes nothing", async () => {
  test.setTimeout(180_000);
  const findings = new Findings();
  for (const target of targets()) {
    const before = state();
    const size = target.limitBytes + 1;
    const what = `${target.key} with ${size} bytes`;
    findings.tooLarge(target, await stream(target, author, { declaredLength: size, totalBytes: size }), what);
    findings.unchanged(before, what);
  }
  findings.expectNone();
});

test("an endless chunked body is answered 413 while the client is still sending, after at most the limit, and changes nothing", async () => {
  test.setTimeout(300_000);
  const findings = new Findings();
  for (const target of targets()) {
    const before = state();
    const what = `${target.key} chunked`;
    const answer = await stream(target, author, { declaredLength: null, totalBytes: ENDLESS_BODY_MAX_BYTES });
    findings.tooLarge(target, answer, what);
    if (answer.finished) findings.fail(what, `all ${ENDLESS_BODY_MAX_BYTES} bytes were read before the answer`);
    const read = readByServerAtMost(answer);
    if (read > target.limitBytes + SERVER_READ_SLACK_BYTES) findings.fail(what, `the server read at least ${read} bytes before the answer (${answer.sentBytes} sent, the kernel buffers ${KERNEL_BUFFER_BYTES})`);
    findings.unchanged(before, what);
  }
  findings.expectNone();
});

test("declared JSON that is truncated or malformed is answered 400, and changes nothing", async () => {
  test.setTimeout(180_000);
  const findings = new Findings();
  const next = random(SEED);
  for (const target of targets().filter((candidate) => candidate.kind === "api" || candidate.kind === "auth")) {
    for (const body of brokenBodies(next)) {
      const before = state();
      const what = `${target.key} with ${JSON.stringify(body.slice(0, 40))}`;
      findings.malformed(await author.request({ method: target.method, path: target.path, body, headers: { "content-type": "application/json", ...target.headers } }), what);
      findings.unchanged(before, what);
    }
  }
  findings.expectNone();
});
/** Server action bodies Next's decoder cannot read: React's reply format cut short in the three places it can be. */
async function brokenActionBodies(next: () => number): Promise<{ label: string; body: Buffer; contentType: string }[]> {
  const root = '[{"secret":null,"error":null},"$K1"]';
  const cut = root.slice(0, 1 + Math.floor(next() * (root.length - 2)));
  const form = new FormData();
  form.set("_1_name", "Thân hỏng");
  form.set("0", cut);
  const encoded = new Request("http://local/", { method: "POST", body: form });
  const multipart = Buffer.from(await encoded.arrayBuffer());
  const whole = new FormData();
  whole.set("_1_name", "Thân hỏng");
  whole.set("0", root);
  const wholeEncoded = new Request("http://local/", { method: "POST", body: whole });
  const wholeBytes = Buffer.from(await wholeEncoded.arrayBuffer());
  return [
    { label: `row cut to ${JSON.stringify(cut)}`, body: multipart, contentType: encoded.headers.get("content-type")! },
    { label: "multipart cut before its last boundary", body: wholeBytes.subarray(0, wholeBytes.length - MIN_MULTIPART_CUT_BYTES - Math.floor(next() * 30)), contentType: wholeEncoded.headers.get("content-type")! },
    { label: `text row cut to ${JSON.stringify(cut)}`, body: Buffer.from(cut), contentType: "text/plain;charset=UTF-8" },
  ];
}

test("a server action post that Next's decoder cannot read is answered 400, and changes nothing", async () => {
  test.setTimeout(180_000);
  const findings = new Findings();
  const next = random(SEED + 1);
  for (const target of targets().filter((candidate) => candidate.kind === "action")) {
    for (const { label, body, contentType: type } of await brokenActionBodies(next)) {
      const before = state();
      const what = `${target.key} with ${label}`;
      findings.malformed(await author.request({ method: "POST", path: target.path, body, headers: { "content-type": type, ...target.headers } }), what);
      findings.unchanged(before, what);
    }
  }
  findings.expectNone();
});
