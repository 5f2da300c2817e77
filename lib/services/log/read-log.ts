import { getDb, type DbOrTx } from "../../db/client";
import { findDocumentBySlug, findVersion } from "../../db/documents";
import {
  consistencyProof,
  encodeBase64,
  encodeEntryBundle,
  formatTlogProof,
  FormatError,
  inclusionProof,
  MAX_PROOF_EXTRA_BYTES,
  parsePolicy,
  parseTilePath,
  readTile,
  TILE_WIDTH,
  verifyCheckpointWithPolicy,
  type ParsedTilePath,
} from "../../domain/tlog";
import { AppError } from "../../errors";
import { loadLogKey } from "../../log/log-signer";
import { configuredWitnesses, logPolicyText, parseQuorum } from "../../log/witnesses";
import { cosignedNote, latestCheckpoint, loadLogTree, type StoredCheckpoint } from "./checkpoints";

/**
 * What the log serves: the latest checkpoint with its cosignatures, the policy, C2SP tiles and
 * entry bundles, proofs, and a version's statement and proof file. Everything is read for the
 * tree of the latest signed checkpoint, never for leaves no checkpoint covers yet.
 */

const FALLBACK_PUBLIC_URL = "http://localhost:3000";

async function requireCheckpoint(db: DbOrTx): Promise<StoredCheckpoint> {
  const checkpoint = await latestCheckpoint(db);
  if (!checkpoint) throw new AppError("NOT_FOUND", "logNotSigned");
  return checkpoint;
}

/** `GET /log/checkpoint`: the signed note with every cosignature collected for it. */
export async function readServedCheckpoint(): Promise<string> {
  const db = await getDb();
  return cosignedNote(db, await requireCheckpoint(db));
}

/** `GET /log/policy`: the log's verifier key, the configured witnesses and the quorum (C2SP tlog-policy). */
export function readLogPolicy(env: NodeJS.ProcessEnv = process.env): string {
  const witnesses = configuredWitnesses(env);
  const base = (env.NEXTAUTH_URL || FALLBACK_PUBLIC_URL).replace(/\/+$/, "");
  return logPolicyText({ logKey: loadLogKey(env).verifier, logUrl: `${base}/log`, witnesses, quorum: parseQuorum(env.HANDBOOK_WITNESS_QUORUM, witnesses.length) });
}

export interface TileResponse {
  body: Uint8Array;
  /** A full tile (or bundle) never changes; a partial one is replaced by a wider one as the log grows. */
  full: boolean;
}

/** A tile or entry bundle by its path under /log/ (`tile/0/000`, `tile/entries/000.p/3`). */
export async function readTileFile(path: string): Promise<TileResponse> {
  let parsed: ParsedTilePath;
  try {
    parsed = parseTilePath(path);
  } catch (error) {
    if (error instanceof FormatError) throw new AppError("NOT_FOUND", "logTileNotFound");
    throw error;
  }
  const db = await getDb();
  const checkpoint = await requireCheckpoint(db);
  const tree = await loadLogTree(db, checkpoint.size);
  if (parsed.kind === "tile") {
    try {
      return { body: await readTile(tree.reader, parsed.tile), full: parsed.tile.width === TILE_WIDTH };
    } catch (error) {
      if (error instanceof RangeError) throw new AppError("NOT_FOUND", "logTileNotFound");
      throw error;
    }
  }
  const first = parsed.bundle.index * TILE_WIDTH;
  if (first + parsed.bundle.width > checkpoint.size) throw new AppError("NOT_FOUND", "logTileNotFound");
  const entries = await db.logEntry.findMany({
    where: { index: { gte: first, lt: first + parsed.bundle.width } },
    orderBy: { index: "asc" },
    select: { statement: true },
  });
  return { body: encodeEntryBundle(entries.map((entry) => new Uint8Array(entry.statement))), full: parsed.bundle.width === TILE_WIDTH };
}

