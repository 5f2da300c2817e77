import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { recordAudit } from "../db/audit";

/** Recognizable prefix so that leaked tokens are easy to find in logs and secret scanners. */
export const API_TOKEN_PREFIX = "hbk_";
/** 256 bits of randomness: not guessable, and hashed with plain SHA-256 since it is not a password. */
const API_TOKEN_BYTES = 32;
export const MAX_TOKEN_NAME_LENGTH = 100;
/** A token lives three months unless its maker chooses otherwise: long enough for a CI job, short enough to be looked at again. */
export const DEFAULT_TOKEN_DAYS = 90;
/** No token outlives a year: every credential comes up for review at least yearly. */
export const MAX_TOKEN_DAYS = 366;
/**
 * `lastUsedAt` is written at most this often per token: enough to tell a token in use from a
 * forgotten one, without a database write on every API request.
 */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** Characters of the secret kept in clear to tell tokens apart (the prefix and 6 more). */
const VISIBLE_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;
const DAY_MS = 86_400_000;

export const TOKEN_SCOPES = ["read", "write"] as const;
/** read: every GET the person may make; write: also every change they may make. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: unknown): value is TokenScope {
  return value === "read" || value === "write";
}

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Days a new token lives: a whole number from 1 to MAX_TOKEN_DAYS (text from a form or the command line). */
export function parseTokenDays(raw: string | number | undefined | null): number {
  if (raw === undefined || raw === null || raw === "") return DEFAULT_TOKEN_DAYS;
  const days = typeof raw === "number" ? raw : /^[0-9]{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new AppError("BAD_REQUEST", "tokenDays", { max: MAX_TOKEN_DAYS });
  }
  return days;
}

export async function createApiToken(
  db: DbOrTx,
  input: { userId: string; name: string; scope: TokenScope; days?: number; actorId?: string; now?: Date },
): Promise<{ id: string; secret: string; prefix: string; expiresAt: Date; scope: TokenScope }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_TOKEN_NAME_LENGTH) {
    throw new AppError("BAD_REQUEST", "tokenNameLength", { max: MAX_TOKEN_NAME_LENGTH });
  }
  if (!isTokenScope(input.scope)) throw new AppError("BAD_REQUEST", "tokenScope");
  const days = parseTokenDays(input.days);
  const expiresAt = new Date((input.now ?? new Date()).getTime() + days * DAY_MS);
  const secret = API_TOKEN_PREFIX + randomBytes(API_TOKEN_BYTES).toString("base64url");
  const prefix = secret.slice(0, VISIBLE_PREFIX_LENGTH);
  const token = await db.apiToken.create({
    data: { userId: input.userId, name, tokenHash: hashApiToken(secret), prefix, expiresAt, scope: input.scope },
  });
  await recordAudit(db, {
    actorId: input.actorId ?? input.userId,
    action: "api_token.created",
    targetType: "api_token",
    targetId: token.id,
    data: { userId: input.userId, name, prefix, scope: input.scope, expiresAt: expiresAt.toISOString() },
  });
  return { id: token.id, secret, prefix, expiresAt, scope: input.scope };
}

export interface ResolvedApiToken {
  tokenId: string;
  userId: string;
  scope: TokenScope;
}

/**
 * The token behind a secret, or null when it is unknown, revoked or expired. Records when it
 * was last used (at most once per LAST_USED_WRITE_INTERVAL_MS).
 */
export async function resolveApiToken(db: DbOrTx, secret: string, now = new Date()): Promise<ResolvedApiToken | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
  if (!token || token.revokedAt || !token.expiresAt || token.expiresAt <= now) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_WRITE_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  // A row written before scopes existed, or tampered with, gets the narrower scope.
  return { tokenId: token.id, userId: token.userId, scope: token.scope === "write" ? "write" : "read" };
}

/**
 * Revokes a token by id or by its visible prefix. People revoke their own tokens (`ownerId`);
 * the operator's command line may revoke anyone's (no owner given).
 */
export async function revokeApiToken(
  db: DbOrTx,
  input: { tokenId?: string; prefix?: string; ownerId?: string; actorId: string | null },
): Promise<{ id: string; prefix: string; alreadyRevoked: boolean }> {
  let token;
  if (input.tokenId) {
    token = await db.apiToken.findUnique({ where: { id: input.tokenId } });
  } else if (input.prefix && input.prefix.startsWith(API_TOKEN_PREFIX)) {
    const matches = await db.apiToken.findMany({ where: { prefix: input.prefix.slice(0, VISIBLE_PREFIX_LENGTH) }, take: 2 });
    if (matches.length > 1) throw new AppError("CONFLICT", "tokenPrefixAmbiguous");
    token = matches[0] ?? null;
  } else {
    token = null;
  }
  if (!token || (input.ownerId !== undefined && token.userId !== input.ownerId)) throw new AppError("NOT_FOUND", "tokenNotFound");
  if (token.revokedAt) return { id: token.id, prefix: token.prefix, alreadyRevoked: true };
  await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
  await recordAudit(db, {
    actorId: input.actorId,
    action: "api_token.revoked",
    targetType: "api_token",
    targetId: token.id,
    data: { userId: token.userId, prefix: token.prefix },
  });
  return { id: token.id, prefix: token.prefix, alreadyRevoked: false };
}
