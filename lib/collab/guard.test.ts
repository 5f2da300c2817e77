import { HocuspocusProvider } from "@hocuspocus/provider";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { plainText, type SectionContent } from "../domain/document";
import { loadOrSeedSectionState } from "./section-state";
import {
  DEMO,
  TEST_ORIGIN,
  createDraft,
  isSyncedAndAcknowledged,
  openClient,
  sectionText,
  startServer,
  tokenFor,
  typeText,
  userId,
  waitFor,
  type RunningServer,
  type TestClient,
} from "./test-helpers";
import { useLiveServer } from "./test-support";

const live = useLiveServer();
const { track } = live;

async function storedText(proposalId: string, sectionId: string): Promise<string> {
  const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId, sectionId } });
  return plainText(JSON.parse(row.content) as SectionContent);
}

/** An author and a co-author on a fresh section, both synced. */
async function twoAuthors(target: RunningServer = live.server) {
  const draft = await createDraft(live.database.db);
  const name = draft.documentName();
  const attacker = track(openClient(target.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
  const colleague = track(openClient(target.wsUrl, name, await tokenFor(live.database.db, DEMO.hoa, name)));
  await waitFor(() => attacker.provider.isSynced && colleague.provider.isSynced, "both synced");
  return { draft, name, attacker, colleague };
}

function appendParagraph(doc: Y.Doc, build: (paragraph: Y.XmlElement) => void, nodeName = "paragraph"): void {
  const paragraph = new Y.XmlElement(nodeName);
  build(paragraph);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
}

function textWith(value: string, attributes?: Record<string, unknown>): Y.XmlText {
  const text = new Y.XmlText();
  text.insert(0, value, attributes);
  return text;
}

describe("content from a raw Yjs client", () => {
  async function expectRefused(setup: Awaited<ReturnType<typeof twoAuthors>>, marker: string) {
    const { attacker, colleague, draft, name } = setup;
    await waitFor(() => attacker.closeReasons.length > 0, "the offending connection closed");
    expect(attacker.closeReasons[0]).toBe("invalid-content");
    // The colleague keeps working and never receives the refused update.
    typeText(colleague.doc, " Vẫn làm việc bình thường.");
    await waitFor(() => isSyncedAndAcknowledged(colleague), "colleague acknowledged");
    expect(sectionText(colleague.doc)).not.toContain(marker);
    await waitFor(async () => (await storedText(draft.proposalId, draft.sectionIds[0])).includes("Vẫn làm việc bình thường."), "colleague stored", 10_000);
    expect(await storedText(draft.proposalId, draft.sectionIds[0])).not.toContain(marker);
    const lanId = await userId(live.database.db, DEMO.lan);
    expect(await live.database.db.collabUpdate.count({ where: { documentName: name, userId: lanId } })).toBe(0);
    const row = await live.database.db.proposalSection.findFirstOrThrow({ where: { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] } });
    expect(row.content).not.toContain("javascript:");
  }

  it("refuses a javascript: link and keeps it out of the document, the log and the database", async () => {
    const setup = await twoAuthors();
    appendParagraph(setup.attacker.doc, (paragraph) => paragraph.insert(0, [textWith("Bấm vào đây", { link: { href: "javascript:alert(document.cookie)" } })]));
    await expectRefused(setup, "Bấm vào đây");
  });

  it("refuses a node the editor schema does not know", async () => {
    const setup = await twoAuthors();
    appendParagraph(setup.attacker.doc, (element) => element.insert(0, [textWith("alert('xss')")]), "script");
    await expectRefused(setup, "alert('xss')");
  });

  it("refuses data written outside the section's fragment", async () => {
    const setup = await twoAuthors();
    setup.attacker.doc.getMap("payload").set("blob", "x".repeat(1000));
    await expectRefused(setup, "xxxxxxxx");
  });

  it("refuses an update that would make the document larger than its limit", async () => {
    const small = await startServer(live.database.db, { limits: { maxDocumentBytes: 64 * 1024 } });
    try {
      const setup = await twoAuthors(small);
      typeText(setup.attacker.doc, "Dài quá. ".repeat(10_000));
      await waitFor(() => setup.attacker.closeReasons.length > 0, "closed");
      expect(setup.attacker.closeReasons[0]).toBe("document-too-large");
      expect(sectionText(setup.colleague.doc)).not.toContain("Dài quá.");
    } finally {
      await small.stop();
    }
  });

  it("still lets people repair a section that was invalid before they opened it", async () => {
    const draft = await createDraft(live.database.db);
    const ref = { proposalId: draft.proposalId, sectionId: draft.sectionIds[0] };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadOrSeedSectionState(live.database.db, ref));
    appendParagraph(doc, (heading) => {
      heading.setAttribute("level", 9 as unknown as string);
      heading.insert(0, [textWith("Tiêu đề cấp 9 cũ")]);
    }, "heading");
    await live.database.db.proposalSection.update({ where: { id: (await live.database.db.proposalSection.findFirstOrThrow({ where: ref })).id }, data: { yState: Buffer.from(Y.encodeStateAsUpdate(doc)) } });

    const name = draft.documentName();
    const lan = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
    await waitFor(() => lan.provider.isSynced, "synced");
    typeText(lan.doc, " Sửa lỗi chính tả.");
    await waitFor(() => isSyncedAndAcknowledged(lan), "the unrelated edit is accepted");
    expect(lan.closeReasons).toEqual([]);

    appendParagraph(lan.doc, (paragraph) => paragraph.insert(0, [textWith("lừa", { link: { href: "javascript:void(0)" } })]));
    await waitFor(() => lan.closeReasons.length > 0, "a new problem is refused");
    expect(lan.closeReasons[0]).toBe("invalid-content");
  });
});

