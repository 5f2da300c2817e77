import { z } from "zod";
import { recordAudit } from "../../db/audit";
import { getDb, type Db, type DbOrTx } from "../../db/client";
import type { KeyRetirement } from "../../db/enums";
import { runTransaction } from "../../db/transaction";
import { decodePublicKey, encodePublicKey, keyFingerprint } from "../../domain/tlog";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";

/**
 * Reviewers' Ed25519 public keys: the keys approvals are signed with. The server only ever
 * sees public keys (the browser keeps its private key non-extractable in IndexedDB; API and
 * CLI users keep theirs in a file). The history is append-only: registering a new key while
 * one is in use rotates (the old key is marked ROTATED), revoking marks it REVOKED, and every
 * key ever registered stays listed publicly (GET /api/v1/keys) so old signatures stay checkable.
 */


/** The longest base64 text taken as a public key before decoding (a 32-byte key is 44 characters). */
const MAX_PUBLIC_KEY_TEXT_LENGTH = 100;

/** `POST /api/v1/me/keys`'s body. Any value: parseReviewerPublicKey answers what is wrong with it in words a person reads. */
export const registerReviewerKeyInput = z.object({ publicKey: z.unknown() });

export interface PublishedReviewerKey {
  id: string;
  userId: string;
  userName: string;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  /** When the key stopped being usable for new approvals, and why; null while in use. */
  retiredAt: string | null;
  retirement: KeyRetirement | null;
}

const KEY_INCLUDE = { revocation: true, user: { select: { id: true, name: true } } } as const;

type KeyRow = {
  id: string;
  userId: string;
  publicKey: string;
  fingerprint: string;
  createdAt: Date;
  revocation: { reason: KeyRetirement; createdAt: Date } | null;
  user: { id: string; name: string };
};

function published(row: KeyRow): PublishedReviewerKey {
  return {
    id: row.id,
    userId: row.userId,
    userName: row.user.name,
    publicKey: row.publicKey,
    fingerprint: row.fingerprint,
    createdAt: row.createdAt.toISOString(),
    retiredAt: row.revocation?.createdAt.toISOString() ?? null,
    retirement: row.revocation?.reason ?? null,
  };
}

/** Parses base64 of a raw 32-byte Ed25519 public key into its canonical base64, or a 400. */
export function parseReviewerPublicKey(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_PUBLIC_KEY_TEXT_LENGTH) {
    throw new AppError("BAD_REQUEST", "reviewerKeyInvalid");
  }
  try {
    return encodePublicKey(decodePublicKey(value.trim()));
  } catch {
    throw new AppError("BAD_REQUEST", "reviewerKeyInvalid");
  }
}

/** The key a person signs new approvals with (at most one is in use at a time), or null. */
export async function activeReviewerKey(db: DbOrTx, userId: string) {
  return db.reviewerKey.findFirst({ where: { userId, revocation: { is: null } }, orderBy: { createdAt: "desc" } });
}

/**
 * Registers the caller's public key. The same key again is acknowledged as it is (a browser
 * registers on first use and may ask twice); a different key rotates the one in use.
 */
export async function registerReviewerKey(options: { actor: Actor; publicKey: unknown; db?: Db }): Promise<{ key: PublishedReviewerKey; created: boolean }> {
  authorize(options.actor, "reviewerKey:manage");
  const publicKey = parseReviewerPublicKey(options.publicKey);
  const fingerprint = keyFingerprint(decodePublicKey(publicKey));
  const db = options.db ?? (await getDb());
  return runTransaction(db, async (tx) => {
    const existing = await tx.reviewerKey.findUnique({ where: { publicKey }, include: KEY_INCLUDE });
    if (existing) {
      if (existing.userId !== options.actor.id) throw new AppError("CONFLICT", "reviewerKeyTaken");
      if (existing.revocation) throw new AppError("CONFLICT", "reviewerKeyRetired");
      return { key: published(existing), created: false };
    }
    const previous = await activeReviewerKey(tx, options.actor.id);
    if (previous) await tx.reviewerKeyRevocation.create({ data: { keyId: previous.id, reason: "ROTATED" } });
    const row = await tx.reviewerKey.create({ data: { userId: options.actor.id, publicKey, fingerprint }, include: KEY_INCLUDE });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: previous ? "reviewer_key.rotated" : "reviewer_key.registered",
      targetType: "reviewer_key",
      targetId: row.id,
      data: { fingerprint, ...(previous ? { previousKeyId: previous.id, previousFingerprint: previous.fingerprint } : {}) },
    });
    return { key: published(row), created: true };
  });
}

/** Revokes one of the caller's keys in use: approvals signed with it afterwards do not verify. */
export async function revokeReviewerKey(options: { actor: Actor; keyId: string; db?: Db }): Promise<PublishedReviewerKey> {
  authorize(options.actor, "reviewerKey:manage");
  const db = options.db ?? (await getDb());
  return runTransaction(db, async (tx) => {
    const key = await tx.reviewerKey.findUnique({ where: { id: options.keyId }, include: KEY_INCLUDE });
    if (!key || key.userId !== options.actor.id || key.revocation) throw new AppError("NOT_FOUND", "reviewerKeyNotFound");
    await tx.reviewerKeyRevocation.create({ data: { keyId: key.id, reason: "REVOKED" } });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "reviewer_key.revoked",
      targetType: "reviewer_key",
      targetId: key.id,
      data: { fingerprint: key.fingerprint },
    });
    return published((await tx.reviewerKey.findUniqueOrThrow({ where: { id: key.id }, include: KEY_INCLUDE })) as KeyRow);
  });
}

/** A person's keys, newest first, in use or not (the workspace shows them all). */
export async function listOwnReviewerKeys(options: { actor: Actor; db?: DbOrTx }): Promise<PublishedReviewerKey[]> {
  authorize(options.actor, "reviewerKey:manage");
  const db = options.db ?? (await getDb());
  const rows = await db.reviewerKey.findMany({ where: { userId: options.actor.id }, include: KEY_INCLUDE, orderBy: { createdAt: "desc" } });
  return rows.map(published);
}

/** Every reviewer key ever registered, oldest first: what GET /api/v1/keys publishes. */
export async function listPublishedReviewerKeys(db?: DbOrTx): Promise<PublishedReviewerKey[]> {
  const client = db ?? (await getDb());
  const rows = await client.reviewerKey.findMany({ include: KEY_INCLUDE, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(published);
}
