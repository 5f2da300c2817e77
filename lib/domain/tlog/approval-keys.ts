import { FormatError } from "./bytes";
import { decodePublicKey, keyFingerprint } from "./keys";
import { verifyApprovalSignature, type SignedApproval, type Statement } from "./statement";

/**
 * Approvals checked against the published reviewer keys (`GET /api/v1/keys`), as a monitor or a
 * reader does it from public files: a signature that verifies is not enough, the key it verifies
 * with must be one the log's operator published as that reviewer's, registered before the
 * version was published. And the key list only grows: a key once published keeps its owner, its
 * public key and its registration time, and a retirement once published stays.
 */

export type KeyRetirement = "ROTATED" | "REVOKED";

export interface PublishedKey {
  id: string;
  userId: string;
  userName: string;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  retiredAt: string | null;
  retirement: KeyRetirement | null;
}

/** Most keys read from one answer (a reviewer's rotations over decades, times every reviewer, with room). */
export const MAX_PUBLISHED_KEYS = 100_000;

function text(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 1000) throw new FormatError(`${what} must be a non-empty string`);
  return value;
}

function instant(value: unknown, what: string): string {
  const parsed = text(value, what);
  if (Number.isNaN(Date.parse(parsed))) throw new FormatError(`${what} must be a time`);
  return parsed;
}

/** Reads `{"keys": [...]}` as GET /api/v1/keys answers it; throws FormatError on anything else. */
export function parsePublishedKeys(value: unknown): PublishedKey[] {
  const keys = value !== null && typeof value === "object" ? Reflect.get(value, "keys") : undefined;
  if (!Array.isArray(keys)) throw new FormatError("the key list has no keys array");
  if (keys.length > MAX_PUBLISHED_KEYS) throw new FormatError("the key list is too long");
  return keys.map((item: unknown, index) => {
    if (item === null || typeof item !== "object") throw new FormatError(`key ${index} is not an object`);
    const field = (name: string) => Reflect.get(item, name);
    const publicKey = text(field("publicKey"), `key ${index} publicKey`);
    let fingerprint: string;
    try {
      fingerprint = keyFingerprint(decodePublicKey(publicKey));
    } catch {
      throw new FormatError(`key ${index} is not an Ed25519 public key`);
    }
    if (field("fingerprint") !== fingerprint) throw new FormatError(`key ${index} fingerprint is not its public key's`);
    const retirement = field("retirement");
    if (retirement !== null && retirement !== "ROTATED" && retirement !== "REVOKED") throw new FormatError(`key ${index} retirement is unknown`);
    const retiredAt = field("retiredAt");
    if ((retirement === null) !== (retiredAt === null)) throw new FormatError(`key ${index} retirement and retiredAt disagree`);
    return {
      id: text(field("id"), `key ${index} id`),
      userId: text(field("userId"), `key ${index} userId`),
      userName: text(field("userName"), `key ${index} userName`),
      publicKey,
      fingerprint,
      createdAt: instant(field("createdAt"), `key ${index} createdAt`),
      retiredAt: retiredAt === null ? null : instant(retiredAt, `key ${index} retiredAt`),
      retirement,
    };
  });
}

export type ApprovalKeyProblem = "signature_invalid" | "key_not_published" | "key_of_another_person" | "key_registered_after_publication";

export interface ApprovalKeyFailure {
  problem: ApprovalKeyProblem;
  approval: SignedApproval;
  /** Names the approval (reviewer, fingerprint, approval hash) and what is wrong with it. */
  message: string;
}

/**
 * The first signed approval of a statement that does not hold up against the published keys:
 * its signature, then a published key with that public key, owned by the approver, registered
 * no later than the publication. Unsigned legacy approvals have nothing to check (they are
 * reported as such by the verifiers). Null when every signed approval holds.
 */
export function checkApprovalKeys(statement: Statement, keys: readonly PublishedKey[]): ApprovalKeyFailure | null {
  const byPublicKey = new Map(keys.map((key) => [key.publicKey, key]));
  for (const approval of statement.approvals) {
    if (approval.signing !== "ed25519") continue;
    const named = `the approval by ${approval.reviewer.name} (reviewer ${approval.reviewer.id}, key ${approval.keyFingerprint}, approval ${approval.approvalHash})`;
    const fail = (problem: ApprovalKeyProblem, why: string): ApprovalKeyFailure => ({ problem, approval, message: `${named} ${why}` });
    if (!verifyApprovalSignature(statement, approval)) return fail("signature_invalid", "has a signature that does not verify");
    const key = byPublicKey.get(approval.publicKey);
    if (!key) return fail("key_not_published", "is signed with a key that is not in the published key list");
    if (key.userId !== approval.reviewer.id) return fail("key_of_another_person", `is signed with a key published as ${key.userName}'s (${key.userId})`);
    if (Date.parse(key.createdAt) > Date.parse(statement.publishedAt)) {
      return fail("key_registered_after_publication", `is signed with a key registered at ${key.createdAt}, after the version was published at ${statement.publishedAt}`);
    }
  }
  return null;
}

/**
 * What changed in the key list since a monitor last read it, other than keys added and keys
 * retired: a key gone, or its owner, public key, registration time or published retirement
 * changed. Returns a sentence naming the key, or null when the old list lives on in the new.
 */
export function publishedKeysRewritten(previous: readonly PublishedKey[], current: readonly PublishedKey[]): string | null {
  const byId = new Map(current.map((key) => [key.id, key]));
  for (const old of previous) {
    const now = byId.get(old.id);
    const named = `the key ${old.fingerprint} (${old.id}) of ${old.userName}`;
    if (!now) return `${named} is no longer published`;
    if (now.publicKey !== old.publicKey || now.userId !== old.userId || now.createdAt !== old.createdAt) return `${named} is now published with another owner, public key or registration time`;
    if (old.retirement !== null && (now.retirement !== old.retirement || now.retiredAt !== old.retiredAt)) return `${named} was published as ${old.retirement} at ${old.retiredAt}, and now is not`;
  }
  return null;
}
