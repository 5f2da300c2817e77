import { describe, expect, it } from "vitest";
import { hashCanonical } from "../domain/canonical";
import type { RichNode, SectionContent } from "../domain/document";
import { ensureBlockIds } from "../editor/content";
import { AppError } from "../errors";
import { INTERNAL_SECRET_HEADER, REPLACE_SECTION_PATH, collabDraftWriter } from "./client";
import {
  DEMO,
  TEST_INTERNAL_SECRET,
  countOccurrences,
  createDraft,
  openClient,
  sectionText,
  isSyncedAndAcknowledged,
  typeText,
  tokenFor,
  userId,
  waitFor,
} from "./test-helpers";
import { useLiveServer } from "./test-support";

const live = useLiveServer();

const paragraph = (text: string, marks?: RichNode["marks"]): RichNode => ({
  type: "paragraph",
  content: [marks ? { type: "text", text, marks } : { type: "text", text }],
});
const doc = (...content: RichNode[]): SectionContent => ({ type: "doc", content });

async function replace(body: unknown, secret = TEST_INTERNAL_SECRET): Promise<Response> {
  return fetch(`${live.server.httpUrl}${REPLACE_SECTION_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_SECRET_HEADER]: secret },
    body: JSON.stringify(body),
  });
}

describe("the internal replace endpoint", () => {
  it("replaces a section in the open editors at once, without duplicating anything, and stores it with its author", async () => {
    const draft = await createDraft(live.database.db);
    const name = draft.documentName();
    const hoa = openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.hoa, name));
    live.track(hoa);
    await waitFor(() => hoa.provider.isSynced, "synced");
    const before = sectionText(hoa.doc);
    const firstLine = before.split("\n")[0];

    // The web app gives blocks their ids before it calls (replaceSectionContent does).
    const content = ensureBlockIds(doc(paragraph(firstLine), paragraph("Đoạn mới do API thay thế.")));
    const response = await replace({ proposalId: draft.proposalId, sectionId: draft.sectionIds[0], content, actorId: await userId(live.database.db, DEMO.lan) });
    expect(response.status).toBe(200);
    const { contentHash } = (await response.json()) as { contentHash: string };

    await waitFor(() => sectionText(hoa.doc).includes("Đoạn mới do API thay thế."), "the open editor shows the replacement");
    expect(sectionText(hoa.doc)).toBe(`${firstLine}\nĐoạn mới do API thay thế.`);
    expect(countOccurrences(sectionText(hoa.doc), firstLine)).toBe(1);

    const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    expect(row.contentHash).toBe(contentHash);
    expect(hashCanonical(JSON.parse(row.content))).toBe(contentHash);
    const edits = await live.database.db.proposalEdit.findMany({ where: { proposalId: draft.proposalId } });
    expect(edits.map((edit) => edit.userId)).toEqual([await userId(live.database.db, DEMO.lan)]);
    expect(await live.database.db.collabUpdate.count({ where: { documentName: name } })).toBe(0);

    // Replacing with the same content again changes nothing.
    const again = await replace({ proposalId: draft.proposalId, sectionId: draft.sectionIds[0], content, actorId: await userId(live.database.db, DEMO.lan) });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { contentHash: string }).contentHash).toBe(contentHash);
    expect(countOccurrences(sectionText(hoa.doc), "Đoạn mới do API thay thế.")).toBe(1);
  });

  it("does not count a replacement as the actor's edit when it is not their writing (a merge)", async () => {
    const draft = await createDraft(live.database.db);
    const minhId = await userId(live.database.db, DEMO.minh);
    const content = ensureBlockIds(doc(paragraph("Bản hợp nhất do hệ thống tạo.")));
    const response = await replace({ proposalId: draft.proposalId, sectionId: draft.sectionIds[0], content, actorId: minhId, countsAsEdit: false });
    expect(response.status).toBe(200);
    const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    expect(row.content).toContain("Bản hợp nhất do hệ thống tạo.");
    expect(await live.database.db.proposalEdit.count({ where: { proposalId: draft.proposalId, userId: minhId } })).toBe(0);
  });

  it("answers 401, 400, 404 and 409 for a bad secret, invalid content, an unknown section and a closed proposal", async () => {
    const draft = await createDraft(live.database.db);
    const actorId = await userId(live.database.db, DEMO.lan);
    const valid = { proposalId: draft.proposalId, sectionId: draft.sectionIds[0], content: doc(paragraph("Hợp lệ.")), actorId };

    expect((await replace(valid, "wrong-secret")).status).toBe(401);
    const unsafe = await replace({ ...valid, content: doc(paragraph("bấm", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])) });
    expect(unsafe.status).toBe(400);
    expect(((await unsafe.json()) as { error: { code: string } }).error.code).toBe("INVALID_CONTENT");
    expect((await replace({ ...valid, content: { type: "doc", content: [{ type: "iframe" }] } })).status).toBe(400);
    expect((await replace({ ...valid, sectionId: "no-such-section" })).status).toBe(404);
    expect((await replace({ ...valid, actorId: "no-such-user" })).status).toBe(400);

    await live.database.db.proposal.update({ where: { id: draft.proposalId }, data: { status: "WITHDRAWN" } });
    expect((await replace(valid)).status).toBe(409);
    const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    expect(row.content).not.toContain("Hợp lệ.");
  });

  it("answers the health check and nothing else", async () => {
    expect((await fetch(`${live.server.httpUrl}/health`)).status).toBe(200);
    expect((await fetch(`${live.server.httpUrl}/`)).status).toBe(404);
    expect((await fetch(`${live.server.httpUrl}${REPLACE_SECTION_PATH}`)).status).toBe(400);
  });
});

describe("the web app's draft writer", () => {
  it("replaces through the server and maps its refusals to application errors", async () => {
    const saved = { url: process.env.COLLAB_INTERNAL_URL, secret: process.env.COLLAB_INTERNAL_SECRET };
    process.env.COLLAB_INTERNAL_URL = live.server.httpUrl;
    process.env.COLLAB_INTERNAL_SECRET = TEST_INTERNAL_SECRET;
    try {
      const draft = await createDraft(live.database.db);
      const input = { proposalId: draft.proposalId, sectionId: draft.sectionIds[1], content: doc(paragraph("Qua máy chủ cộng tác.")), actorId: await userId(live.database.db, DEMO.lan) };
      await collabDraftWriter.replaceSection(input);
      const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[1] } });
      expect(row.content).toContain("Qua máy chủ cộng tác.");

      await expect(collabDraftWriter.replaceSection({ ...input, sectionId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(collabDraftWriter.replaceSection({ ...input, content: doc(paragraph("x", [{ type: "link", attrs: { href: "data:text/html,x" } }])) })).rejects.toMatchObject({ code: "INVALID_CONTENT" });
      await live.database.db.proposal.update({ where: { id: draft.proposalId }, data: { status: "PUBLISHED" } });
      await expect(collabDraftWriter.replaceSection(input)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });

      process.env.COLLAB_INTERNAL_SECRET = "not-the-secret";
      await expect(collabDraftWriter.replaceSection(input)).rejects.toMatchObject({ code: "INTERNAL" });
      process.env.COLLAB_INTERNAL_URL = "http://127.0.0.1:1";
      const unreachable = await collabDraftWriter.replaceSection(input).catch((error: unknown) => error);
      expect(unreachable).toBeInstanceOf(AppError);
      expect(unreachable).toMatchObject({ code: "UNAVAILABLE" });
    } finally {
      process.env.COLLAB_INTERNAL_URL = saved.url;
      process.env.COLLAB_INTERNAL_SECRET = saved.secret;
    }
  });

  it("stores a proposal's live sections on request, so a submit captures the last words typed", async () => {
    const saved = { url: process.env.COLLAB_INTERNAL_URL, secret: process.env.COLLAB_INTERNAL_SECRET };
    process.env.COLLAB_INTERNAL_URL = live.server.httpUrl;
    process.env.COLLAB_INTERNAL_SECRET = TEST_INTERNAL_SECRET;
    try {
      const draft = await createDraft(live.database.db);
      const name = draft.documentName();
      const hoa = live.track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.hoa, name)));
      await waitFor(() => hoa.provider.isSynced, "synced");
      typeText(hoa.doc, " Chữ cuối cùng trước khi gửi.");
      await waitFor(() => isSyncedAndAcknowledged(hoa), "acknowledged");
      // Flushed right after the acknowledgement, well inside the store debounce.
      await collabDraftWriter.flushProposal(draft.proposalId);
      const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
      expect(row.content).toContain("Chữ cuối cùng trước khi gửi.");
      await expect(collabDraftWriter.flushProposal("bad id!")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    } finally {
      process.env.COLLAB_INTERNAL_URL = saved.url;
      process.env.COLLAB_INTERNAL_SECRET = saved.secret;
    }
  });
});
