import { SQLITE_BUSY_TIMEOUT_MS } from "../db/client";
import { isBusyError } from "../db/errors";

const FIRST_RETRY_DELAY_MS = 10;
const MAX_RETRY_DELAY_MS = 200;

/**
 * Runs one database write again while another writer holds the SQLite lock. Prisma runs some
 * single calls (`updateMany`, `deleteMany`) as a read followed by a write in one deferred
 * transaction; when the web app writes at the same moment, SQLite fails such a transaction
 * at once instead of waiting, to avoid a deadlock. The call was rolled back, so it is safe to
 * repeat; after the busy timeout the error surfaces like any other.
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
