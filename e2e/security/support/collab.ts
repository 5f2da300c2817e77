/**
 * Yjs clients of the running collaboration server, connected the way the editor connects:
 * `@hocuspocus/provider` over `ws` with a token the web app minted.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { plainText } from "@/lib/domain/document";
import { yDocToContent } from "@/lib/editor/ydoc";
import { COLLAB_URL, WEB_ORIGIN } from "./env";
import type { Visitor } from "./http";

export const SYNC_TIMEOUT_MS = 15_000;

export interface CollabGrant {
  url: string;
  document: string;
  token: string;
  access: "write" | "read";
}

export interface LiveClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  authFailures: string[];
  close(): void;
}

export async function collabGrant(visitor: Visitor, proposalId: string, sectionId: string): Promise<CollabGrant | null> {
  const answer = await visitor.json<CollabGrant>("GET", `/api/v1/proposals/${proposalId}/sections/${sectionId}/collab`);
  return answer.status === 200 ? answer.data : null;
}

/** Connects and waits until synced; resolves null when the server refuses the token. */
export function connect(documentName: string, token: string, doc = new Y.Doc()): Promise<LiveClient | null> {
  const socket = new HocuspocusProviderWebsocket({
    url: COLLAB_URL,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { headers: { origin: WEB_ORIGIN } });
      }
    },
    maxAttempts: 1,
  });
  const authFailures: string[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const close = () => {
      provider.destroy();
      socket.destroy();
    };
    const settle = (value: LiveClient | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (value === null) close();
      resolve(value);
    };
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      token,
      onSynced: () => settle({ doc, provider, authFailures, close }),
      onAuthenticationFailed: ({ reason }) => {
        authFailures.push(reason);
        settle(null);
      },
    });
    provider.attach();
    const timer = setTimeout(() => settle(null), SYNC_TIMEOUT_MS);
  });
}

/** Plain text of a live section, read on a copy because the conversion may drop invalid parts. */
export function liveText(doc: Y.Doc): string {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  try {
    return plainText(yDocToContent(copy));
  } finally {
    copy.destroy();
  }
}

// Typing goes through the collaboration tests' own helper, as the scale run does.
export { typeText } from "@/lib/collab/test-helpers";

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}
