import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { plainText, type SectionContent } from "../domain/document";
import { YDOC_FIELD } from "../editor/ydoc";
import { createRandom } from "../domain/fixtures/random";
import {
  DEMO,
  createDraft,
  isSyncedAndAcknowledged,
  openClient,
  sectionText,
  tokenFor,
  waitFor,
  type TestClient,
} from "./test-helpers";
import { useLiveServer } from "./test-support";

/**
 * The load scenario of the reliability plan, bounded for the test suite: 25 writers on 5
 * section documents, each making random insertions and deletions at random places with random
 * pauses (fixed seed). Afterwards every replica of a document is identical, the server's stored
 * text equals it, and nothing was refused.
 */
const DOCUMENTS = 5;
const CLIENTS_PER_DOCUMENT = 5;
const EDITS_PER_CLIENT = 30;
const MAX_PAUSE_MS = 12;
const SEED = 20261128;

function random(seed: number): () => number {
  return createRandom(seed).next;
}

const WORDS = ["chuyển đổi", "số", "dữ liệu", "mở", "chính phủ", "người dân", "Việt Nam", "thông minh"];

/** One random keystroke-sized edit: insert a word or delete a few characters inside a paragraph. */
function randomEdit(doc: Y.Doc, next: () => number): void {
  const texts = doc
    .getXmlFragment(YDOC_FIELD)
    .toArray()
    .filter((block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === "paragraph")
    .flatMap((block) => block.toArray().filter((child): child is Y.XmlText => child instanceof Y.XmlText));
  if (texts.length === 0) return;
  const text = texts[Math.floor(next() * texts.length)];
  const position = Math.floor(next() * (text.length + 1));
  if (next() < 0.7 || text.length < 10) {
    text.insert(position, ` ${WORDS[Math.floor(next() * WORDS.length)]}`);
    return;
  }
  text.delete(Math.min(position, text.length - 3), 3);
}

const live = useLiveServer();

describe("many writers on several documents", () => {
  it("converges every replica and stores exactly what they agree on", async () => {
    const names: { name: string; proposalId: string; sectionId: string }[] = [];
    while (names.length < DOCUMENTS) {
      const draft = await createDraft(live.database.db, `Tải thử ${names.length}`);
      draft.sectionIds.forEach((sectionId, index) => {
        if (names.length < DOCUMENTS) names.push({ name: draft.documentName(index), proposalId: draft.proposalId, sectionId });
      });
    }
    const clients: { client: TestClient; document: number }[] = [];
    for (const [document, { name }] of names.entries()) {
      for (let index = 0; index < CLIENTS_PER_DOCUMENT; index += 1) {
        const email = index % 2 === 0 ? DEMO.lan : DEMO.hoa;
        clients.push({ client: live.track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, email, name))), document });
      }
    }
    await waitFor(() => clients.every(({ client }) => client.provider.isSynced), "all synced", 30_000);
    const initial = names.map((_, document) => sectionText(clients.find((entry) => entry.document === document)!.client.doc));

    await Promise.all(
      clients.map(async ({ client }, index) => {
        const next = random(SEED + index);
        for (let edit = 0; edit < EDITS_PER_CLIENT; edit += 1) {
          randomEdit(client.doc, next);
          await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * MAX_PAUSE_MS)));
        }
      }),
    );
    await waitFor(() => clients.every(({ client }) => isSyncedAndAcknowledged(client)), "every edit acknowledged", 60_000);

    for (const [document, ref] of names.entries()) {
      const replicas = clients.filter((entry) => entry.document === document).map(({ client }) => client.doc);
      await waitFor(() => new Set(replicas.map((doc) => sectionText(doc))).size === 1, `replicas of document ${document} identical`, 30_000);
      const agreed = sectionText(replicas[0]);
      expect(agreed).not.toBe(initial[document]);
      await waitFor(
        async () => {
          const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: ref.proposalId, sectionId: ref.sectionId } });
          return plainText(JSON.parse(row.content) as SectionContent) === agreed;
        },
        `stored text of document ${document} equals the replicas`,
        30_000,
      );
    }
    // No connection was refused or dropped, and every logged update was compacted by a store.
    expect(clients.every(({ client }) => client.provider.isSynced)).toBe(true);
    await waitFor(async () => (await live.database.db.collabUpdate.count()) === 0, "durable log compacted", 30_000);
  }, 180_000);
});
