import type { Extension, Hocuspocus } from "@hocuspocus/server";
import { MAX_DOCUMENT_BYTES } from "../content-inspection";
import { CollabRefusal } from "../refusal";

/**
 * Largest WebSocket frame accepted, instead of the `ws` default of 100 MiB. Pasting a whole
 * section at its limit (200,000 characters, at most 3 bytes each in UTF-8, plus markup that
 * Yjs encodes compactly) makes one update of well under 1 MiB, so 2 MiB refuses only abuse.
 */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * People editing or watching one section at once. A ministry's drafting group is a handful
 * of people plus reviewers; fifty is far beyond that and keeps one section's fan-out (every
 * keystroke sent to every connection) bounded.
 */
export const MAX_CONNECTIONS_PER_DOCUMENT = 50;

/**
 * Sections one WebSocket may hold open at once. The editor opens one provider per visible
 * section on a shared socket; a whole handbook chapter has a few dozen sections.
 */
export const MAX_DOCUMENTS_PER_SOCKET = 64;

export interface CollabLimits {
  maxFrameBytes: number;
  maxDocumentBytes: number;
  maxConnectionsPerDocument: number;
  maxDocumentsPerSocket: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxFrameBytes: MAX_FRAME_BYTES,
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  maxConnectionsPerDocument: MAX_CONNECTIONS_PER_DOCUMENT,
  maxDocumentsPerSocket: MAX_DOCUMENTS_PER_SOCKET,
};

function documentsOnSocket(instance: Hocuspocus, socketId: string): number {
  let count = 0;
  for (const document of instance.documents.values()) {
    for (const connection of document.getConnections()) {
      if (connection.socketId === socketId) count += 1;
    }
  }
  return count;
}

/**
 * Caps on what one client can hold open. Frame size is enforced by `ws` itself
 * (`websocketOptions.maxPayload`) and document size by the content guard; Hocuspocus already
 * bounds what an unauthenticated socket may queue (`maxUnauthenticatedQueueSize`).
 */
export function limitsExtension(limits: Pick<CollabLimits, "maxConnectionsPerDocument" | "maxDocumentsPerSocket">): Extension {
  return {
    extensionName: "limits",

    async onAuthenticate({ instance, documentName, socketId }) {
      const connections = instance.documents.get(documentName)?.getConnectionsCount() ?? 0;
      if (connections >= limits.maxConnectionsPerDocument) {
        throw new CollabRefusal("too-many-connections");
      }
      if (documentsOnSocket(instance, socketId) >= limits.maxDocumentsPerSocket) {
        throw new CollabRefusal("too-many-documents");
      }
    },
  };
}
