import type { Db, DbOrTx } from "./client";
import { isBusyError } from "./errors";
import { SQLITE_BUSY_TIMEOUT_MS } from "./client";

/** Interactive transactions may take this long; longer means something is stuck, and it is rolled back. */
export const TRANSACTION_TIMEOUT_MS = 15_000;
const FIRST_RETRY_DELAY_MS = 25;
const MAX_RETRY_DELAY_MS = 400;

/**
 * Runs an interactive transaction, retrying it while the database reports that another writer
 * holds the lock. SQLite starts transactions deferred: one that read first cannot wait for the
 * write lock (that could deadlock), so it fails at once with SQLITE_BUSY. The whole transaction
 * was rolled back, so running it again is safe; after the busy timeout the error surfaces.
 */
export async function runTransaction<T>(db: Db, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  let delay = FIRST_RETRY_DELAY_MS;
  for (;;) {
    try {
      return await db.$transaction(work, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS });
    } catch (error) {
      if (!isBusyError(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}
