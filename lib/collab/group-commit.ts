/**
 * Group commit: appends that arrive while a write is under way, or in the same turn of the
 * event loop, are written together by one call of `write` (one transaction, one fsync) and
 * settle together. An entry's promise resolves only after the write that holds it returned,
 * that is once the entry is durable; a write that fails rejects every entry it held, and
 * none of them was written (the writer is a single transaction).
 *
 * Nothing waits for a timer: the first append of an idle queue is written at the end of the
 * next turn (setImmediate, twice), so a lone update costs no extra latency, and updates that
 * arrive during a slow write simply ride on the next one.
 */

/** Writes `entries` atomically, in order, and answers one id per entry, in the same order. */
export type BatchWrite<Entry> = (entries: readonly Entry[]) => Promise<number[]>;

/**
 * Most entries in one write: the largest frame a client may send is 2 MiB, so this bounds a
 * transaction at a few hundred MiB in the worst case and at a few KiB for typed characters.
 */
export const MAX_GROUP_ENTRIES = 256;

interface Waiting<Entry> {
  entry: Entry;
  resolve(id: number): void;
  reject(error: unknown): void;
}

export class GroupCommit<Entry> {
  private queue: Waiting<Entry>[] = [];
  private writing = false;
  private inFlight = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  /** Sizes of the groups written so far, for the metrics and the tests. */
  onGroupWritten: ((size: number) => void) | null = null;

  constructor(
    private readonly write: BatchWrite<Entry>,
    private readonly maxGroup: number = MAX_GROUP_ENTRIES,
  ) {}

  /** Resolves with the entry's id once it is durable; rejects if its group could not be written. */
  append(entry: Entry): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /** Entries appended and not yet settled. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** Resolves once every entry appended so far has settled (written or failed). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    // Two turns' ends, not one: Hocuspocus sends the fan-out of an update it applies in a
    // setImmediate of its own, queued after this one; the write (a synchronous fsync on
    // SQLite) must not stand between an update and its readers.
    setImmediate(() =>
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      }),
    );
  }

  private async flush(): Promise<void> {
    if (this.writing) return;
    const group = this.queue.splice(0, this.maxGroup);
    if (group.length === 0) return this.settleIdle();
    this.writing = true;
    this.inFlight = group.length;
    try {
      const ids = await this.write(group.map((waiting) => waiting.entry));
      if (ids.length !== group.length) throw new Error(`group commit: ${ids.length} ids for ${group.length} entries`);
      this.onGroupWritten?.(group.length);
      group.forEach((waiting, index) => waiting.resolve(ids[index]));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    } finally {
      this.writing = false;
      this.inFlight = 0;
    }
    // Whatever arrived during the write has waited long enough: write it now, together.
    if (this.queue.length > 0) void this.flush();
    else this.settleIdle();
  }

  private settleIdle(): void {
    if (this.queue.length > 0 || this.writing) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
