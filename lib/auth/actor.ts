import type { DbOrTx } from "../db/client";
import { isRole } from "../domain/roles";
import type { Actor } from "../policies";
import { resolveApiToken } from "./api-tokens";

/** Loads the actor from the database so that a role change or deactivation takes effect at once. */
export async function loadActor(db: DbOrTx, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, organizationId: user.organizationId };
}

export function bearerToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match ? match[1] : null;
}

export async function actorFromBearer(db: DbOrTx, authorization: string | null): Promise<Actor | null> {
  const secret = bearerToken(authorization);
  if (!secret) return null;
  const userId = await resolveApiToken(db, secret);
  return userId ? loadActor(db, userId) : null;
}
