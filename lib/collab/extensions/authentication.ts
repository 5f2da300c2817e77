import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Extension } from "@hocuspocus/server";
import { loadActor } from "../../auth/actor";
import { verifyCollabToken, type CollabTokenResult } from "../../auth/collab-token";
import type { Db } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { parseCollabDocumentName } from "../../domain/collab-names";
import { collaborationAccess } from "../../policies";
import { collabUserOf, type CollabContext } from "../context";
import type { Logger } from "../logger";
import { CollabRefusal } from "../refusal";

/** Hocuspocus stops its hook chain quietly, without logging or answering, on an empty rejection. */
function stopQuietly(): Promise<never> {
  return Promise.reject(undefined);
}

function refuseUpgrade(socket: Duplex): void {
  socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  socket.destroy();
}

function refusalFor(result: Exclude<CollabTokenResult, { ok: true }>): CollabRefusal {
  if (result.reason === "expired") return new CollabRefusal("token-expired");
  if (result.reason === "wrong_document") return new CollabRefusal("wrong-document");
  return new CollabRefusal("invalid-token");
}

/**
 * Who may join which section, decided by the same permission module as every other entry
 * point: the token only says who the user is and which document they asked for; the actor
 * is loaded fresh from the database and `collaborationAccess` decides. Writers edit, readers
 * join read-only (Hocuspocus then drops their updates), everyone else is refused before any
 * document data is sent.
 */
async function decideAccess(db: Db, tokenSecret: string, token: string, documentName: string): Promise<CollabContext> {
  const ref = parseCollabDocumentName(documentName);
  if (!ref) throw new CollabRefusal("invalid-document");
  const verified = await verifyCollabToken(token, documentName, { secret: tokenSecret });
  if (!verified.ok) throw refusalFor(verified);
  const actor = await loadActor(db, verified.claims.userId);
  if (!actor) throw new CollabRefusal("unknown-user");
  let proposal;
  try {
    proposal = await loadProposal(db, ref.proposalId);
  } catch {
    throw new CollabRefusal("not-found");
  }
  const access = collaborationAccess(actor, proposalResource(proposal));
  if (access === "none") throw new CollabRefusal("forbidden");
  const section = proposal.sections.find((candidate) => candidate.sectionId === ref.sectionId);
  if (!section) throw new CollabRefusal("not-found");
  // A section the draft removes is kept for comparison only: nobody types into it.
  const mode = access === "write" && !section.removed && !verified.claims.readOnly ? "write" : "read";
  return { user: { id: actor.id, name: actor.name }, access: mode, ...ref };
}

export function authenticationExtension(deps: {
  db: Db;
  tokenSecret: string;
  allowedOrigins: readonly string[];
  logger: Logger;
}): Extension {
  const { db, tokenSecret, logger } = deps;
  const allowedOrigins = new Set(deps.allowedOrigins);
  return {
    extensionName: "authentication",

    /**
     * Browsers always send Origin on a WebSocket handshake, so a page on another site is
     * turned away before the upgrade. Node clients send none; their token decides alone.
     */
    async onUpgrade({ request, socket }: { request: IncomingMessage; socket: Duplex }) {
      const origin = request.headers.origin;
      if (origin === undefined || allowedOrigins.has(origin)) return;
      logger.warn("connection.origin_refused", { origin: origin.slice(0, 200) });
      refuseUpgrade(socket);
      return stopQuietly();
    },

    async onAuthenticate({ token, documentName, connectionConfig }) {
      try {
        const context = await decideAccess(db, tokenSecret, token, documentName);
        connectionConfig.readOnly = context.access === "read";
        return context;
      } catch (error) {
        const reason = error instanceof CollabRefusal ? error.reason : "error";
        logger.info("connection.refused", { documentName: documentName.slice(0, 200), reason });
        throw error;
      }
    },

    /**
     * A provider sends a fresh token before the old one expires; the permission is decided
     * again, so a revoked co-author or a submitted proposal downgrades a live connection.
     */
    async onTokenSync({ token, documentName, connection, context }) {
      const current = collabUserOf(context);
      const next = await decideAccess(db, tokenSecret, token, documentName);
      if (current?.id !== next.user.id) throw new CollabRefusal("invalid-token");
      connection.readOnly = next.access === "read";
      Object.assign(connection.context, { access: next.access });
      // A downgrade takes effect from here on; the log says when, for whoever audits access.
      logger.info("connection.token_renewed", { documentName: documentName.slice(0, 200), access: next.access });
    },
  };
}
