import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "./documents";
import { publishVersion } from "../services/publish-version";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { SQLITE_BUSY_TIMEOUT_MS } from "./client";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const WRITES_PER_PROCESS = 40;

describe("SQLite under concurrent writers", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  async function publishOnce(text: string) {
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    const head = await headVersion(db, document.id);
    const snapshot = await loadVersionSnapshot(db, document, head!.id);
    const [first, ...rest] = snapshot.sections;
    const changed = { ...first, content: { ...first.content, content: [...first.content.content, { type: "paragraph", attrs: { id: `b-${text.length}` }, content: [{ type: "text", text }] }] } };
    return publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: { ...snapshot, sections: [changed, ...rest] }, actorId: null });
  }

  it("fails a publish cleanly while another process holds the write lock, then succeeds once it is released", async () => {
    const file = database.url.slice("file:".length);
    const versionsBefore = await database.db.version.count();
    const revisionsBefore = await database.db.sectionRevision.count();
    const blocker = new Database(file, { timeout: 0 });
    blocker.exec("BEGIN IMMEDIATE");
    try {
      const started = Date.now();
      await expect(publishOnce("Bị khóa.")).rejects.toMatchObject({ code: "UNAVAILABLE" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(SQLITE_BUSY_TIMEOUT_MS - 500);
    } finally {
      blocker.exec("ROLLBACK");
      blocker.close();
    }
    expect(await database.db.version.count()).toBe(versionsBefore);
    expect(await database.db.sectionRevision.count()).toBe(revisionsBefore);
    const published = await publishOnce("Đã mở khóa.");
    expect(published.number).toBe(versionsBefore + 1);
  }, 30_000);

  it("lets two processes write to the same file at once without losing a write", async () => {
    const env = { ...process.env, DATABASE_URL: database.url };
    const before = await database.db.auditEvent.count({ where: { action: "test.other_process" } });
    const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
    const script = path.join(root, "lib/testing/write-loop.ts");
    const [first, second] = await Promise.all([
      run(process.execPath, [tsx, script, String(WRITES_PER_PROCESS)], { env, cwd: root }),
      run(process.execPath, [tsx, script, String(WRITES_PER_PROCESS)], { env, cwd: root }),
      (async () => {
        for (let index = 0; index < 5; index += 1) await publishOnce(`Ghi đồng thời ${index}${"!".repeat(index)}`);
      })(),
    ]);
    expect(JSON.parse(first.stdout.trim().split("\n").at(-1)!)).toEqual({ written: WRITES_PER_PROCESS });
    expect(JSON.parse(second.stdout.trim().split("\n").at(-1)!)).toEqual({ written: WRITES_PER_PROCESS });
    expect(await database.db.auditEvent.count({ where: { action: "test.other_process" } })).toBe(before + 2 * WRITES_PER_PROCESS);
  }, 120_000);
});
