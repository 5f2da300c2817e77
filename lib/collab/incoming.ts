import * as Y from "yjs";

/**
 * Sync message types of y-protocols (`messageYjsSyncStep2`, `messageYjsUpdate`). Both carry
 * a Yjs update from the client; step 1 only carries a state vector.
 */
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export function carriesUpdate(syncType: number): boolean {
  return syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE;
}

/**
 * Several extensions ask the same question about one incoming update inside one hook chain;
 * Hocuspocus hands every extension the same payload array, so the answer is kept per array.
 */
const changesByUpdate = new WeakMap<Uint8Array, boolean>();

/**
 * Whether applying `update` would change `doc`. Every client answers the server's sync step 1
 * with a step 2 holding whatever the server lacks, usually nothing at all; such empty
 * updates are neither validated, logged nor counted as edits. Throws on a malformed update.
 */
export function carriesChanges(doc: Y.Doc, update: Uint8Array): boolean {
  const known = changesByUpdate.get(update);
  if (known !== undefined) return known;
  const changes = !Y.snapshotContainsUpdate(Y.snapshot(doc), update);
  changesByUpdate.set(update, changes);
  return changes;
}
