import { getDb, type Db, type DbOrTx } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { runTransaction } from "../../db/transaction";
import {
  addSignatures,
  arrayHashReader,
  consistencyProof,
  cosignatureVerifier,
  decodeHex,
  encodeBase64,
  formatAddCheckpointRequest,
  formatSignatureLine,
  NoteError,
  openNote,
  rootFromLeafHashes,
  type HashReader,
} from "../../domain/tlog";
import { LogSigner, loadLogKey } from "../../log/log-signer";
import { configuredWitnesses, postAddCheckpoint, type ConfiguredWitness } from "../../log/witnesses";

/**
 * Signed checkpoints of the log and their witnesses' cosignatures. A checkpoint is signed after
 * the transaction that appended leaves has committed (a signature over a tree that then rolled
 * back would make the next, different tree of that size unsignable), by the signer that
 * refuses anything inconsistent with what it signed before (lib/log/log-signer.ts).
 */

export interface LogTree {
  size: number;
  leafHashes: Uint8Array[];
  reader: HashReader;
}

/** Every leaf hash, in order. The handbook's log grows by one leaf per version, so it is small enough to hold. */
export async function loadLogTree(db: DbOrTx, size?: number): Promise<LogTree> {
  const rows = await db.logEntry.findMany({
    orderBy: { index: "asc" },
    select: { index: true, leafHash: true },
    ...(size === undefined ? {} : { where: { index: { lt: size } } }),
  });
  rows.forEach((row, position) => {
    if (row.index !== position) throw new Error(`the log has a gap: leaf ${position} is missing`);
  });
  const leafHashes = rows.map((row) => decodeHex(row.leafHash));
  return { size: leafHashes.length, leafHashes, reader: arrayHashReader(leafHashes) };
}

export interface StoredCheckpoint {
  size: number;
  rootHash: string;
  note: string;
}

export async function latestCheckpoint(db: DbOrTx): Promise<StoredCheckpoint | null> {
  return db.logCheckpoint.findFirst({ orderBy: { size: "desc" }, select: { size: true, rootHash: true, note: true } });
}

/** The signed checkpoint with every cosignature collected for it (what `/log/checkpoint` serves). */
export async function cosignedNote(db: DbOrTx, checkpoint: StoredCheckpoint): Promise<string> {
  const cosignatures = await db.logCosignature.findMany({ where: { size: checkpoint.size }, orderBy: { witness: "asc" }, select: { line: true } });
  return cosignatures.length === 0 ? checkpoint.note : addSignatures(checkpoint.note, cosignatures.map((row) => row.line).join(""));
}

export interface SignOptions {
  db?: Db;
  signer?: LogSigner;
  witnesses?: readonly ConfiguredWitness[];
  /** Wait for the witnesses' answers (tests, start) instead of pushing in the background (publishing). */
  awaitWitnesses?: boolean;
}

/**
 * Signs a checkpoint for every leaf appended since the last one, stores it and pushes it to the
 * witnesses. Returns the latest checkpoint (null for an empty log). A refusal of the signer is
 * thrown: it means the database no longer extends what the log signed.
 */
export async function signPendingCheckpoint(options: SignOptions = {}): Promise<StoredCheckpoint | null> {
  const db = options.db ?? (await getDb());
  const tree = await loadLogTree(db);
  const latest = await latestCheckpoint(db);
  if (tree.size === 0) return latest;
  let checkpoint = latest;
  if (!latest || latest.size < tree.size) {
    const signer = options.signer ?? new LogSigner(loadLogKey());
    const rootHash = rootFromLeafHashes(tree.leafHashes);
    const note = await signer.signTree({ size: tree.size, rootHash }, (oldSize) => consistencyProof(tree.reader, oldSize, tree.size));
    checkpoint = { size: tree.size, rootHash: encodeBase64(rootHash), note };
    await insertOnce(db, (tx) => tx.logCheckpoint.create({ data: checkpoint! }));
  }
  if (checkpoint) {
    const push = pushToWitnesses(db, checkpoint, tree, options.witnesses ?? configuredWitnesses());
    if (options.awaitWitnesses) await push;
    else push.catch((error: unknown) => console.error("[log] pushing the checkpoint to witnesses failed:", error));
  }
  return checkpoint;
}

