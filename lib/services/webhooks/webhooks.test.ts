import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import type { DocumentSnapshot } from "../../domain/document";
import { decodeWebhookFailure } from "../../domain/webhook-failure";
import { MAX_LOGGED_RESPONSE_BYTES } from "../../webhooks/http-client";
import { actorByEmail } from "../../testing/actors";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { publishVersion } from "../publish-version";
import { deliverDueWebhooks } from "./deliver-due-webhooks";
import { enqueueWebhookEvent } from "./enqueue-webhook-event";
import { listWebhookEndpoints } from "./list-webhook-endpoints";
import { registerWebhookEndpoint } from "./register-webhook-endpoint";
import { replayWebhookDelivery } from "./replay-webhook-delivery";
import { setWebhookEndpoint } from "./set-webhook-endpoint";
import { WEBHOOK_STATUS } from "./webhook-status";

/**
 * Webhooks against a real HTTP receiver on loopback, verified with the Standard Webhooks reference
 * implementation (the `standardwebhooks` package), and through the collaboration server's real
 * process, killed between two attempts.
 */
const engines = await availableEngines();
const root = path.resolve(__dirname, "../../..");
const ADMIN = "admin@camnang.gov.vn";

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A receiver that answers each request with the next of `answers` (the last one repeats). */
async function startReceiver(answers: { status: number; body?: string; headers?: Record<string, string> }[]) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      received.push({ path: request.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)]!;
      response.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
      response.end(answer.body ?? "ok");
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} requests`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function withParagraph(snapshot: DocumentSnapshot, text: string): DocumentSnapshot {
  const [first, ...rest] = snapshot.sections;
  return {
    ...snapshot,
    sections: [{ ...first!, content: { ...first!.content, content: [...first!.content.content, { type: "paragraph", attrs: { id: `p-webhook-${Date.now()}` }, content: [{ type: "text", text }] }] } }, ...rest],
  };
}

async function publishOnce(database: TestDatabase, text: string) {
  const { db } = database;
  const document = await db.document.findFirstOrThrow();
  const head = await headVersion(db, document.id);
  const current = await loadVersionSnapshot(db, document, head!.id);
  return publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: withParagraph(current, text), actorId: null });
}

describe.each(engines)("webhooks on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("refuses a webhook to 127.0.0.1 until an admin allows private targets, then delivers it signed on replay", async () => {
    const receiver = await startReceiver([{ status: 204 }]);
    try {
      const admin = await actorByEmail(database.db, ADMIN);
      const { id: endpointId, secret } = await registerWebhookEndpoint({ actor: admin, input: { url: receiver.url, events: ["proposal.submitted"] } });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

      await enqueueWebhookEvent(database.db, "proposal.submitted", { proposal: { id: "p-ssrf" } });
      const first = await deliverDueWebhooks({ db: database.db });
      expect(first).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
      expect(receiver.received).toHaveLength(0);
      const [view] = (await listWebhookEndpoints({ actor: admin })).filter((endpoint) => endpoint.id === endpointId);
      const delivery = view!.deliveries[0]!;
      expect(delivery.status).toBe(WEBHOOK_STATUS.failed);
      expect(delivery.log).toHaveLength(1);
      expect(delivery.log[0]!.statusCode).toBeNull();
      expect(decodeWebhookFailure(delivery.log[0]!.error!)).toEqual({ kind: "refusedAddress", address: "127.0.0.1" });
      expect(decodeWebhookFailure(delivery.lastError!)).toEqual({ kind: "refusedAddress", address: "127.0.0.1" });

      // The same through a name that resolves to loopback, and through another spelling of the address.
      for (const url of [`http://localhost:${receiver.port}/hook`, `http://2130706433:${receiver.port}/hook`, `http://[::ffff:127.0.0.1]:${receiver.port}/hook`]) {
        const other = await registerWebhookEndpoint({ actor: admin, input: { url, events: ["consultation.opened"] } });
        await enqueueWebhookEvent(database.db, "consultation.opened", { consultation: { id: "c1" } });
        await deliverDueWebhooks({ db: database.db });
        const row = await database.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: other.id } });
        expect(row.status, url).toBe(WEBHOOK_STATUS.failed);
        expect(decodeWebhookFailure(row.lastError!), url).toMatchObject({ kind: "refusedAddress" });
        await setWebhookEndpoint({ actor: admin, endpointId: other.id, change: { active: false } });
      }
      expect(receiver.received).toHaveLength(0);

      await setWebhookEndpoint({ actor: admin, endpointId, change: { allowPrivate: true } });
      const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "webhook.updated", targetId: endpointId } });
      expect(JSON.parse(audit.data)).toMatchObject({ before: { allowPrivate: false }, after: { allowPrivate: true } });

      await replayWebhookDelivery({ actor: admin, deliveryId: delivery.id });
      expect(await deliverDueWebhooks({ db: database.db })).toMatchObject({ claimed: 1, delivered: 1 });
      expect(receiver.received).toHaveLength(1);
      const request = receiver.received[0]!;
      expect(request.headers["webhook-id"]).toBe(delivery.id);
      expect(new Webhook(secret).verify(request.body, request.headers)).toMatchObject({ type: "proposal.submitted", data: { proposal: { id: "p-ssrf" } } });
      const settled = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { log: true } });
      expect(settled.status).toBe(WEBHOOK_STATUS.delivered);
      expect(settled.log.map((attempt) => attempt.statusCode).sort()).toEqual([204, null]);
      await setWebhookEndpoint({ actor: admin, endpointId, change: { active: false } });
    } finally {
      await receiver.close();
    }
  });

  it("does not follow redirects, keeps only the start of a long answer, and lets two workers send a delivery once", async () => {
    const receiver = await startReceiver([
      { status: 302, headers: { location: "/elsewhere" }, body: "moved" },
      { status: 500, body: "x".repeat(MAX_LOGGED_RESPONSE_BYTES * 4) },
      { status: 200 },
    ]);
    try {
      const admin = await actorByEmail(database.db, ADMIN);
      const { id: endpointId } = await registerWebhookEndpoint({ actor: admin, input: { url: receiver.url, events: ["proposal.reviewed"] } });
      await setWebhookEndpoint({ actor: admin, endpointId, change: { allowPrivate: true } });
      await enqueueWebhookEvent(database.db, "proposal.reviewed", { review: { decision: "approve" } });

      // Two workers at once: the compare-and-set gives the delivery to one of them.
      const reports = await Promise.all([deliverDueWebhooks({ db: database.db }), deliverDueWebhooks({ db: database.db })]);
      expect(reports.reduce((sum, report) => sum + report.claimed, 0)).toBe(1);
      expect(receiver.received.map((request) => request.path)).toEqual(["/hook"]);
      const row = await database.db.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
      expect(row).toMatchObject({ status: WEBHOOK_STATUS.pending, attempts: 1, lastStatus: 302 });
      // Due again five seconds later (the first pause of the schedule), not before.
      expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(3_000);
      expect(await deliverDueWebhooks({ db: database.db })).toMatchObject({ claimed: 0 });

      const later = () => new Date(Date.now() + 6_000);
      expect(await deliverDueWebhooks({ db: database.db, now: later })).toMatchObject({ claimed: 1, retried: 1 });
      const attempts = await database.db.webhookAttempt.findMany({ where: { deliveryId: row.id }, orderBy: { startedAt: "asc" } });
      expect(attempts.map((attempt) => attempt.statusCode)).toEqual([302, 500]);
      expect(attempts.map((attempt) => decodeWebhookFailure(attempt.error!))).toEqual([
        { kind: "httpStatus", status: 302 },
        { kind: "httpStatus", status: 500 },
      ]);
      expect(attempts[1]!.responseBody).toHaveLength(MAX_LOGGED_RESPONSE_BYTES);
      expect(receiver.received.map((request) => request.path)).toEqual(["/hook", "/hook"]);
      await setWebhookEndpoint({ actor: admin, endpointId, change: { active: false } });
    } finally {
      await receiver.close();
    }
  });

  it("logs a refused connection as a network failure with its errno code, and a switched-off endpoint by kind", async () => {
    const closed = await startReceiver([{ status: 200 }]);
    await closed.close();
    const admin = await actorByEmail(database.db, ADMIN);
    const { id: endpointId } = await registerWebhookEndpoint({ actor: admin, input: { url: closed.url, events: ["proposal.reviewed"] } });
    await setWebhookEndpoint({ actor: admin, endpointId, change: { allowPrivate: true } });
    await enqueueWebhookEvent(database.db, "proposal.reviewed", { review: { decision: "reject" } });
    expect(await deliverDueWebhooks({ db: database.db })).toMatchObject({ claimed: 1, retried: 1 });
    const row = await database.db.webhookDelivery.findFirstOrThrow({ where: { endpointId }, include: { log: true } });
    expect(decodeWebhookFailure(row.log[0]!.error!)).toEqual({ kind: "network", code: "ECONNREFUSED" });
    expect(row.lastError).toBe(row.log[0]!.error);

    await setWebhookEndpoint({ actor: admin, endpointId, change: { active: false } });
    expect(await deliverDueWebhooks({ db: database.db, now: () => new Date(Date.now() + 6_000) })).toMatchObject({ claimed: 1, failed: 1 });
    const off = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(off.status).toBe(WEBHOOK_STATUS.failed);
    expect(decodeWebhookFailure(off.lastError!)).toEqual({ kind: "endpointOff" });
  });

  it("refuses an endpoint with a bad URL, no events or a malformed secret, and a person who is not an admin", async () => {
    const admin = await actorByEmail(database.db, ADMIN);
    const before = await database.db.webhookEndpoint.count();
    await expect(registerWebhookEndpoint({ actor: admin, input: { url: "ftp://example.vn/", events: ["version.published"] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(registerWebhookEndpoint({ actor: admin, input: { url: "https://example.vn/", events: [] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(registerWebhookEndpoint({ actor: admin, input: { url: "https://example.vn/", events: ["version.deleted"] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(registerWebhookEndpoint({ actor: admin, input: { url: "https://example.vn/", events: ["version.published"], secret: "hunter2" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const reviewer = await actorByEmail(database.db, "minh@mic.gov.vn");
    await expect(registerWebhookEndpoint({ actor: reviewer, input: { url: "https://example.vn/", events: ["version.published"] } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await database.db.webhookEndpoint.count()).toBe(before);
  });
});

describe("version.published through the collaboration server's process, restarted mid-retry", () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
  });
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  function startCollab(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "lib/collab/main.ts"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: database.url, COLLAB_PORT: "0", COLLAB_HOST: "127.0.0.1", COLLAB_LOG_LEVEL: "info" },
    });
    children.push(child);
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      errors = `${errors}${chunk.toString()}`.slice(-4_000);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`collaboration server did not start: ${errors}`)), 30_000);
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"webhooks.worker_started"') && output.includes('"collab.ready"')) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.once("exit", (code) => reject(new Error(`collaboration server exited with ${code}: ${errors}`)));
    });
  }

  it("delivers a signed version.published, and again after a SIGKILL between the failed attempt and its retry", async () => {
    const receiver = await startReceiver([{ status: 500, body: "receiver is down" }, { status: 200 }]);
    try {
      const admin = await actorByEmail(database.db, ADMIN);
      const { id: endpointId, secret } = await registerWebhookEndpoint({ actor: admin, input: { url: receiver.url, description: "Hệ thống lưu trữ", events: ["version.published"] } });
      await setWebhookEndpoint({ actor: admin, endpointId, change: { allowPrivate: true } });

      const first = await startCollab();
      const version = await publishOnce(database, "Một đoạn được ban hành để thử webhook.");
      await receiver.waitFor(1);
      const delivery = await database.db.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
      // Wait until the failed attempt is recorded, then kill the process before the retry is due.
      for (let i = 0; i < 100; i += 1) {
        const row = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
        if (row.status === WEBHOOK_STATUS.pending && row.attempts === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.kill(-first.pid!, "SIGKILL");
      await new Promise<void>((resolve) => (first.exitCode !== null ? resolve() : first.once("exit", () => resolve())));
      const waiting = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(waiting).toMatchObject({ status: WEBHOOK_STATUS.pending, attempts: 1, lastStatus: 500 });
      expect(receiver.received).toHaveLength(1);

      await startCollab();
      await receiver.waitFor(2);
      const [failed, retried] = receiver.received;
      const reference = new Webhook(secret);
      for (const request of [failed!, retried!]) {
        expect(request.headers["webhook-id"]).toBe(delivery.id);
        const payload = reference.verify(request.body, request.headers) as { type: string; data: { version: { number: number; hash: string }; document: { slug: string } } };
        expect(payload.type).toBe("version.published");
        expect(payload.data.version).toMatchObject({ number: version.number, hash: version.hash });
        expect(payload.data.document.slug).toBe("cam-nang-chuyen-doi-so");
      }
      expect(retried!.body).toBe(failed!.body);

      for (let i = 0; i < 100; i += 1) {
        const row = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
        if (row.status === WEBHOOK_STATUS.delivered) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const settled = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { log: { orderBy: { startedAt: "asc" } } } });
      expect(settled.status).toBe(WEBHOOK_STATUS.delivered);
      expect(settled.log.map((attempt) => [attempt.statusCode, attempt.responseBody])).toEqual([[500, "receiver is down"], [200, "ok"]]);
    } finally {
      await receiver.close();
    }
  }, 90_000);
});
