import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { recordAudit } from "../services/audit";

/** Recognizable prefix so that leaked tokens are easy to find in logs and secret scanners. */
export const API_TOKEN_PREFIX = "hbk_";
/** 256 bits of randomness: not guessable, and hashed with plain SHA-256 since it is not a password. */
const API_TOKEN_BYTES = 32;
export const MAX_TOKEN_NAME_LENGTH = 100;

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export async function createApiToken(
  db: DbOrTx,
  input: { userId: string; name: string; expiresAt?: Date | null; actorId?: string },
): Promise<{ id: string; secret: string; prefix: string }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_TOKEN_NAME_LENGTH) {
    throw new AppError("BAD_REQUEST", `Tên khóa API phải có từ 1 đến ${MAX_TOKEN_NAME_LENGTH} ký tự (token name length).`);
  }
  const secret = API_TOKEN_PREFIX + randomBytes(API_TOKEN_BYTES).toString("base64url");
  const prefix = secret.slice(0, API_TOKEN_PREFIX.length + 6);
  const token = await db.apiToken.create({
    data: { userId: input.userId, name, tokenHash: hashApiToken(secret), prefix, expiresAt: input.expiresAt ?? null },
  });
  await recordAudit(db, {
    actorId: input.actorId ?? input.userId,
    action: "api_token.created",
    targetType: "api_token",
    targetId: token.id,
    data: { userId: input.userId, name, prefix },
  });
  return { id: token.id, secret, prefix };
}

/** The user id a token belongs to, or null when it is unknown, revoked or expired. */
export async function resolveApiToken(db: DbOrTx, secret: string, now = new Date()): Promise<string | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  return token.userId;
}

export async function revokeApiToken(db: DbOrTx, input: { tokenId: string; userId: string }): Promise<void> {
  const token = await db.apiToken.findUnique({ where: { id: input.tokenId } });
  if (!token || token.userId !== input.userId) throw new AppError("NOT_FOUND", "Không tìm thấy khóa API (token not found).");
  await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
  await recordAudit(db, { actorId: input.userId, action: "api_token.revoked", targetType: "api_token", targetId: token.id });
}