/**
 * Inserts a row in a transaction of its own: on the embedded engine every query shares one
 * connection, and a write outside a transaction would be rolled back with whichever
 * transaction (a losing publish) happened to be open on it. A row already there (another
 * process signed the same tree: the same key over the same text gives the same note) is fine.
 */
async function insertOnce(db: Db, insert: (tx: DbOrTx) => Promise<unknown>): Promise<void> {
  try {
    await runTransaction(db, async (tx) => {
      await insert(tx);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Signs pending checkpoints after a publish without failing it: the version is committed already. */
export async function signAfterPublish(db?: Db): Promise<void> {
  try {
    await signPendingCheckpoint({ db });
  } catch (error) {
    console.error("[log] SECURITY: no checkpoint was signed for the new version:", error instanceof Error ? error.message : error);
  }
}

export interface WitnessPushResult {
  witness: string;
  outcome: "cosigned" | "already_cosigned" | "refused" | "unreachable" | "invalid_cosignature";
  detail?: string;
}

/**
 * Pushes a checkpoint to each witness that has not cosigned it: `old` is the size it last
 * cosigned as far as we know, corrected once when it answers 409 with the size it holds.
 */
export async function pushToWitnesses(db: Db, checkpoint: StoredCheckpoint, tree: LogTree, witnesses: readonly ConfiguredWitness[]): Promise<WitnessPushResult[]> {
  const results: WitnessPushResult[] = [];
  for (const witness of witnesses) {
    const existing = await db.logCosignature.findUnique({ where: { size_witness: { size: checkpoint.size, witness: witness.name } } });
    if (existing) {
      results.push({ witness: witness.name, outcome: "already_cosigned" });
      continue;
    }
    const last = await db.logCosignature.findFirst({ where: { witness: witness.name, size: { lt: checkpoint.size } }, orderBy: { size: "desc" } });
    let oldSize = last?.size ?? 0;
    let result: WitnessPushResult | null = null;
    for (let attempt = 0; attempt < 2 && result === null; attempt++) {
      const proof = oldSize === 0 || oldSize > checkpoint.size ? [] : await consistencyProof(tree.reader, oldSize, checkpoint.size);
      const answer = await postAddCheckpoint(witness.url, formatAddCheckpointRequest(oldSize, proof, checkpoint.note));
      if (answer.kind === "size_mismatch" && attempt === 0 && answer.size <= checkpoint.size) {
        oldSize = answer.size;
        continue;
      }
      if (answer.kind === "cosigned") result = await storeCosignature(db, checkpoint, witness, answer.lines);
      else if (answer.kind === "unreachable") result = { witness: witness.name, outcome: "unreachable", detail: answer.message };
      else if (answer.kind === "size_mismatch") result = { witness: witness.name, outcome: "refused", detail: `409: the witness holds size ${answer.size}` };
      else result = { witness: witness.name, outcome: "refused", detail: `${answer.status}: ${answer.body.trim()}` };
    }
    if (result) {
      if (result.outcome !== "cosigned") console.warn(`[log] witness ${witness.name} did not cosign size ${checkpoint.size}: ${result.outcome} ${result.detail ?? ""}`);
      results.push(result);
    }
  }
  return results;
}

async function storeCosignature(db: Db, checkpoint: StoredCheckpoint, witness: ConfiguredWitness, lines: string): Promise<WitnessPushResult> {
  let line: string;
  try {
    const opened = openNote(addSignatures(checkpoint.note, lines), [cosignatureVerifier(witness.key)]);
    line = formatSignatureLine(opened.verified[0]);
  } catch (error) {
    const detail = error instanceof NoteError || error instanceof Error ? error.message : String(error);
    return { witness: witness.name, outcome: "invalid_cosignature", detail };
  }
  await insertOnce(db, (tx) => tx.logCosignature.create({ data: { size: checkpoint.size, witness: witness.name, line } }));
  return { witness: witness.name, outcome: "cosigned" };
}
