import { bytesEqual, encodeBase64, FormatError } from "./bytes";
import { openCheckpoint, type ParsedCheckpoint } from "./checkpoint";
import { EMPTY_TREE_ROOT, verifyConsistency, verifyInclusion } from "./merkle";
import { NoteError, type NoteVerifier } from "./note";
import { parsePolicy, verifyCheckpointWithPolicy, type Policy, type PolicyFailure, type PolicyLog, type WitnessCosignature } from "./policy";
import { parseTlogProof, type TlogProof } from "./proof-file";
import {
  decodeStatement,
  sectionContentHash,
  statementHash,
  statementLeafHash,
  verifyApprovalSignature,
  type Statement,
} from "./statement";

/**
 * Offline verification of a published version, for the command line (`handbook verify
 * --offline`), the static verification page and monitors: nothing here talks to the server,
 * so a reader needs only the files and the policy, obtained once from somewhere they trust.
 */

/** A section of the version as the reader has it: what the statement commits to. */
export interface VersionSection {
  id: string;
  slug: string;
  title: string;
  position: number;
  /** The section's exact content (the bytes, or the text whose UTF-8 is hashed). */
  content: Uint8Array | string;
}

export type OfflineFailureReason =
  | "statement_invalid"
  | "statement_mismatch"
  | "section_list_mismatch"
  | "section_content_mismatch"
  | "approval_signature_invalid"
  | "proof_file_invalid"
  | "policy_invalid"
  | "checkpoint_extension_lines"
  | PolicyFailure
  | "inclusion_failed";

export type OfflineVerification =
  | {
      ok: true;
      statement: Statement;
      statementHash: string;
      checkpoint: ParsedCheckpoint;
      /** The log (of the policy) whose key signed the checkpoint. */
      log: PolicyLog;
      leafIndex: number;
      /** Witness cosignatures counted for the quorum, with the time each witness vouched for. */
      cosignatures: WitnessCosignature[];
      /** Approvals recorded before reviewers signed: counted by the log, not by a signature. */
      unsignedLegacyApprovals: number;
    }
  | {
      ok: false;
      reason: OfflineFailureReason;
      message: string;
      /** The section at fault, for section mismatches. */
      sectionId?: string;
    };

function failure(reason: OfflineFailureReason, message: string, sectionId?: string): OfflineVerification {
  return sectionId === undefined ? { ok: false, reason, message } : { ok: false, reason, message, sectionId };
}

/**
 * Checks, in order: the statement is canonical (and, with `expect`, for that document and
 * version); the sections match it field by field and hash to its content hashes; every signed
 * approval's signature verifies; the proof file parses; its checkpoint is signed by a log of
 * the policy, has no extension lines (this log writes none) and meets the witness quorum; the
 * statement's leaf hash is at the proof's index under the checkpoint's root. Returns the first
 * failure.
 */
export function verifyVersionOffline(input: {
  sections: readonly VersionSection[];
  statement: Uint8Array;
  proof: Uint8Array | string;
  policy: Policy | Uint8Array | string;
  expect?: { document: string; version?: number };
}): OfflineVerification {
  let statement: Statement;
  try {
    statement = decodeStatement(input.statement);
  } catch (error) {
    if (error instanceof FormatError) return failure("statement_invalid", error.message);
    throw error;
  }
  if (input.expect && (statement.document !== input.expect.document || (input.expect.version !== undefined && statement.version !== input.expect.version))) {
    return failure("statement_mismatch", `the statement is for ${statement.document} version ${statement.version}`);
  }

  const contentFailure = compareSections(statement, input.sections);
  if (contentFailure) return contentFailure;

  for (const approval of statement.approvals) {
    if (approval.signing === "ed25519" && !verifyApprovalSignature(statement, approval)) {
      return failure("approval_signature_invalid", `the approval by ${approval.reviewer.name} (${approval.keyFingerprint}) does not verify`);
    }
  }

  let proof: TlogProof;
  let policy: Policy;
  try {
    proof = parseTlogProof(input.proof);
  } catch (error) {
    if (error instanceof FormatError) return failure("proof_file_invalid", error.message);
    throw error;
  }
  try {
    policy = isPolicy(input.policy) ? input.policy : parsePolicy(input.policy);
  } catch (error) {
    if (error instanceof FormatError) return failure("policy_invalid", error.message);
    throw error;
  }

  const checked = verifyCheckpointWithPolicy(proof.checkpoint, policy);
  if (!checked.ok) return failure(checked.reason, checked.message);
  if (checked.checkpoint.extensions.length > 0) return failure("checkpoint_extension_lines", "the checkpoint has extension lines, which this log never writes");

  const leaf = statementLeafHash(input.statement);
  if (!verifyInclusion(leaf, proof.index, checked.checkpoint.size, proof.inclusionProof, checked.checkpoint.rootHash)) {
    return failure("inclusion_failed", `the statement is not at index ${proof.index} of the tree of ${checked.checkpoint.size} entries`);
  }
  return {
    ok: true,
    statement,
    statementHash: statementHash(input.statement),
    checkpoint: checked.checkpoint,
    log: checked.log,
    leafIndex: proof.index,
    cosignatures: checked.cosignatures,
    unsignedLegacyApprovals: statement.approvals.filter((approval) => approval.signing === "unsigned-legacy").length,
  };
}

