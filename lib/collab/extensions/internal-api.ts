import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Extension, Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import { z } from "zod";
import type { Db } from "../../db/client";
import { collabDocumentName, isCollabId, parseCollabDocumentName } from "../../domain/collab-names";
import type { SectionContent } from "../../domain/document";
import { canEditContent, isProposalStatus } from "../../domain/proposal-state";
import { ensureBlockIds, validateSectionContent } from "../../editor/content";
import { applyContentToYDoc } from "../../editor/ydoc";
import { AppError, errorBody, httpStatusFor } from "../../errors";
import { FLUSH_PROPOSAL_PATH, INTERNAL_SECRET_HEADER, REPLACE_SECTION_PATH } from "../client";
import { copyDocument } from "../content-inspection";
import type { CollabContext } from "../context";
import type { DocumentLedgers } from "../ledger";
import { errorMessage, type Logger } from "../logger";
import type { CollabMetrics } from "../metrics";
import type { DurableLog } from "./durable-log";
import type { SectionPersistence } from "./persistence";
import { inputIssues } from "../../domain/input-issues";

/**
 * Largest request body accepted: one section at its limit (2 MiB of JSON,
 * MAX_SECTION_JSON_BYTES) plus the ids around it.
 */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

const replaceInput = z.object({
  proposalId: z.string().refine(isCollabId),
  sectionId: z.string().refine(isCollabId),
  actorId: z.string().min(1).max(64),
  content: z.unknown(),
  /** False for a replacement that is not the actor's writing (a merge): it is not counted as their edit. */
  countsAsEdit: z.boolean().default(true),
});

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(text);
}

function sendError(response: ServerResponse, error: AppError): void {
  // The key and parameters travel too, so the web app renders the message in its reader's language.
  const body = errorBody(error);
  sendJson(response, httpStatusFor(error.code), { error: { ...body.error, key: error.messageKey, params: error.messageParams } });
}

/** Compared as digests, so neither the length nor the content leaks through timing. */
function isInternalSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.byteLength;
    if (size > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "payloadTooLarge", { limitBytes: MAX_BODY_BYTES });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The Yjs update that turns `doc` into `content`, computed on a copy; null when nothing changes. */
function replacementUpdate(doc: Y.Doc, content: SectionContent): Uint8Array | null {
  const copy = copyDocument(doc);
  const updates: Uint8Array[] = [];
  copy.on("update", (update: Uint8Array) => updates.push(update));
  applyContentToYDoc(copy, content);
  copy.destroy();
  if (updates.length === 0) return null;
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}

interface ReplaceDeps {
  db: Db;
  persistence: SectionPersistence;
  log: DurableLog;
  ledgers: DocumentLedgers;
  logger: Logger;
}

/**
 * `POST /internal/sections/replace`: a service of the web app (API edit, import, merge on
 * publish) replaces a section while people may be editing it. The change goes into the live
 * document in one Yjs transaction, so editors see it at once and nothing is duplicated, is
 * written to the durable log first like any edit, and is stored before the answer.
 */