function rangeError(detail: string): AppError {
  return new AppError("BAD_REQUEST", "logProofRange", { detail });
}

/** `GET /api/v1/log/proof/inclusion?index&size`. */
export async function readInclusionProof(index: number, size: number): Promise<{ index: number; size: number; hashes: string[] }> {
  const db = await getDb();
  const checkpoint = await requireCheckpoint(db);
  if (size > checkpoint.size) throw rangeError(`size ${size} > ${checkpoint.size} (the latest checkpoint)`);
  if (index >= size) throw rangeError(`index ${index} >= size ${size}`);
  const tree = await loadLogTree(db, size);
  return { index, size, hashes: (await inclusionProof(tree.reader, index, size)).map(encodeBase64) };
}

/** `GET /api/v1/log/proof/consistency?from&to`. */
export async function readConsistencyProof(from: number, to: number): Promise<{ from: number; to: number; hashes: string[] }> {
  const db = await getDb();
  const checkpoint = await requireCheckpoint(db);
  if (to > checkpoint.size) throw rangeError(`to ${to} > ${checkpoint.size} (the latest checkpoint)`);
  if (from > to) throw rangeError(`from ${from} > to ${to}`);
  if (from === 0) return { from, to, hashes: [] };
  const tree = await loadLogTree(db, to);
  return { from, to, hashes: (await consistencyProof(tree.reader, from, to)).map(encodeBase64) };
}

export interface VersionLogEntry {
  index: number;
  statement: Uint8Array;
}

export async function readVersionLogEntry(db: DbOrTx, versionId: string): Promise<VersionLogEntry | null> {
  const entry = await db.logEntry.findUnique({ where: { versionId }, select: { index: true, statement: true } });
  return entry ? { index: entry.index, statement: new Uint8Array(entry.statement) } : null;
}

/**
 * The tlog-proof file of a version: its leaf index, the inclusion proof and the checkpoint it
 * leads to (the newest that meets the published policy's quorum, else the newest), with the
 * statement itself as the file's extra data so that content, proof file and policy suffice.
 */
export async function readVersionProofFile(slug: string, versionNumber: number): Promise<{ fileName: string; body: string }> {
  const db = await getDb();
  const document = await findDocumentBySlug(db, slug);
  if (!document) throw new AppError("NOT_FOUND", "documentSlugNotFound", { slug });
  const version = await findVersion(db, document.id, versionNumber);
  if (!version) throw new AppError("NOT_FOUND", "versionNotFound", { number: versionNumber });
  const entry = await readVersionLogEntry(db, version.id);
  if (!entry) throw new AppError("NOT_FOUND", "versionNotInLog");
  const checkpoints = await db.logCheckpoint.findMany({ where: { size: { gt: entry.index } }, orderBy: { size: "desc" }, select: { size: true, rootHash: true, note: true } });
  if (checkpoints.length === 0) throw new AppError("NOT_FOUND", "versionNotInLog");
  const policy = parsePolicy(readLogPolicy());
  let chosen: { checkpoint: StoredCheckpoint; note: string } | null = null;
  for (const checkpoint of checkpoints) {
    const note = await cosignedNote(db, checkpoint);
    if (verifyCheckpointWithPolicy(note, policy).ok) {
      chosen = { checkpoint, note };
      break;
    }
  }
  chosen ??= { checkpoint: checkpoints[0], note: await cosignedNote(db, checkpoints[0]) };
  const tree = await loadLogTree(db, chosen.checkpoint.size);
  const body = formatTlogProof({
    extra: entry.statement.length <= MAX_PROOF_EXTRA_BYTES ? entry.statement : null,
    index: entry.index,
    inclusionProof: await inclusionProof(tree.reader, entry.index, chosen.checkpoint.size),
    checkpoint: chosen.note,
  });
  return { fileName: `${slug}-v${versionNumber}.tlog-proof`, body };
}