describe("presence (awareness)", () => {
  it("shows every caret under its authenticated user, whatever the client claims", async () => {
    const draft = await createDraft(live.database.db);
    const name = draft.documentName();
    const lan = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
    const hoa = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.hoa, name)));
    const watcher = track(openClient(live.server.wsUrl, name, await tokenFor(live.database.db, DEMO.minh, name)));
    await waitFor(() => [lan, hoa, watcher].every((client) => client.provider.isSynced), "synced");
    const hoaId = await userId(live.database.db, DEMO.hoa);
    const lanId = await userId(live.database.db, DEMO.lan);

    hoa.provider.setAwarenessField("user", { id: hoaId, name: "Trần Thị Hòa", color: "#047857" });
    lan.provider.setAwarenessField("user", { id: hoaId, name: "Trần Thị Hòa", color: "red;background:url(//evil)" });
    const stateOf = (client: TestClient, clientId: number) => client.provider.awareness?.getStates().get(clientId);
    await waitFor(() => stateOf(watcher, lan.doc.clientID) !== undefined && stateOf(watcher, hoa.doc.clientID) !== undefined, "watcher sees both");
    expect(stateOf(watcher, lan.doc.clientID)?.user).toEqual({ id: lanId, name: "Nguyễn Thị Lan", color: expect.stringMatching(/^#[0-9a-f]{6}$/i) });
    expect(stateOf(watcher, hoa.doc.clientID)?.user).toEqual({ id: hoaId, name: "Trần Thị Hòa", color: "#047857" });

    // Lan now tries to overwrite Hòa's own presence by sending a state under Hòa's client id.
    const awareness = lan.provider.awareness;
    if (!awareness) throw new Error("awareness disabled");
    const hoaMeta = awareness.meta.get(hoa.doc.clientID);
    if (!hoaMeta) throw new Error("Lan has not seen Hòa yet");
    awareness.states.set(hoa.doc.clientID, { user: { id: hoaId, name: "Hòa (giả mạo)", color: "#000000" } });
    awareness.meta.set(hoa.doc.clientID, { clock: hoaMeta.clock + 10, lastUpdated: Date.now() });
    awareness.emit("update", [{ added: [], updated: [hoa.doc.clientID], removed: [] }, "local"]);
    lan.provider.setAwarenessField("cursor", null);
    await waitFor(() => stateOf(watcher, lan.doc.clientID)?.cursor === null, "Lan's later update arrived");
    expect(stateOf(watcher, hoa.doc.clientID)?.user).toEqual({ id: hoaId, name: "Trần Thị Hòa", color: "#047857" });
  });
});

function varUint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 127) {
    bytes.push((rest & 127) | 128);
    rest >>>= 7;
  }
  bytes.push(rest);
  return bytes;
}

function varString(value: string): number[] {
  const bytes = [...new TextEncoder().encode(value)];
  return [...varUint(bytes.length), ...bytes];
}

