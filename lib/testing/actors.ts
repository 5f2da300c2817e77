import { loadActor } from "../auth/actor";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../policies";

/** A seeded demo person as an actor, loaded the way every entry point loads one. */
export async function actorByEmail(db: DbOrTx, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`${email} is not an active user`);
  return actor;
}
