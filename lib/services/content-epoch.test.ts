import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { recordAudit, type AuditAction } from "../db/audit";
import { contentEpoch, currentContentEpoch, EPOCH_REUSE_MS, forgetContentEpoch, READER_CONTENT_ACTIONS } from "./content-epoch";
import { publishedDocumentBody } from "./published-document-body";

const DOC = "cam-nang-chuyen-doi-so";

describe("the reader caches' content epoch", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("does not move for sign-ins, comments, editing sessions, reviews or token use", async () => {
    const before = await contentEpoch();
    const unrelated: AuditAction[] = [
      "auth.sign_in_failed",
      "auth.sign_in",
      "api_token.used",
      "api_token.created",
      "proposal.comment_added",
      "proposal.edit_session",
      "proposal.reviewed",
      "proposal.created",
      "proposal.submitted",
      "user.updated",
      "policy.changed",
    ];
    for (const action of unrelated) {
      await recordAudit(database.db, { actorId: null, action, targetType: "user", targetId: "x" });
    }
    expect(await contentEpoch()).toBe(before);
  });

  it("moves with each action that changes a reader's output", async () => {
    for (const action of READER_CONTENT_ACTIONS) {
      const before = await contentEpoch();
      await recordAudit(database.db, { actorId: null, action, targetType: "section", targetId: "s" });
      expect(await contentEpoch(), action).not.toBe(before);
    }
  });

  it("is read again once EPOCH_REUSE_MS has passed, and at once when forgotten", async () => {
    forgetContentEpoch();
    const start = Date.now();
    const first = await currentContentEpoch(start);
    await recordAudit(database.db, { actorId: null, action: "version.published", targetType: "version", targetId: "v" });
    expect(await currentContentEpoch(start + 1)).toBe(first);
    expect(await currentContentEpoch(start + EPOCH_REUSE_MS)).not.toBe(first);
    const second = await currentContentEpoch(start + EPOCH_REUSE_MS + 1);
    await recordAudit(database.db, { actorId: null, action: "section.owner_changed", targetType: "section", targetId: "s" });
    forgetContentEpoch();
    expect(await currentContentEpoch(start + EPOCH_REUSE_MS + 2)).not.toBe(second);
  });

  it("gives the documents API the same bytes and strong ETag until the epoch moves, then computes them again", async () => {
    forgetContentEpoch();
    const first = await publishedDocumentBody({ slug: DOC, versionNumber: 1 });
    const again = await publishedDocumentBody({ slug: DOC, versionNumber: 1 });
    expect(again).toBe(first);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(JSON.parse(first.body)).toMatchObject({ slug: DOC, version: { number: 1 } });
    await recordAudit(database.db, { actorId: null, action: "section.owner_changed", targetType: "section", targetId: "s" });
    forgetContentEpoch();
    const afterChange = await publishedDocumentBody({ slug: DOC, versionNumber: 1 });
    expect(afterChange).not.toBe(first);
    // Nothing the body shows changed, so its bytes and tag are the same.
    expect(afterChange.etag).toBe(first.etag);
    const head = await publishedDocumentBody({ slug: DOC });
    expect(JSON.parse(head.body).version.number).toBeGreaterThanOrEqual(1);
    await expect(publishedDocumentBody({ slug: "khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
