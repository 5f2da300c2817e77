import fc from "fast-check";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { offlineDraftWriter } from "../services/proposals/draft-writer";
import { createSuggestion } from "../services/suggestions/create-suggestion";
import { blockId, type SectionContent } from "../domain/document";
import { blockText } from "../domain/suggestions";
import { YDOC_FIELD } from "../editor/ydoc";
import { actorByEmail } from "../testing/actors";
import { DEMO, createDraft, isSyncedAndAcknowledged, openClient, serverHandledEarlierMessages, tokenFor, userId, waitFor } from "./test-helpers";
import { useLiveServer } from "./test-support";

const live = useLiveServer();
const { track } = live;

/** Fixed seed: the same crafted updates on every run. */
const SEED = 20261217;

type Craft =
  | { kind: "insert"; block: number; at: number; text: string }
  | { kind: "delete"; block: number; at: number; length: number }
  | { kind: "format"; block: number; at: number; length: number }
  | { kind: "attribute"; block: number; value: string }
  | { kind: "new-block"; text: string }
  | { kind: "foreign-root"; value: string };

const craft: fc.Arbitrary<Craft> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), block: fc.nat(), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("delete" as const), block: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("format" as const), block: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("attribute" as const), block: fc.nat(), value: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant("new-block" as const), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("foreign-root" as const), value: fc.string({ maxLength: 8 }) }),
);

/** A raw Yjs client does to its own copy whatever it likes; the server decides what counts. */
function applyCraft(doc: Y.Doc, edit: Craft): void {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  const blocks = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  if (edit.kind === "foreign-root") {
    doc.getMap("suggestions").set("forged", edit.value);
    return;
  }
  if (edit.kind === "new-block") {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    text.insert(0, edit.text);
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
    return;
  }
  const block = blocks[edit.block % Math.max(1, blocks.length)];
  if (!block) return;
  if (edit.kind === "attribute") {
    block.setAttribute("id", edit.value);
    return;
  }
  const text = block.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (!text) return;
  const at = edit.at % (text.length + 1);
  if (edit.kind === "insert") text.insert(at, edit.text, { insertion: { id: "forged", author: "reviewer" } });
  if (edit.kind === "delete") text.delete(at, Math.min(edit.length, text.length - at));
  if (edit.kind === "format") text.format(at, Math.min(edit.length, text.length - at), { bold: {} });
}

describe("a reviewer in suggestion mode", () => {
  it("has every crafted update refused by the collaboration server, and every suggestion of their own taken (randomized, fixed seed)", async () => {
    const db = live.database.db;
    const draft = await createDraft(db, "Đề xuất thử chế độ đề xuất sửa");
    const name = draft.documentName();
    const author = track(openClient(live.server.wsUrl, name, await tokenFor(db, DEMO.lan, name)));
    await waitFor(() => isSyncedAndAcknowledged(author), "author synced");
    const before = Y.encodeStateVector(author.doc);
    const textBefore = JSON.stringify(author.doc.getXmlFragment(YDOC_FIELD).toJSON());
    const minhId = await userId(db, DEMO.minh);

    await fc.assert(
      fc.asyncProperty(fc.array(craft, { minLength: 1, maxLength: 6 }), async (edits) => {
        const reviewer = track(openClient(live.server.wsUrl, name, await tokenFor(db, DEMO.minh, name)));
        await waitFor(() => reviewer.provider.isSynced, "reviewer synced");
        expect(reviewer.provider.authorizedScope).toBe("readonly");
        for (const edit of edits) applyCraft(reviewer.doc, edit);
        await serverHandledEarlierMessages(reviewer, author);
        // Nothing reached the author, and the server keeps nothing of it.
        expect(JSON.stringify(author.doc.getXmlFragment(YDOC_FIELD).toJSON())).toBe(textBefore);
        expect(author.doc.share.has("suggestions")).toBe(false);
        reviewer.destroy();
      }),
      { seed: SEED, numRuns: 12 },
    );
    expect(Y.encodeStateVector(author.doc)).toEqual(before);
    expect(await db.collabUpdate.count({ where: { userId: minhId } })).toBe(0);
    expect(await db.proposalEdit.count({ where: { proposalId: draft.proposalId, userId: minhId } })).toBe(0);

    // What the reviewer may do instead: suggest. Any stretch of a block's text, any replacement.
    const row = await db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    const block = (JSON.parse(row.content) as SectionContent).content.find((candidate) => blockText(candidate).length > 0)!;
    const text = blockText(block);
    const minh = await actorByEmail(db, DEMO.minh);
    let made = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.string({ minLength: 1, maxLength: 10 }).filter((value) => !/[\u0000-\u001f\u007f]/.test(value)), async (a, b, replacement) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.min(text.length, from + (Math.max(a, b) % 12));
        if (text.slice(from, to) === replacement) return;
        const suggestion = await createSuggestion({
          actor: minh,
          proposalId: draft.proposalId,
          writer: offlineDraftWriter,
          input: { sectionId: draft.sectionIds[0], blockId: blockId(block)!, offset: from, exact: text.slice(from, to), prefix: text.slice(Math.max(0, from - 32), from), suffix: text.slice(to, to + 32), text: replacement },
        });
        expect(suggestion.status).toBe("PENDING");
        expect(suggestion.authorId).toBe(minh.id);
        made += 1;
      }),
      { seed: SEED, numRuns: 25 },
    );
    expect(await db.suggestion.count({ where: { proposalId: draft.proposalId, authorId: minh.id, status: "PENDING" } })).toBe(made);
    // Suggesting changed nothing in the draft either.
    expect(JSON.stringify(author.doc.getXmlFragment(YDOC_FIELD).toJSON())).toBe(textBefore);
  });
});
