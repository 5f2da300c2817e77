import { decodeBase64Exact, encodeBase64, FormatError, isSafeNonNegativeInteger, parseDecimal, splitLines } from "./bytes";
import { HASH_SIZE } from "./merkle";
import { openNote, signNote, type NoteSigner, type NoteVerifier, type OpenedNote } from "./note";

/**
 * C2SP tlog-checkpoint v1.0.0: the note text of a tree head is the origin line, the tree size
 * in decimal without leading zeros, and the base64 root hash, each ending in a newline,
 * optionally followed by non-empty extension lines. This log writes no extension lines; the
 * parser accepts them as the spec allows and hands them back, for a caller to refuse.
 */

/** Extension lines read at most: the spec discourages them, and a checkpoint is short. */
export const MAX_CHECKPOINT_EXTENSION_LINES = 16;

export interface Checkpoint {
  /** The log's identity, e.g. `camnang.gov.vn/log`. */
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

export interface ParsedCheckpoint extends Checkpoint {
  extensions: string[];
}

function assertOrigin(origin: string): void {
  if (origin.length === 0) throw new FormatError("a checkpoint origin is not empty");
  for (let i = 0; i < origin.length; i++) {
    if (origin.charCodeAt(i) < 0x20) throw new FormatError("a checkpoint origin has no control characters");
  }
}

/** The note text of a checkpoint (no extension lines). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  assertOrigin(checkpoint.origin);
  if (!isSafeNonNegativeInteger(checkpoint.size)) throw new RangeError("tree size must be a safe non-negative integer");
  if (checkpoint.rootHash.length !== HASH_SIZE) throw new RangeError("a root hash is 32 bytes");
  return `${checkpoint.origin}\n${checkpoint.size}\n${encodeBase64(checkpoint.rootHash)}\n`;
}

/** Parses a checkpoint's note text strictly. Throws FormatError. */
export function parseCheckpoint(text: string): ParsedCheckpoint {
  const lines = splitLines(text, 3 + MAX_CHECKPOINT_EXTENSION_LINES);
  if (lines === null) throw new FormatError("a checkpoint ends in a newline");
  if (lines.length < 3) throw new FormatError("a checkpoint has an origin, a size and a root hash");
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  assertOrigin(origin);
  const size = parseDecimal(sizeLine, "tree size");
  const rootHash = decodeBase64Exact(rootLine, HASH_SIZE, "root hash");
  if (extensions.some((line) => line.length === 0)) throw new FormatError("checkpoint extension lines are not empty");
  return { origin, size, rootHash, extensions };
}

/** Signs a checkpoint with the log's key(s) and returns the signed note. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), signers);
}

export interface OpenedCheckpoint {
  checkpoint: ParsedCheckpoint;
  note: OpenedNote;
}

/**
 * Verifies a signed checkpoint against the log's verifiers (other lines, such as witness
 * cosignatures, are left unverified) and parses its text. Throws NoteError or FormatError.
 */
export function openCheckpoint(note: Uint8Array | string, logVerifiers: readonly NoteVerifier[]): OpenedCheckpoint {
  const opened = openNote(note, logVerifiers);
  return { checkpoint: parseCheckpoint(opened.text), note: opened };
}
