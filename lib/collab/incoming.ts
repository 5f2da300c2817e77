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
  const changes = !(holdsUpdate(doc, update) ?? Y.snapshotContainsUpdate(Y.snapshot(doc), update));
  changesByUpdate.set(update, changes);
  return changes;
}

/**
 * `Y.snapshotContainsUpdate(Y.snapshot(doc), update)` for the usual updates, without the
 * snapshot: that builds the delete set of the whole document, item by item, for every
 * update. Here each struct is compared with the document's clock for its client, and each
 * deleted range is looked up among the document's own items. Null when the answer needs the
 * library's exact rules (an empty range, a range past what the document holds, an update
 * this decoder refuses, so that errors are always the library's).
 */
function holdsUpdate(doc: Y.Doc, update: Uint8Array): boolean | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  for (const struct of decoded.structs) {
    if (Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return null;
    const state = Y.getState(doc.store, client);
    for (const range of ranges) {
      const end = range.clock + range.len;
      if (range.len <= 0 || end > state) return null;
      for (let index = Y.findIndexSS(structs, range.clock); index < structs.length && structs[index].id.clock < end; index += 1) {
        if (!structs[index].deleted) return false;
      }
    }
  }
  return true;
}