/** A small deterministic generator, so that a failing frame can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function openRaw(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once("error", reject);
  });
}

function closed(socket: WebSocket, timeoutMs = 2_000): Promise<number | null> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    socket.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe("connections and frames", () => {
  it("turns away a browser page from another origin before the WebSocket opens", async () => {
    await expect(openRaw(live.server.wsUrl, { origin: "https://evil.example" })).rejects.toThrow("HTTP 403");
    const allowed = await openRaw(live.server.wsUrl, { origin: TEST_ORIGIN });
    allowed.close();
  });

  it("closes only the socket that sends malformed or oversized frames", async () => {
    const { attacker: bystander, draft } = await twoAuthors();
    const random = seededRandom(20_261_128);
    let closedSockets = 0;
    for (let round = 0; round < 40; round += 1) {
      const socket = await openRaw(live.server.wsUrl);
      const length = 1 + Math.floor(random() * 64);
      // Truncated varints first (always malformed), then random bytes.
      const bytes = round % 2 === 0 ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : Array.from({ length }, () => Math.floor(random() * 256));
      socket.send(Buffer.from(bytes));
      const code = await closed(socket, 300);
      if (code !== null) closedSockets += 1;
      else socket.terminate();
    }
    // Every truncated frame closes its socket; random ones may also look like a harmless queued message.
    expect(closedSockets).toBeGreaterThanOrEqual(20);

    const big = await openRaw(live.server.wsUrl);
    big.send(Buffer.alloc(3 * 1024 * 1024, 7));
    expect(await closed(big)).toBe(1009);

    // An authenticated connection that sends a corrupt update loses that document, not the socket.
    const name = draft.documentName(1);
    const raw = await openRaw(live.server.wsUrl);
    const received: Buffer[] = [];
    raw.on("message", (data: Buffer) => received.push(data));
    raw.send(Buffer.from([...varString(name), 2, 0, ...varString(await tokenFor(live.database.db, DEMO.lan, name))]));
    await waitFor(() => received.length > 0, "authenticated");
    raw.send(Buffer.from([...varString(name), 0, 2, ...varUint(8), 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef]));
    await waitFor(() => received.some((message) => message.includes(Buffer.from("malformed-update"))), "document connection closed");
    expect(raw.readyState).toBe(WebSocket.OPEN);
    raw.close();

    typeText(bystander.doc, " Không bị ảnh hưởng.");
    await waitFor(() => isSyncedAndAcknowledged(bystander), "the other clients keep working");
    const health = await fetch(`${live.server.httpUrl}/health`);
    expect(health.status).toBe(200);
  });

  it("caps connections per section and sections per socket", async () => {
    const capped = await startServer(live.database.db, { limits: { maxConnectionsPerDocument: 2, maxDocumentsPerSocket: 2 } });
    try {
      const first = await createDraft(live.database.db);
      const name = first.documentName();
      const a = track(openClient(capped.wsUrl, name, await tokenFor(live.database.db, DEMO.lan, name)));
      const b = track(openClient(capped.wsUrl, name, await tokenFor(live.database.db, DEMO.hoa, name)));
      await waitFor(() => a.provider.isSynced && b.provider.isSynced, "two synced");
      const third = track(openClient(capped.wsUrl, name, await tokenFor(live.database.db, DEMO.minh, name)));
      await waitFor(() => third.authFailures.length > 0, "third refused");
      expect(third.authFailures[0]).toBe("too-many-connections");

      const second = await createDraft(live.database.db);
      const names = [second.documentName(0), second.documentName(1), first.documentName(1)];
      const shared = track(openClient(capped.wsUrl, names[0], await tokenFor(live.database.db, DEMO.lan, names[0])));
      await waitFor(() => shared.provider.isSynced, "first on the shared socket");
      const onSameSocket = async (documentName: string) => {
        const failures: string[] = [];
        const provider = new HocuspocusProvider({
          websocketProvider: shared.socket,
          name: documentName,
          token: await tokenFor(live.database.db, DEMO.lan, documentName),
          onAuthenticationFailed: ({ reason }) => failures.push(reason),
        });
        provider.attach();
        return { provider, failures };
      };
      const secondDoc = await onSameSocket(names[1]);
      await waitFor(() => secondDoc.provider.isSynced, "second on the shared socket");
      const thirdDoc = await onSameSocket(names[2]);
      await waitFor(() => thirdDoc.failures.length > 0, "third document refused");
      expect(thirdDoc.failures[0]).toBe("too-many-documents");
      secondDoc.provider.destroy();
      thirdDoc.provider.destroy();
    } finally {
      await capped.stop();
    }
  });
});
