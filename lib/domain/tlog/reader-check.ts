import { decodeBase64, FormatError } from "./bytes";
import { openCheckpoint, type ParsedCheckpoint } from "./checkpoint";
import { NoteError } from "./note";
import { logVerifiersOf, parsePolicy, QUORUM_NONE, verifyCheckpointWithPolicy, type Policy, type WitnessCosignature } from "./policy";
import { parseTlogProof } from "./proof-file";
import { verifyConsistencyBetween, verifyVersionOffline, type OfflineFailureReason, type OfflineVerification, type VersionSection } from "./verify";

/**
 * What a reader's browser (the /kiem-chung page, the "Đã kiểm chứng" badge) and the command line
 * verify with: a version's files as the site offers them, and the latest checkpoint against the
 * one the reader kept. Nothing here fetches or stores; callers bring the bytes.
 */

/** Largest version JSON read (a chapter's content is well under a megabyte; a whole handbook fits). */
export const MAX_VERSION_FILE_BYTES = 8 * 1024 * 1024;

export interface VersionFile {
  slug: string | null;
  versionNumber: number | null;
  sections: VersionSection[];
  /** The statement the JSON carries (`statement`, base64), if any. */
  statement: Uint8Array | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Reads the version JSON (`GET /api/v1/documents/{slug}/versions/{n}`, saved or pasted). A
 * section's content is hashed as the canonical JSON it is stored under, which is what
 * JSON.stringify writes for the parsed value. Throws FormatError for anything else.
 */
export function parseVersionFile(text: string): VersionFile {
  if (text.length > MAX_VERSION_FILE_BYTES) throw new FormatError("the version file is too large");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError("the version file is not JSON");
  }
  if (!isRecord(value) || !Array.isArray(value.sections)) throw new FormatError("the version file has no sections");
  const sections = value.sections.map((section: unknown, index): VersionSection => {
    if (!isRecord(section)) throw new FormatError(`section ${index + 1} is not an object`);
    const { id, slug, title, position, content } = section;
    if (typeof id !== "string" || typeof slug !== "string" || typeof title !== "string" || typeof position !== "number" || content === undefined) {
      throw new FormatError(`section ${index + 1} lacks its id, slug, title, position or content`);
    }
    return { id, slug, title, position, content: JSON.stringify(content) };
  });
  const version = isRecord(value.version) ? value.version : null;
  let statement: Uint8Array | null = null;
  if (typeof value.statement === "string") statement = decodeBase64(value.statement);
  return {
    slug: typeof value.slug === "string" ? value.slug : null,
    versionNumber: version && typeof version.number === "number" ? version.number : null,
    sections,
    statement,
  };
}

export type VersionFilesFailureReason = OfflineFailureReason | "content_invalid" | "content_not_nfc" | "statement_missing";

export type VersionFilesVerification = Extract<OfflineVerification, { ok: true }> | { ok: false; reason: VersionFilesFailureReason; message: string; sectionId?: string };

/**
 * Verifies a version from its three files with no network: the version JSON, its tlog-proof
 * file (whose extra line holds the statement; else the JSON's `statement`) and the policy.
 * Text that is not NFC is refused as such before hashing: the product stores only NFC, so a
 * copy whose accents were decomposed on the way (NFD) is not the published text, whatever it
 * looks like.
 */
export function verifyVersionFiles(input: { content: string; proof: string; policy: Policy | string }): VersionFilesVerification {
  if (input.content.normalize("NFC") !== input.content) {
    return { ok: false, reason: "content_not_nfc", message: "the content is not in Unicode NFC (decomposed accents): it is not the text as published" };
  }
  let file: VersionFile;
  try {
    file = parseVersionFile(input.content);
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, reason: "content_invalid", message: error.message };
    throw error;
  }
  let statement: Uint8Array | null = null;
  try {
    statement = parseTlogProof(input.proof).extra;
  } catch {
    statement = null;
  }
  statement ??= file.statement;
  if (statement === null) return { ok: false, reason: "statement_missing", message: "neither the proof file nor the content holds the version's statement" };
  const result = verifyVersionOffline({
    sections: file.sections,
    statement,
    proof: input.proof,
    policy: input.policy,
    expect: file.slug ? { document: file.slug, version: file.versionNumber ?? undefined } : undefined,
  });
  return result;
}

