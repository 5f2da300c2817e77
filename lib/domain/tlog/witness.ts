import { bytesEqual, decodeBase64Exact, decodeUtf8, encodeBase64, encodeHex, FormatError, parseDecimal, sha256, textBytes, utf8 } from "./bytes";
import { parseCheckpoint, type ParsedCheckpoint } from "./checkpoint";
import { cosignatureLines, type Cosigner } from "./cosignature";
import { EMPTY_TREE_ROOT, HASH_SIZE, verifyConsistency } from "./merkle";
import { addSignatures, MAX_NOTE_BYTES, NoteError, openNote, parseNote, type NoteVerifier } from "./note";

/**
 * The decision logic of a C2SP tlog-witness `add-checkpoint` call, without HTTP or storage.
 *
 *   1. parseAddCheckpointRequest(body)          -> 400 when malformed, else the request and its origin
 *   2. the server looks up the log's keys and its stored state for that origin
 *   3. decideAddCheckpoint({ request, logVerifiers, latest })
 *        -> a refusal (403, 404, 400, 409 with text/x.tlog.size, 422), or an acceptance naming
 *           the state it expects (`expected`) and the state to store (`next`)
 *   4. cosignAccepted(decision, cosigners, now) -> the 200 body and the cosigned checkpoint
 *   5. the server stores `next` only if the stored state still equals `expected` (one atomic
 *      compare-and-set), and answers 200 only then; if the state moved, it starts again at 3.
 *
 * Step 5 is what the spec's race warning asks for: without it two concurrent requests could
 * both pass step 3 and roll the witness's view of the log back. This module never lets a
 * checkpoint inconsistent with `latest` through step 3.
 */

/** tlog-witness: a client never sends more than 63 consistency proof lines. */
export const MAX_CONSISTENCY_PROOF_LINES = 63;
/** Largest request body read: the old size line, 63 proof lines and a signed checkpoint. */
export const MAX_ADD_CHECKPOINT_BODY_BYTES = 64 + MAX_CONSISTENCY_PROOF_LINES * 45 + MAX_NOTE_BYTES;

export const TLOG_SIZE_CONTENT_TYPE = "text/x.tlog.size";
const TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint exactly as sent. */
  note: string;
  /** Its text parsed but not yet verified: the origin is for looking the log up only. */
  checkpoint: ParsedCheckpoint;
}

export type WitnessStatus = 200 | 400 | 403 | 404 | 409 | 422;

export interface WitnessResponse {
  status: WitnessStatus;
  contentType: string;
  body: string;
}

/** What a witness keeps per log: the latest checkpoint it cosigned. */
export interface WitnessLogState {
  size: number;
  rootHash: Uint8Array;
}

function refusal(status: Exclude<WitnessStatus, 200 | 409>, reason: string): WitnessResponse {
  return { status, contentType: TEXT_CONTENT_TYPE, body: `${reason}\n` };
}

export type ParsedAddCheckpoint = { ok: true; request: AddCheckpointRequest } | { ok: false; response: WitnessResponse };

/** Parses an add-checkpoint request body; a malformed one gets its 400 answer. */
export function parseAddCheckpointRequest(body: Uint8Array | string): ParsedAddCheckpoint {
  try {
    const bytes = textBytes(body);
    if (bytes.length > MAX_ADD_CHECKPOINT_BODY_BYTES) throw new FormatError("request body too large");
    const text = decodeUtf8(bytes);
    let position = 0;
    const nextLine = (): string => {
      const end = text.indexOf("\n", position);
      if (end < 0) throw new FormatError("every line ends in a newline");
      const line = text.slice(position, end);
      position = end + 1;
      return line;
    };
    const oldLine = nextLine();
    if (!oldLine.startsWith("old ")) throw new FormatError("the first line is `old <size>`");
    const oldSize = parseDecimal(oldLine.slice(4), "old size");
    const proof: Uint8Array[] = [];
    for (let line = nextLine(); line !== ""; line = nextLine()) {
      if (proof.length === MAX_CONSISTENCY_PROOF_LINES) throw new FormatError(`more than ${MAX_CONSISTENCY_PROOF_LINES} proof lines`);
      proof.push(decodeBase64Exact(line, HASH_SIZE, "consistency proof hash"));
    }
    const note = text.slice(position);
    const checkpoint = parseCheckpoint(parseNote(note).text);
    return { ok: true, request: { oldSize, proof, note, checkpoint } };
  } catch (error) {
    if (error instanceof FormatError || error instanceof NoteError) return { ok: false, response: refusal(400, error.message) };
    throw error;
  }
}