function isPolicy(value: Policy | Uint8Array | string): value is Policy {
  return typeof value !== "string" && !(value instanceof Uint8Array);
}

function compareSections(statement: Statement, sections: readonly VersionSection[]): OfflineVerification | null {
  if (sections.length !== statement.sections.length) {
    return failure("section_list_mismatch", `the statement lists ${statement.sections.length} sections, the version has ${sections.length}`);
  }
  for (const [index, committed] of statement.sections.entries()) {
    const given = sections[index];
    if (given.id !== committed.id || given.slug !== committed.slug || given.title !== committed.title || given.position !== committed.position) {
      return failure("section_list_mismatch", `section ${index + 1} is not the one the statement lists`, committed.id);
    }
    if (sectionContentHash(given.content) !== committed.contentHash) {
      return failure("section_content_mismatch", `the content of section ${committed.slug} does not match the statement`, committed.id);
    }
  }
  return null;
}

export type ConsistencyVerification =
  | { ok: true; older: ParsedCheckpoint; newer: ParsedCheckpoint; /** Which of the two is the larger tree. */ latest: "old" | "new" }
  | { ok: false; security: false; reason: "old_checkpoint_invalid" | "new_checkpoint_invalid" | "origin_mismatch"; message: string }
  | {
      ok: false;
      /** Both checkpoints are validly signed by the log, yet no proof joins them: the log forked. */
      security: true;
      reason: "inconsistent";
      /** A report to show as is: "SECURITY ERROR", both signed notes and the proof. */
      message: string;
      oldNote: string;
      newNote: string;
      proof: string[];
    };

/**
 * For a client that keeps the latest checkpoint it accepted (`oldNote`): is the checkpoint it
 * just received (`newNote`) from the same, append-only log? `proof` is the consistency proof
 * from the smaller tree to the larger (a client may hold a newer checkpoint than the one
 * served). A failure with `security: true` is evidence of a split view: keep both notes.
 */
export function verifyConsistencyBetween(
  oldNote: string,
  newNote: string,
  proof: readonly Uint8Array[],
  logVerifiers: readonly NoteVerifier[],
): ConsistencyVerification {
  let older: ParsedCheckpoint;
  let newer: ParsedCheckpoint;
  try {
    older = openCheckpoint(oldNote, logVerifiers).checkpoint;
  } catch (error) {
    if (error instanceof NoteError || error instanceof FormatError) return { ok: false, security: false, reason: "old_checkpoint_invalid", message: error.message };
    throw error;
  }
  try {
    newer = openCheckpoint(newNote, logVerifiers).checkpoint;
  } catch (error) {
    if (error instanceof NoteError || error instanceof FormatError) return { ok: false, security: false, reason: "new_checkpoint_invalid", message: error.message };
    throw error;
  }
  if (older.origin !== newer.origin) {
    return { ok: false, security: false, reason: "origin_mismatch", message: `checkpoints of ${older.origin} and ${newer.origin}` };
  }
  const [small, large] = newer.size >= older.size ? [older, newer] : [newer, older];
  const consistent =
    small.size === 0 ? bytesEqual(small.rootHash, EMPTY_TREE_ROOT) && proof.length === 0 : verifyConsistency(small.size, large.size, proof, small.rootHash, large.rootHash);
  if (consistent) return { ok: true, older, newer, latest: newer.size >= older.size ? "new" : "old" };
  const proofLines = proof.map(encodeBase64);
  const indent = (text: string) => text.replace(/\n$/, "").split("\n").map((line) => `\t${line}`).join("\n");
  const message = [
    "SECURITY ERROR",
    `the log ${older.origin} showed two checkpoints that no consistency proof joins`,
    "",
    "checkpoint kept:",
    indent(oldNote),
    "checkpoint received:",
    indent(newNote),
    "proof:",
    proofLines.length > 0 ? indent(proofLines.join("\n")) : "\t(empty)",
  ].join("\n");
  return { ok: false, security: true, reason: "inconsistent", message, oldNote, newNote, proof: proofLines };
}
