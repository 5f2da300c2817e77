/**
 * Real clients and a real server for the collaboration tests: `@hocuspocus/provider` over
 * `ws`, tokens minted the way the web app mints them, and a SQLite database seeded with the
 * demo ministries. Nothing here is mocked.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { mintCollabToken } from "../auth/collab-token";
import type { Db } from "../db/client";
import { collabDocumentName } from "../domain/collab-names";
import { plainText } from "../domain/document";
import { YDOC_FIELD, yDocToContent } from "../editor/ydoc";
import { createProposal } from "../services/proposals/create-proposal";
import { actorByEmail } from "../testing/actors";
import { barrierAnswerToken, barrierMessage } from "./extensions/barrier";
import { createLogger } from "./logger";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "./server";

export const TEST_TOKEN_SECRET = "collab-test-token-secret-0123456789abcdef";
export const TEST_INTERNAL_SECRET = "collab-test-internal-secret-0123456789ab";
export const TEST_ORIGIN = "http://localhost:3000";

export const DEMO = {
  lan: "lan@mof.gov.vn",
  hoa: "hoa@mof.gov.vn",
  tuan: "tuan@mic.gov.vn",
  minh: "minh@mic.gov.vn",
  reader: "docgia@example.vn",
} as const;

export async function userId(db: Db, email: string): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

export interface TestDraft {
  proposalId: string;
  sectionIds: string[];
  documentName(index?: number): string;
}

/** A fresh proposal by Lan (Bộ Tài chính), with Hòa as co-author: every test gets untouched sections. */
export async function createDraft(db: Db, title = "Đề xuất thử nghiệm cộng tác"): Promise<TestDraft> {
  const lan = await actorByEmail(db, DEMO.lan);
  const proposal = await createProposal({ actor: lan, documentSlug: "cam-nang-chuyen-doi-so", input: { title, rationale: "Kiểm thử soạn thảo đồng thời." }, db });
  await db.proposalAuthor.create({ data: { proposalId: proposal.id, userId: await userId(db, DEMO.hoa), role: "COAUTHOR" } });
  const sections = await db.proposalSection.findMany({ where: { proposalId: proposal.id }, orderBy: { position: "asc" } });
  const sectionIds = sections.map((section) => section.sectionId);
  return { proposalId: proposal.id, sectionIds, documentName: (index = 0) => collabDocumentName(proposal.id, sectionIds[index]) };
}

export async function tokenFor(db: Db, email: string, documentName: string): Promise<string> {
  const { token } = await mintCollabToken({ userId: await userId(db, email), documentName }, { secret: TEST_TOKEN_SECRET });
  return token;
}

export interface RunningServer {
  collab: CollabServer;
  port: number;
  wsUrl: string;
  httpUrl: string;
  stop(): Promise<void>;
}

export async function startServer(db: Db, overrides: Partial<CollabServerOptions> = {}): Promise<RunningServer> {
  const collab = createCollabServer({
    port: 0,
    host: "127.0.0.1",
    tokenSecret: TEST_TOKEN_SECRET,
    internalSecret: TEST_INTERNAL_SECRET,
    allowedOrigins: [TEST_ORIGIN],
    db,
    logger: createLogger("silent"),
    ...overrides,
  });
  const port = await collab.listen();
  return { collab, port, wsUrl: `ws://127.0.0.1:${port}`, httpUrl: `http://127.0.0.1:${port}`, stop: () => collab.destroy() };
}

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  authFailures: string[];
  closeReasons: string[];
  destroy(): void;
}

/** Reconnect quickly in tests, where servers restart within a second or two. */
const TEST_RECONNECT_DELAY_MS = 100;
const TEST_RECONNECT_MAX_DELAY_MS = 1_000;

export function openClient(url: string, documentName: string, token: string | (() => Promise<string>), doc = new Y.Doc()): TestClient {
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: WebSocket,
    delay: TEST_RECONNECT_DELAY_MS,
    minDelay: TEST_RECONNECT_DELAY_MS,
    maxDelay: TEST_RECONNECT_MAX_DELAY_MS,
    factor: 1.5,
  });
  const authFailures: string[] = [];
  const closeReasons: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => authFailures.push(reason),
    onClose: ({ event }) => closeReasons.push(event.reason),
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    authFailures,
    closeReasons,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** How long a barrier's answer may take before the wait fails (a failure, never a verdict). */
export const BARRIER_TIMEOUT_MS = 15_000;

let barrierCount = 0;

/** Sends one barrier on `provider` and resolves when the server answers it (see extensions/barrier.ts). */
export function serverAnswersBarrier(provider: HocuspocusProvider, timeoutMs = BARRIER_TIMEOUT_MS): Promise<void> {
  barrierCount += 1;
  const token = `b${barrierCount}`;
  return new Promise((resolve, reject) => {
    const onStateless = ({ payload }: { payload: string }) => {
      if (barrierAnswerToken(payload) !== token) return;
      finish();
      resolve();
    };
    const onClose = () => {
      finish();
      reject(new Error(`the connection to ${provider.configuration.name} closed before barrier ${token} was answered`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`barrier ${token} on ${provider.configuration.name} not answered within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      provider.off("stateless", onStateless);
      provider.off("close", onClose);
    };
    provider.on("stateless", onStateless);
    provider.on("close", onClose);
    provider.sendStateless(barrierMessage(token));
  });
}

/**
 * Resolves once the server has handled every message `sender` sent before this call, and once
 * whatever those messages changed has reached each of `observers`: the sender's barrier is
 * answered after its earlier messages were judged and their broadcasts flushed, and each
 * observer's barrier comes back on its own socket behind anything already sent to it. Tests
 * that prove something did NOT happen wait on this instead of sleeping.
 */
export async function serverHandledEarlierMessages(sender: { provider: HocuspocusProvider }, ...observers: { provider: HocuspocusProvider }[]): Promise<void> {
  await serverAnswersBarrier(sender.provider);
  await Promise.all(observers.map((observer) => serverAnswersBarrier(observer.provider)));
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
}

export function isSyncedAndAcknowledged(client: TestClient): boolean {
  return client.provider.isSynced && client.provider.unsyncedChanges === 0;
}

/** Plain text of a live section, read on a copy because the conversion may delete invalid parts. */
export function sectionText(doc: Y.Doc): string {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const text = plainText(yDocToContent(copy));
  copy.destroy();
  return text;
}

/** Types `text` at the end of the first text block, as a keystroke in the editor would. */
export function typeText(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(YDOC_FIELD);
  for (const block of fragment.toArray()) {
    if (!(block instanceof Y.XmlElement) || (block.nodeName !== "paragraph" && block.nodeName !== "heading")) continue;
    const existing = block.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (existing) {
      existing.insert(existing.length, text);
      return;
    }
    const created = new Y.XmlText();
    created.insert(0, text);
    block.insert(block.length, [created]);
    return;
  }
  throw new Error("no text block to type into");
}

export function countOccurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
