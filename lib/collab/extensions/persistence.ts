import type { Document, Extension, Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { parseCollabDocumentName, type CollabDocumentRef } from "../../domain/collab-names";
import { storeDraftSection, type StoreDraftResult } from "../../services/proposals/store-draft-section";
import { retryWhileBusy } from "../../db/transaction";
import { storableContent } from "../content-inspection";
import type { DocumentLedgers } from "../ledger";
import { errorMessage, type Logger } from "../logger";
import type { CollabMetrics } from "../metrics";
import { loadOrSeedSectionState } from "../section-state";
import type { DurableLog } from "./durable-log";

/**
 * How long after the last change a section is stored. The web app reads drafts from the
 * database (review, comparison, submission), so stored text should trail the live text by
 * about a second; the durable log already makes each acknowledged update crash-safe, so the
 * debounce only saves database writes while someone types.
 */
export const STORE_DEBOUNCE_MS = 1_000;

/** Continuous typing still reaches the database at least this often. */
export const STORE_MAX_DEBOUNCE_MS = 5_000;

/** First wait before retrying a failed store; doubled per failure up to the maximum. */
const STORE_RETRY_BASE_MS = 1_000;

/** A database that stays down is retried twice a minute, without flooding the log. */
const STORE_RETRY_MAX_MS = 30_000;

export type StoreOutcome =
  | { kind: "stored"; contentHash: string }
  | { kind: "unchanged" }
  | { kind: "refused"; reason: "not_found" | "not_editable" };

export type StoreSection = typeof storeDraftSection;

/**
 * A store whose compare-and-set keeps losing (other instances storing the same document at the
 * same moment) reads and merges again this many times before it counts as a failed store.
 */
const STORE_STATE_MOVED_ATTEMPTS = 5;

/**
 * How long after updates from another instance this one checks that they were stored: that
 * instance stores them within its own debounce, unless it died first (then this one does).
 */
export const REMOTE_UPDATE_STORE_GRACE_MS = 2 * STORE_MAX_DEBOUNCE_MS;

/** Folding the stored state in: neither a client's edit nor a reason to store again by itself. */
const STORED_STATE_ORIGIN = { source: "local", skipStoreHooks: true } as const;

function isRedisOrigin(origin: unknown): boolean {
  return typeof origin === "object" && origin !== null && (origin as { source?: unknown }).source === "redis";
}

async function readStoredState(db: Db, ref: CollabDocumentRef): Promise<Uint8Array | null> {
  const row = await db.proposalSection.findUnique({
    where: { proposalId_sectionId: { proposalId: ref.proposalId, sectionId: ref.sectionId } },
    select: { yState: true },
  });
  return row?.yState ?? null;
}

/** Whether `document` (which already holds `stored`) holds nothing more: same items, same deletions. */
function holdsNothingMore(document: Y.Doc, stored: Uint8Array): boolean {
  const storedDoc = new Y.Doc();
  try {
    Y.applyUpdate(storedDoc, stored);
    return Y.equalSnapshots(Y.snapshot(document), Y.snapshot(storedDoc));
  } finally {
    storedDoc.destroy();
  }
}

/** Close code for writers of a draft that just stopped being editable (mirrors HTTP 409). */
const NOT_EDITABLE_CLOSE_CODE = 4409;

/**
 * Closes the sockets of everyone who may still write: their providers reconnect at once, are
 * authenticated again, and join read-only, so their editors stop accepting text that would
 * never be stored.
 */
function reconnectWriters(document: Document): void {
  for (const connection of document.getConnections()) {
    if (!connection.readOnly) connection.webSocket.close(NOT_EDITABLE_CLOSE_CODE, "proposal-not-editable");
  }
}

/**
 * Loads a section's live document from the database (seeding it on first use) and stores it
 * through `storeDraftSection`, which saves content and Yjs state together, records who
 * edited, and re-checks approvals. A failing store throws, so Hocuspocus keeps the document
 * in memory, and is retried; unloading waits until a store has succeeded.
 */
export class SectionPersistence {
  private readonly db: Db;
  private readonly ledgers: DocumentLedgers;
  private readonly log: DurableLog;
  private readonly logger: Logger;
  private readonly metrics: CollabMetrics;
  private readonly storeSection: StoreSection;

  constructor(deps: {
    db: Db;
    ledgers: DocumentLedgers;
    log: DurableLog;
    logger: Logger;
    metrics: CollabMetrics;
    /** The service that stores a draft; replaceable so that failures can be rehearsed. */
    storeSection?: StoreSection;
  }) {
    this.db = deps.db;
    this.ledgers = deps.ledgers;
    this.log = deps.log;
    this.logger = deps.logger;
    this.metrics = deps.metrics;
    this.storeSection = deps.storeSection ?? storeDraftSection;
  }

  /** Stores now, between Hocuspocus's own debounced stores rather than alongside them. */
  storeNow(document: Document, instance: Hocuspocus): Promise<StoreOutcome> {
    return document.saveMutex.runExclusive(() => this.store(document, instance));
  }

  async store(document: Document, instance: Hocuspocus): Promise<StoreOutcome> {
    const ref = parseCollabDocumentName(document.name);
    if (!ref) throw new Error(`Tên tài liệu không hợp lệ (invalid document name): ${document.name}`);
    const ledger = this.ledgers.for(document);
    if (!ledger.hasPendingWork()) return { kind: "unchanged" };
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.storeOnce(document, instance, ref);
      if (outcome !== "state_moved") return outcome;
      if (attempt >= STORE_STATE_MOVED_ATTEMPTS) {
        const error = new Error(`Trạng thái đã lưu thay đổi liên tục (stored state kept moving): ${document.name}`);
        this.scheduleRetry(document, instance);
        this.logger.error("store.failed", { documentName: document.name, attempt: ledger.failedStores, error: error.message });
        throw error;
      }
    }
  }

  /**
   * One store from the state the database holds now. Several collaboration instances may hold
   * the same document (Redis keeps them in step): the stored state is folded into the live one
   * first, so that a store never replaces updates it has not received, and written only if the
   * row still holds that state (compare-and-set). When the live document holds nothing the
   * stored one lacks (another instance stored this change already), nothing but attribution
   * is written: a change is stored once, not once per instance.
   */
  private async storeOnce(document: Document, instance: Hocuspocus, ref: CollabDocumentRef): Promise<StoreOutcome | "state_moved"> {
    const ledger = this.ledgers.for(document);
    let stored: Uint8Array | null;
    try {
      stored = await retryWhileBusy(() => readStoredState(this.db, ref));
    } catch (error) {
      this.scheduleRetry(document, instance);
      this.logger.error("store.failed", { documentName: document.name, attempt: ledger.failedStores, error: errorMessage(error) });
      throw error;
    }
    if (stored) Y.applyUpdate(document, stored, STORED_STATE_ORIGIN);

    // Snapshot, state and content are taken in one synchronous turn: no update slips between them.
    const snapshot = ledger.beginStore();
    if (!snapshot.changed && !snapshot.remoteChanged) {
      await this.compact(document, snapshot.logIds);
      return { kind: "unchanged" };
    }
    const alreadyStored = stored !== null && holdsNothingMore(document, stored);
    if (alreadyStored && snapshot.editorIds.length === 0) {
      await this.compact(document, snapshot.logIds);
      return { kind: "unchanged" };
    }
    const yState = alreadyStored ? null : Y.encodeStateAsUpdate(document);
    const { content, problems } = storableContent(document);
    if (problems.length > 0) this.logger.warn("store.invalid_content", { documentName: document.name, problems: JSON.stringify(problems).slice(0, 500) });

    const started = performance.now();
    let result: StoreDraftResult;
    try {
      const input = { ...ref, content, yState, expectedYState: stored, editorIds: snapshot.editorIds, db: this.db };
      result = await retryWhileBusy(() => this.storeSection(input));
    } catch (error) {
      ledger.restore(snapshot);
      this.scheduleRetry(document, instance);
      this.logger.error("store.failed", { documentName: document.name, attempt: ledger.failedStores, error: errorMessage(error) });
      throw error;
    }
    if (!result.stored && result.reason === "state_moved") {
      ledger.restore(snapshot);
      return "state_moved";
    }
    const elapsed = performance.now() - started;
    this.metrics.record("store", elapsed);
    ledger.failedStores = 0;

    if (!result.stored) {
      // The proposal left the editable states (submitted for good, published, withdrawn):
      // its draft is frozen and these updates will never be stored, so they are dropped, and
      // the editors reconnect to learn that they may now only read.
      await this.compact(document, snapshot.logIds);
      this.logger.warn("store.refused", { documentName: document.name, reason: result.reason });
      setImmediate(() => reconnectWriters(document));
      return { kind: "refused", reason: result.reason };
    }
    await this.compact(document, snapshot.logIds);
    this.logger.debug("store.done", { documentName: document.name, ms: Math.round(elapsed), editors: snapshot.editorIds.length, stateWritten: yState !== null });
    return yState === null ? { kind: "unchanged" } : { kind: "stored", contentHash: result.contentHash };
  }

  private async compact(document: Document, logIds: number[]): Promise<void> {
    try {
      await this.log.compact(logIds);
    } catch (error) {
      // The rows only replay updates the stored state already holds; the next store deletes them.
      this.ledgers.for(document).logApplied(logIds);
      this.logger.warn("log.compaction_failed", { documentName: document.name, rows: logIds.length, error: errorMessage(error) });
    }
  }

  private scheduleRetry(document: Document, instance: Hocuspocus): void {
    const ledger = this.ledgers.for(document);
    ledger.failedStores += 1;
    if (ledger.retryTimer) return;
    const delay = Math.min(STORE_RETRY_MAX_MS, STORE_RETRY_BASE_MS * 2 ** (ledger.failedStores - 1));
    ledger.retryTimer = setTimeout(() => {
      ledger.retryTimer = null;
      if (document.isDestroyed) return;
      void instance.storeDocumentHooks(document, {
        instance,
        clientsCount: document.getConnectionsCount(),
        document,
        documentName: document.name,
        lastContext: {},
        lastTransactionOrigin: { source: "local" },
      });
    }, delay);
  }

  extension(): Extension {
    return {
      extensionName: "persistence",

      onLoadDocument: async ({ document, documentName }) => {
        const ref = parseCollabDocumentName(documentName);
        if (!ref) throw new Error(`Tên tài liệu không hợp lệ (invalid document name): ${documentName}`);
        Y.applyUpdate(document, await loadOrSeedSectionState(this.db, ref));
      },

      afterLoadDocument: async ({ document, documentName, instance, context }) => {
        const ledger = this.ledgers.for(document);
        let remoteCheck: NodeJS.Timeout | null = null;
        document.on("update", (_update: Uint8Array, origin: unknown) => {
          if (!isRedisOrigin(origin)) {
            ledger.markChanged();
            return;
          }
          // Another instance logged this update and stores it; check later that it did.
          ledger.markRemoteChanged();
          if (remoteCheck) return;
          remoteCheck = setTimeout(() => {
            remoteCheck = null;
            if (document.isDestroyed) return;
            void instance.storeDocumentHooks(document, {
              instance,
              clientsCount: document.getConnectionsCount(),
              document,
              documentName,
              lastContext: context,
              lastTransactionOrigin: { source: "local" },
            });
          }, REMOTE_UPDATE_STORE_GRACE_MS);
          remoteCheck.unref();
        });
        // Updates replayed from the log are in memory only: store them without waiting for an edit.
        if (!ledger.hasPendingWork()) return;
        void instance.storeDocumentHooks(document, {
          instance,
          clientsCount: document.getConnectionsCount(),
          document,
          documentName,
          lastContext: context,
          lastTransactionOrigin: { source: "local" },
        });
      },

      onStoreDocument: async ({ document, instance }) => {
        await this.store(document, instance);
      },

      beforeUnloadDocument: async ({ document, documentName }) => {
        const ledger = this.ledgers.for(document);
        if (!ledger.hasUnsavedChanges()) return;
        // Rejecting keeps the document loaded; the retry stores it and then unloads it.
        this.logger.warn("unload.deferred", { documentName, reason: "unsaved changes" });
        throw new Error(`Chưa lưu được ${documentName}; giữ trong bộ nhớ (unsaved, kept in memory)`);
      },

      afterUnloadDocument: async ({ documentName }) => {
        this.logger.debug("document.unloaded", { documentName });
      },
    };
  }
}