export type CheckpointCheck =
  | {
      ok: true;
      /** The checkpoint to keep from now on (the newer of the two). */
      keep: string;
      checkpoint: ParsedCheckpoint;
      cosignatures: WitnessCosignature[];
      /** The size of the checkpoint kept before, or null on first sight. */
      keptSize: number | null;
    }
  | { ok: false; security: false; reason: "policy_invalid" | "checkpoint_invalid" | "kept_invalid" | "older_than_kept" | "proof_invalid" | "quorum_not_met"; message: string }
  | { ok: false; security: true; reason: "inconsistent"; message: string; keptNote: string; receivedNote: string; proof: string[] };

export interface ConsistencyRange {
  from: number;
  to: number;
}

/**
 * Which consistency proof the reader must obtain before accepting `received` after `kept`: from
 * the smaller tree to the larger, or null when none is needed (nothing kept, an empty tree, or
 * two trees of one size, which must simply have one root). Throws FormatError or NoteError for a
 * checkpoint the policy's log did not sign.
 */
export function consistencyRangeNeeded(kept: string | null, received: string, policy: Policy): ConsistencyRange | null {
  if (kept === null) return null;
  const verifiers = logVerifiersOf(policy);
  const old = openCheckpoint(kept, verifiers).checkpoint.size;
  const now = openCheckpoint(received, verifiers).checkpoint.size;
  const [from, to] = old <= now ? [old, now] : [now, old];
  return from === 0 || from === to ? null : { from, to };
}

/**
 * Go's checksum-database client rule for a reader: the received checkpoint must be signed by the
 * policy's log, and when a checkpoint was kept, a consistency proof must join them, or the log
 * has shown two histories (a SECURITY failure carrying both signed notes). `proof` is the
 * answer for consistencyRangeNeeded's range (null when it could not be had: that fails too, the
 * reader never downgrades to trusting). A newer checkpoint is kept only when it also meets the
 * policy's witness quorum.
 */
export function checkReceivedCheckpoint(input: { kept: string | null; received: string; proof: readonly string[] | null; policy: Policy | string }): CheckpointCheck {
  let policy: Policy;
  try {
    policy = typeof input.policy === "string" ? parsePolicy(input.policy) : input.policy;
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, security: false, reason: "policy_invalid", message: error.message };
    throw error;
  }
  const logOnly: Policy = { ...policy, quorum: QUORUM_NONE, groups: [] };
  const signed = verifyCheckpointWithPolicy(input.received, logOnly);
  if (!signed.ok) return { ok: false, security: false, reason: "checkpoint_invalid", message: `${signed.reason}: ${signed.message}` };
  let keptSize: number | null = null;
  if (input.kept !== null) {
    try {
      keptSize = openCheckpoint(input.kept, logVerifiersOf(policy)).checkpoint.size;
    } catch (error) {
      if (error instanceof FormatError || error instanceof NoteError) return { ok: false, security: false, reason: "kept_invalid", message: error.message };
      throw error;
    }
    let range: ConsistencyRange | null;
    try {
      range = consistencyRangeNeeded(input.kept, input.received, policy);
    } catch (error) {
      if (error instanceof FormatError || error instanceof NoteError) return { ok: false, security: false, reason: "checkpoint_invalid", message: error.message };
      throw error;
    }
    if (range !== null && input.proof === null) return { ok: false, security: false, reason: "proof_invalid", message: `no consistency proof from ${range.from} to ${range.to}: the checkpoint is not accepted` };
    let hashes: Uint8Array[];
    try {
      hashes = (range === null ? [] : (input.proof ?? [])).map(decodeBase64);
    } catch (error) {
      if (error instanceof FormatError) return { ok: false, security: false, reason: "proof_invalid", message: error.message };
      throw error;
    }
    const consistency = verifyConsistencyBetween(input.kept, input.received, hashes, logVerifiersOf(policy));
    if (!consistency.ok) {
      if (consistency.security) return { ok: false, security: true, reason: "inconsistent", message: consistency.message, keptNote: consistency.oldNote, receivedNote: consistency.newNote, proof: consistency.proof };
      return { ok: false, security: false, reason: "checkpoint_invalid", message: consistency.message };
    }
    if (consistency.latest === "old" && consistency.older.size !== consistency.newer.size) {
      return { ok: false, security: false, reason: "older_than_kept", message: `the log served ${consistency.newer.size} entries after showing ${consistency.older.size}` };
    }
  }
  const full = verifyCheckpointWithPolicy(input.received, policy);
  if (!full.ok) return { ok: false, security: false, reason: "quorum_not_met", message: `${full.reason}: ${full.message}` };
  return { ok: true, keep: input.received, checkpoint: full.checkpoint, cosignatures: full.cosignatures, keptSize };
}
