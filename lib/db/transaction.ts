import { SQLITE_BUSY_TIMEOUT_MS, type Db, type DbOrTx } from "./client";
import { isBusyError } from "./errors";

/** Interactive transactions may take this long; longer means something is stuck, and it is rolled back. */
export const TRANSACTION_TIMEOUT_MS = 15_000;
/** Short first pause: a competing writer's transaction usually ends within milliseconds. */
const FIRST_RETRY_DELAY_MS = 10;
/** Pauses double up to this, so a long lock is polled a few times a second, not hammered. */
const MAX_RETRY_DELAY_MS = 200;

/**
 * Runs database work again while another writer holds the SQLite lock. SQLite starts
 * transactions deferred: one that read first cannot wait for the write lock (that could
 * deadlock), so it fails at once with SQLITE_BUSY; Prisma runs some single calls (updateMany,
 * deleteMany) that way too. The work was rolled back, so running it again is safe; after the
 * busy timeout the error surfaces like any other.
 */
export async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  let delay = FIRST_RETRY_DELAY_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}

/** Work to do once a transaction has committed, by transaction (the client object Prisma hands to the work). */
const afterCommitWork = new WeakMap<object, (() => void)[]>();

/** An interactive transaction, retried while another writer holds the lock (see retryWhileBusy). */
export async function runTransaction<T>(db: Db, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  let committed: (() => void)[] = [];
  const result = await retryWhileBusy(() => {
    // A retried attempt was rolled back: what its work asked for must not run.
    const pending: (() => void)[] = [];
    committed = pending;
    return db.$transaction(
      (tx) => {
        afterCommitWork.set(tx, pending);
        return work(tx);
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
    );
  });
  for (const hook of committed) {
    try {
      hook();
    } catch (error) {
      // The transaction's result stands: what runs after it is a courtesy (a live refresh), not part of it.
      console.error("[db] after-commit work failed:", error instanceof Error ? error.message : error);
    }
  }
  return result;
}

/**
 * Runs `hook` once what was written through `db` is visible to everyone: after the commit when
 * `db` is a transaction of runTransaction (never, if it rolls back), at once otherwise (a plain
 * client's writes are committed when their call returns). For telling other processes that
 * something changed: told earlier, they would read the database before the change is there.
 */
export function afterCommit(db: DbOrTx, hook: () => void): void {
  const pending = afterCommitWork.get(db);
  if (pending) pending.push(hook);
  else hook();
}
