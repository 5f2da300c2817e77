import { decodeBase64, decodeBase64Exact, decodeUtf8, encodeBase64, FormatError, isSafeNonNegativeInteger, parseDecimal, textBytes } from "./bytes";
import { parseCheckpoint } from "./checkpoint";
import { HASH_SIZE, MAX_PROOF_HASHES } from "./merkle";
import { MAX_NOTE_BYTES, NoteError, parseNote } from "./note";

/**
 * C2SP tlog-proof v1 (`.tlog-proof` files): an offline proof that an entry is in the log,
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>            (optional, unauthenticated)
 *   index <leaf index>
 *   <base64 inclusion proof hash, the leaf's sibling first>...
 *
 *   <the signed checkpoint, verbatim, with any cosignatures>
 */

export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";
/** Largest extra data read: it is opaque context, never needed to verify. */
export const MAX_PROOF_EXTRA_BYTES = 16 * 1024;
/** Largest proof file read: header, extra data, index, a maximal proof and a maximal note. */
export const MAX_PROOF_FILE_BYTES = 128 + Math.ceil(MAX_PROOF_EXTRA_BYTES / 3) * 4 + MAX_PROOF_HASHES * 45 + MAX_NOTE_BYTES;

export interface TlogProof {
  /** Opaque extra data (null when the line is absent). Not authenticated: never trust it. */
  extra: Uint8Array | null;
  index: number;
  inclusionProof: Uint8Array[];
  /** The signed checkpoint note, as the log and witnesses signed it. */
  checkpoint: string;
}

export function formatTlogProof(proof: TlogProof): string {
  if (!isSafeNonNegativeInteger(proof.index)) throw new RangeError("leaf index must be a safe non-negative integer");
  if (proof.extra !== null && proof.extra.length > MAX_PROOF_EXTRA_BYTES) throw new RangeError("extra data too large");
  if (proof.inclusionProof.length > MAX_PROOF_HASHES || proof.inclusionProof.some((hash) => hash.length !== HASH_SIZE)) {
    throw new RangeError("an inclusion proof is at most 64 hashes of 32 bytes");
  }
  const extra = proof.extra === null ? "" : `extra ${encodeBase64(proof.extra)}\n`;
  const hashes = proof.inclusionProof.map((hash) => `${encodeBase64(hash)}\n`).join("");
  const text = `${TLOG_PROOF_HEADER}\n${extra}index ${proof.index}\n${hashes}\n${proof.checkpoint}`;
  parseTlogProof(text);
  return text;
}

/** Parses a proof file strictly (the checkpoint's syntax included, not its signatures). Throws FormatError. */
export function parseTlogProof(input: Uint8Array | string): TlogProof {
  const bytes = textBytes(input);
  if (bytes.length > MAX_PROOF_FILE_BYTES) throw new FormatError("proof file too large");
  const text = decodeUtf8(bytes);
  let position = 0;
  const nextLine = (): string => {
    const end = text.indexOf("\n", position);
    if (end < 0) throw new FormatError("proof file lines end in a newline");
    const line = text.slice(position, end);
    position = end + 1;
    return line;
  };
  if (nextLine() !== TLOG_PROOF_HEADER) throw new FormatError(`a proof file starts with ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra: Uint8Array | null = null;
  if (line.startsWith("extra ")) {
    extra = decodeBase64(line.slice("extra ".length));
    if (extra.length > MAX_PROOF_EXTRA_BYTES) throw new FormatError("extra data too large");
    line = nextLine();
  }
  if (!line.startsWith("index ")) throw new FormatError("expected the index line");
  const index = parseDecimal(line.slice("index ".length), "leaf index");
  const inclusionProof: Uint8Array[] = [];
  for (line = nextLine(); line !== ""; line = nextLine()) {
    if (inclusionProof.length === MAX_PROOF_HASHES) throw new FormatError("inclusion proof too long");
    inclusionProof.push(decodeBase64Exact(line, HASH_SIZE, "inclusion proof hash"));
  }
  const checkpoint = text.slice(position);
  try {
    parseCheckpoint(parseNote(checkpoint).text);
  } catch (error) {
    if (error instanceof NoteError) throw new FormatError(`proof file checkpoint: ${error.message}`);
    throw error;
  }
  return { extra, index, inclusionProof, checkpoint };
}
