import type { Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { retryWhileBusy } from "../../db/transaction";
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
 * is therefore written here, and the write awaited, before Hocuspocus applies it. A store
 * that succeeds deletes the rows its state contains; loading a document replays what is left.
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

export function durableLogExtension(deps: {
  log: DurableLog;
  ledgers: DocumentLedgers;
  logger: Logger;
  metrics: CollabMetrics;
}): Extension {
  const { log, ledgers, logger, metrics } = deps;
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
      if (!carriesChanges(document, payload)) return;
      const started = performance.now();
      const logId = await log.append(document.name, payload, collabUserOf(context)?.id ?? null);
      metrics.record("logAppend", performance.now() - started);
      ledgers.for(document).logAppended(connection, logId);
    },

    async afterHandleMessage({ connection, document }) {
      ledgers.for(document).messageHandled(connection);
    },
  };
}
