import type { Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { retryWhileBusy } from "../../db/transaction";
import { AcknowledgementGate } from "../acknowledgement-gate";
import { GroupCommit } from "../group-commit";
import { openLogStore, type LogEntry, type LogStore } from "../log-store";
import { collabUserOf } from "../context";
import { carriesChanges, carriesUpdate } from "../incoming";
import type { DocumentLedgers } from "../ledger";
import { errorMessage, type Logger } from "../logger";
import type { CollabMetrics } from "../metrics";

/**
 * Rows deleted per statement when compacting: far below every engine's limit on bound
 * parameters, and still few statements for the updates of one debounce window.
 */
const COMPACTION_BATCH = 500;

/**
 * The append-only log that makes an acknowledged edit durable. Hocuspocus acknowledges an
 * update once it is applied in memory and stores the document later, debounced; an update
 * is therefore written here before its acknowledgement reaches the client (the
 * acknowledgement gate holds it until then; with Redis, the write is awaited before the update
 * is even applied). A store that succeeds deletes the rows its state contains; loading a
 * document replays what is left.
 */
export class DurableLog {
  private readonly store: LogStore;
  /** Appends grouped into one transaction per turn or per write under way (see group-commit.ts). */
  private readonly groups: GroupCommit<LogEntry>;

  constructor(
    private readonly db: Db,
    store?: LogStore,
  ) {
    this.store = store ?? openLogStore(db);
    this.groups = new GroupCommit((entries) => this.store.appendGroup(entries));
  }

  /** Resolves with the row's id once the update is durable (with the others of its group). */
  append(documentName: string, update: Uint8Array, userId: string | null): Promise<number> {
    return this.groups.append({ documentName, update, userId });
  }

  /** Called with each group's size once it is written. */
  onGroupWritten(listener: (size: number) => void): void {
    this.groups.onGroupWritten = listener;
  }

  /** Waits for every append under way, then closes the log's own connection. */
  async close(): Promise<void> {
    await this.groups.idle();
    await this.store.close();
  }

  entries(documentName: string) {
    return this.db.collabUpdate.findMany({
      where: { documentName },
      orderBy: { id: "asc" },
      select: { id: true, update: true, userId: true },
    });
  }

  async compact(ids: readonly number[]): Promise<void> {
    for (let start = 0; start < ids.length; start += COMPACTION_BATCH) {
      const batch = ids.slice(start, start + COMPACTION_BATCH);
      await retryWhileBusy(() => this.db.collabUpdate.deleteMany({ where: { id: { in: batch } } }));
    }
  }
}

/** First pause before writing a failed append again; doubled per failure up to the maximum. */
const APPEND_RETRY_BASE_MS = 100;
/** A database that stays down is tried every few seconds, not hammered. */
const APPEND_RETRY_MAX_MS = 5_000;

export function durableLogExtension(deps: {
  log: DurableLog;
  ledgers: DocumentLedgers;
  logger: Logger;
  metrics: CollabMetrics;
  /**
   * Apply and fan out an update before its append is durable, holding back only its
   * acknowledgement (see acknowledgement-gate.ts). Off when other instances receive applied
   * updates (Redis): they could not tell a durable update from one that is not yet.
   */
  fanOutBeforeDurable: boolean;
}): Extension {
  const { log, ledgers, logger, metrics, fanOutBeforeDurable } = deps;
  const gate = new AcknowledgementGate();
  log.onGroupWritten((entries) => {
    if (entries > 1) logger.debug("log.group_written", { entries });
  });

  /**
   * The update is already in the document and with its readers: it must reach the disk, so a
   * failing append is written again until it succeeds; its acknowledgement waits meanwhile,
   * and the stores keep the document in memory until it is stored.
   */
  async function appendUntilDurable(documentName: string, update: Uint8Array, userId: string | null): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await log.append(documentName, update, userId);
      } catch (error) {
        logger.error("log.append_failed", { documentName, attempt: attempt + 1, error: errorMessage(error) });
        await new Promise((resolve) => setTimeout(resolve, Math.min(APPEND_RETRY_MAX_MS, APPEND_RETRY_BASE_MS * 2 ** attempt)));
      }
    }
  }

  return {
    extensionName: "durable-log",

    /** Runs after the stored state is applied, so the log only adds what the store lacked. */
    async onLoadDocument({ document, documentName }) {
      const entries = await log.entries(documentName);
      if (entries.length === 0) return;
      const ledger = ledgers.for(document);
      for (const entry of entries) {
        try {
          Y.applyUpdate(document, entry.update);
        } catch (error) {
          // A row that cannot be applied cannot be repaired either; the others still can.
          logger.error("log.replay_failed", { documentName, logId: entry.id, error: errorMessage(error) });
        }
        if (entry.userId) ledger.addEditor(entry.userId);
      }
      ledger.logApplied(entries.map((entry) => entry.id));
      ledger.markChanged();
      logger.info("log.replayed", { documentName, updates: entries.length });
    },

    async beforeSync({ connection, document, type, payload, context }) {
      if (!carriesUpdate(type) || connection.readOnly) return;
      // Every acknowledgement to a writer passes the gate, those of empty updates included.
      if (fanOutBeforeDurable) gate.guard(connection);
      if (!carriesChanges(document, payload)) return;
      const userId = collabUserOf(context)?.id ?? null;
      const started = performance.now();
      if (!fanOutBeforeDurable) {
        const logId = await log.append(document.name, payload, userId);
        metrics.record("logAppend", performance.now() - started);
        ledgers.for(document).logAppended(connection, logId);
        return;
      }
      const durable = gate.begin(document);
      // The payload is a view into the incoming frame; the append outlives this message.
      void appendUntilDurable(document.name, payload.slice(), userId).then((logId) => {
        metrics.record("logAppend", performance.now() - started);
        // Hocuspocus applied the update in this same turn, before any write can end: the
        // state holds it now, so a store may delete its row.
        ledgers.for(document).logApplied([logId]);
        durable();
      });
    },

    async afterHandleMessage({ connection, document }) {
      ledgers.for(document).messageHandled(connection);
    },
  };
}