export type AddCheckpointDecision =
  | {
      accepted: false;
      response: WitnessResponse;
      /**
       * True when the log's signature verified but the checkpoint failed a consistency check
       * (409 or 422): the spec lets a witness keep such a request as possible evidence of a
       * misbehaving log.
       */
      signedByLog: boolean;
    }
  | {
      accepted: true;
      origin: string;
      /** The stored state this decision was made against; null when none was stored. */
      expected: WitnessLogState | null;
      /** The state to store, in the same atomic step that checks `expected`. */
      next: WitnessLogState;
      checkpoint: ParsedCheckpoint;
      /** The signed checkpoint as sent, with the log's signature(s). */
      note: string;
    };

/**
 * Decides an add-checkpoint request. `logVerifiers` are the keys the witness trusts for the
 * request's origin (null when the origin is unknown); `latest` is the last checkpoint it
 * cosigned for that origin (null when it never cosigned one).
 */
export function decideAddCheckpoint(input: {
  request: AddCheckpointRequest;
  logVerifiers: readonly NoteVerifier[] | null;
  latest: WitnessLogState | null;
}): AddCheckpointDecision {
  const { request, logVerifiers, latest } = input;
  const { checkpoint, oldSize, proof } = request;
  if (logVerifiers === null) return refuse(404, "unknown log origin", false);
  try {
    openNote(request.note, logVerifiers);
  } catch (error) {
    if (error instanceof NoteError) return refuse(403, error.message, false);
    throw error;
  }
  if (oldSize > checkpoint.size) return refuse(400, "old size is larger than the checkpoint size", false);
  const latestSize = latest?.size ?? 0;
  if (oldSize !== latestSize) {
    return { accepted: false, signedByLog: true, response: { status: 409, contentType: TLOG_SIZE_CONTENT_TYPE, body: `${latestSize}\n` } };
  }
  if (checkpoint.size === 0 && !bytesEqual(checkpoint.rootHash, EMPTY_TREE_ROOT)) {
    return refuse(422, "a checkpoint of size 0 must have the empty tree's root", true);
  }
  if (oldSize === 0) {
    if (proof.length > 0) return refuse(422, "a consistency proof from size 0 must be empty", true);
  } else if (latest === null || !verifyConsistency(oldSize, checkpoint.size, proof, latest.rootHash, checkpoint.rootHash)) {
    return refuse(422, "the checkpoint is not consistent with the last one cosigned", true);
  }
  return {
    accepted: true,
    origin: checkpoint.origin,
    expected: latest === null ? null : { size: latest.size, rootHash: latest.rootHash.slice() },
    next: { size: checkpoint.size, rootHash: checkpoint.rootHash.slice() },
    checkpoint,
    note: request.note,
  };
}

function refuse(status: Exclude<WitnessStatus, 200 | 409>, reason: string, signedByLog: boolean): AddCheckpointDecision {
  return { accepted: false, signedByLog, response: refusal(status, reason) };
}

/**
 * Cosigns an accepted checkpoint at `timestamp` (POSIX seconds). Returns the 200 answer (the
 * cosignature lines) and the checkpoint with the witness's cosignatures added, which the
 * witness stores and serves from its monitoring endpoint.
 */
export async function cosignAccepted(
  decision: Extract<AddCheckpointDecision, { accepted: true }>,
  cosigners: readonly Cosigner[],
  timestamp: number,
): Promise<{ response: WitnessResponse; cosignedNote: string }> {
  if (cosigners.length === 0) throw new RangeError("a witness needs at least one cosigning key");
  const lines = await cosignatureLines(parseNote(decision.note).textBytes, cosigners, timestamp);
  return {
    response: { status: 200, contentType: TEXT_CONTENT_TYPE, body: lines },
    cosignedNote: addSignatures(decision.note, lines),
  };
}

/** True when two stored states are the same (the compare of a compare-and-set). */
export function sameWitnessState(a: WitnessLogState | null, b: WitnessLogState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.size === b.size && bytesEqual(a.rootHash, b.rootHash);
}

/** The add-checkpoint request body a log sends. */
export function formatAddCheckpointRequest(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  if (proof.length > MAX_CONSISTENCY_PROOF_LINES) throw new RangeError("too many consistency proof hashes");
  const proofLines = proof.map((hash) => `${encodeBase64Hash(hash)}\n`).join("");
  return `old ${oldSize}\n${proofLines}\n${note}`;
}

function encodeBase64Hash(hash: Uint8Array): string {
  if (hash.length !== HASH_SIZE) throw new RangeError("a proof hash is 32 bytes");
  return encodeBase64(hash);
}

/** `<origin hash>/checkpoint`, where a witness serves the latest checkpoint it cosigned for a log. */
export function witnessCheckpointPath(origin: string): string {
  return `${encodeHex(sha256(utf8(origin)))}/checkpoint`;
}
