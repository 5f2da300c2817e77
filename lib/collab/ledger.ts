import type * as Y from "yjs";
import type { Validity } from "./extensions/content-guard";

/** What a store takes over from the ledger; handed back if the store fails. */
export interface StoreSnapshot {
  /** Whether the document changed since the previous store began. */
  changed: boolean;
  /** Whether updates arrived from another collaboration instance (through Redis) since then. */
  remoteChanged: boolean;
  editorIds: string[];
  /** Durable log rows whose updates are in the state being stored. */
  logIds: number[];
}

/**
 * The bookkeeping that several extensions share about one loaded document: who edited it
 * since the last store (attribution), which durable log rows its state already contains
 * (compaction), whether it changed at all (no empty stores), and whether its content was
 * valid (content guard). It lives exactly as long as the loaded document.
 */
export class DocumentLedger {
  private changed = false;
  /**
   * Updates that another instance applied first (and logged, and will store): this one stores
   * them only if that instance has not, when its check comes (a flush, a store of its own, the
   * grace period after them).
   */
  private remoteChanged = false;
  private readonly editors = new Set<string>();
  private readonly appliedLogIds = new Set<number>();
  /** Log rows appended for a message that Hocuspocus has not applied yet, per connection. */
  private readonly pendingLogIds = new Map<object, number>();
  /** The live document's validity, so the guard can tell new problems from old ones. */
  validity: Validity | null = null;
  retryTimer: NodeJS.Timeout | null = null;
  failedStores = 0;

  markChanged(): void {
    this.changed = true;
  }

  markRemoteChanged(): void {
    this.remoteChanged = true;
  }

  addEditor(userId: string): void {
    this.editors.add(userId);
  }

  /** A row was appended for the message `connection` is handling; it counts once applied. */
  logAppended(connection: object, logId: number): void {
    this.pendingLogIds.set(connection, logId);
  }

  /** Hocuspocus finished handling the message of `connection`: its update is in the state now. */
  messageHandled(connection: object): void {
    const logId = this.pendingLogIds.get(connection);
    if (logId === undefined) return;
    this.pendingLogIds.delete(connection);
    this.appliedLogIds.add(logId);
  }

  logApplied(logIds: Iterable<number>): void {
    for (const id of logIds) this.appliedLogIds.add(id);
  }

  /** Something to store, or log rows to delete. */
  hasPendingWork(): boolean {
    return this.changed || this.remoteChanged || this.appliedLogIds.size > 0;
  }

  /** Changes only memory holds (and the log): the document must not be unloaded yet. */
  hasUnsavedChanges(): boolean {
    return this.changed;
  }

  /**
   * Takes everything up to now for one store. Must be called in the same synchronous turn as
   * encoding the state, so that the state holds every update of the rows it claims.
   */
  beginStore(): StoreSnapshot {
    const snapshot: StoreSnapshot = {
      changed: this.changed,
      remoteChanged: this.remoteChanged,
      editorIds: [...this.editors],
      logIds: [...this.appliedLogIds],
    };
    this.changed = false;
    this.remoteChanged = false;
    this.editors.clear();
    this.appliedLogIds.clear();
    return snapshot;
  }

  /** The store failed: its changes, editors and rows wait for the next one. */
  restore(snapshot: StoreSnapshot): void {
    if (snapshot.changed) this.changed = true;
    if (snapshot.remoteChanged) this.remoteChanged = true;
    for (const id of snapshot.editorIds) this.editors.add(id);
    for (const id of snapshot.logIds) this.appliedLogIds.add(id);
  }
}

export class DocumentLedgers {
  private readonly ledgers = new WeakMap<Y.Doc, DocumentLedger>();

  for(doc: Y.Doc): DocumentLedger {
    let ledger = this.ledgers.get(doc);
    if (!ledger) {
      ledger = new DocumentLedger();
      this.ledgers.set(doc, ledger);
    }
    return ledger;
  }
}