async function replaceSection(request: IncomingMessage, response: ServerResponse, instance: Hocuspocus, deps: ReplaceDeps): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(request));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", "malformedJson");
  }
  const input = replaceInput.safeParse(raw);
  if (!input.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(input.error) });
  const { proposalId, sectionId, actorId, countsAsEdit } = input.data;
  const validation = validateSectionContent(input.data.content);
  if (!validation.ok) {
    throw new AppError("INVALID_CONTENT", "invalidContent", { problems: validation.errors }, { problems: validation.errors });
  }

  const proposal = await deps.db.proposal.findUnique({
    where: { id: proposalId },
    select: { status: true, sections: { where: { sectionId }, select: { id: true } } },
  });
  if (!proposal || proposal.sections.length === 0) throw new AppError("NOT_FOUND", "proposalSectionNotFound");
  if (!isProposalStatus(proposal.status) || !canEditContent(proposal.status)) {
    throw new AppError("INVALID_TRANSITION", "proposalNotEditable");
  }
  const actor = await deps.db.user.findUnique({ where: { id: actorId }, select: { id: true, name: true } });
  if (!actor) throw new AppError("BAD_REQUEST", "unknownActor");

  const documentName = collabDocumentName(proposalId, sectionId);
  const context: CollabContext = { user: actor, access: "write", proposalId, sectionId };
  const connection = await instance.openDirectConnection(documentName, context);
  try {
    const document = connection.document;
    if (!document) throw new AppError("UNAVAILABLE", "collabDocumentClosed");
    const update = replacementUpdate(document, ensureBlockIds(validation.content));
    if (update) {
      // A log row without a user is replayed after a crash without naming an editor.
      const logId = await deps.log.append(documentName, update, countsAsEdit ? actor.id : null);
      await connection.transact((live) => Y.applyUpdate(live, update));
      const ledger = deps.ledgers.for(document);
      ledger.logApplied([logId]);
      if (countsAsEdit) ledger.addEditor(actor.id);
    }
    let outcome;
    try {
      outcome = await deps.persistence.storeNow(document, instance);
    } catch (error) {
      // The change is live and in the durable log; the retried store will save it.
      throw new AppError("UNAVAILABLE", "draftStoreFailed", { reason: errorMessage(error) });
    }
    if (outcome.kind === "refused") {
      throw outcome.reason === "not_found"
        ? new AppError("NOT_FOUND", "proposalSectionNotFound")
        : new AppError("INVALID_TRANSITION", "proposalNotEditable");
    }
    const contentHash =
      outcome.kind === "stored"
        ? outcome.contentHash
        : (await deps.db.proposalSection.findUniqueOrThrow({ where: { proposalId_sectionId: { proposalId, sectionId } }, select: { contentHash: true } })).contentHash;
    deps.logger.info("section.replaced", { documentName, actorId: actor.id, changed: update !== null });
    sendJson(response, 200, { contentHash });
  } finally {
    await connection.disconnect();
  }
}

const flushInput = z.object({ proposalId: z.string().refine(isCollabId) });

/**
 * Stores every loaded section of one proposal now, instead of at the end of the debounce, so
 * that a submit for review captures the last words typed. Answers with how many were stored.
 */
async function flushProposal(request: IncomingMessage, response: ServerResponse, instance: Hocuspocus, deps: ReplaceDeps): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readBody(request));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", "malformedJson");
  }
  const input = flushInput.safeParse(parsed);
  if (!input.success) throw new AppError("BAD_REQUEST", "missingParameter", { name: "proposalId" });
  let stored = 0;
  for (const document of instance.documents.values()) {
    if (parseCollabDocumentName(document.name)?.proposalId !== input.data.proposalId) continue;
    const outcome = await deps.persistence.storeNow(document, instance);
    if (outcome.kind === "stored") stored += 1;
  }
  sendJson(response, 200, { stored });
}

/** Hocuspocus stops its request handling quietly, without its default answer, on an empty rejection. */
function handled(): Promise<never> {
  return Promise.reject(undefined);
}

/**
 * The HTTP side of the collaboration server, on the same port as the WebSockets:
 * `GET /health` for supervisors, and the internal endpoints for the web app (replace a
 * section, store a proposal's sections now), which must present COLLAB_INTERNAL_SECRET.
 * Everything else is 404.
 */
export function internalApiExtension(deps: ReplaceDeps & { internalSecret: string; metrics: CollabMetrics }): Extension {
  const { internalSecret, logger } = deps;
  return {
    extensionName: "internal-api",

    async onRequest({ request, response, instance }) {
      const path = new URL(request.url ?? "/", "http://collab.invalid").pathname;
      try {
        if (path === "/health") {
          if (request.method !== "GET" && request.method !== "HEAD") throw new AppError("BAD_REQUEST", "methodNotAllowed", { allowed: "GET /health" });
          sendJson(response, 200, { status: "ok", documents: instance.getDocumentsCount(), connections: instance.getConnectionsCount() });
          return handled();
        }
        if (path !== REPLACE_SECTION_PATH && path !== FLUSH_PROPOSAL_PATH) throw new AppError("NOT_FOUND", "pathNotFound");
        if (request.method !== "POST") throw new AppError("BAD_REQUEST", "methodNotAllowed", { allowed: `POST ${path}` });
        if (!isInternalSecret(request.headers[INTERNAL_SECRET_HEADER], internalSecret)) {
          throw new AppError("UNAUTHENTICATED", "badInternalSecret");
        }
        if (path === FLUSH_PROPOSAL_PATH) await flushProposal(request, response, instance, deps);
        else await replaceSection(request, response, instance, deps);
      } catch (error) {
        const appError = error instanceof AppError ? error : new AppError("INTERNAL", "collabInternal");
        if (!(error instanceof AppError)) logger.error("internal_api.failed", { path, error: errorMessage(error) });
        if (!response.headersSent) sendError(response, appError);
        else response.end();
      }
      return handled();
    },
  };
}
