import { createApiToken, revokeApiToken, type TokenScope } from "../../auth/api-tokens";
import { enforceRateLimit, personRateKey } from "../../auth/rate-limit";
import { getDb, type DbOrTx } from "../../db/client";
import { authorize, type Actor } from "../../policies";

/** A person's own API tokens as the workspace lists them: live ones only, newest first. */
export async function listOwnApiTokens(options: { actor: Actor; db?: DbOrTx; now?: Date }) {
  authorize(options.actor, "apiToken:create");
  const db = options.db ?? (await getDb());
  return db.apiToken.findMany({
    where: { userId: options.actor.id, revokedAt: null, expiresAt: { gt: options.now ?? new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, expiresAt: true },
  });
}

/** Makes a token for the person asking; the secret is returned once and never stored. */
export async function issueOwnApiToken(options: { actor: Actor; name: string; scope: TokenScope; days: number; db?: DbOrTx }) {
  authorize(options.actor, "apiToken:create");
  await enforceRateLimit("apiTokenMint", personRateKey(options.actor));
  const db = options.db ?? (await getDb());
  return createApiToken(db, { userId: options.actor.id, name: options.name, scope: options.scope, days: options.days });
}

/** Revokes one of the person's own tokens. */
export async function revokeOwnApiToken(options: { actor: Actor; tokenId: string; db?: DbOrTx }) {
  const db = options.db ?? (await getDb());
  return revokeApiToken(db, { tokenId: options.tokenId, ownerId: options.actor.id, actorId: options.actor.id });
}
