import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../policies";
import { recordAudit } from "../db/audit";
import { resolveApiToken } from "./api-tokens";

/** Loads the actor from the database so that a role change or deactivation takes effect at once. */
export async function loadActor(db: DbOrTx, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !user.active) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, organizationId: user.organizationId };
}

export function bearerToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match ? match[1] : null;
}

/** Methods that change nothing; every other method is a write. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Longest request path written into an audit entry. */
const MAX_AUDITED_PATH_LENGTH = 300;

export function isWriteMethod(method: string): boolean {
  return !READ_METHODS.has(method.toUpperCase());
}

/**
 * The person behind a Bearer API token, for one request. A read token is refused on any write
 * method (403) and yields a read-only actor, which the policies refuse every change (a GET that
 * would hand out write access, such as a collaboration token, then hands out read access only).
 * Every request made with a write token is written to the audit log.
 */
export async function actorFromBearer(
  db: DbOrTx,
  authorization: string | null,
  request: { method: string; path: string } = { method: "GET", path: "" },
): Promise<Actor | null> {
  const secret = bearerToken(authorization);
  if (!secret) return null;
  const token = await resolveApiToken(db, secret);
  if (!token) return null;
  if (token.scope === "read" && isWriteMethod(request.method)) throw new AppError("FORBIDDEN", "readOnlyToken");
  const actor = await loadActor(db, token.userId);
  if (!actor) return null;
  if (token.scope === "write") {
    await recordAudit(db, {
      actorId: actor.id,
      action: "api_token.used",
      targetType: "api_token",
      targetId: token.tokenId,
      data: { method: request.method.toUpperCase().slice(0, 10), path: request.path.slice(0, MAX_AUDITED_PATH_LENGTH) },
    });
    return actor;
  }
  return { ...actor, readOnly: true };
}
