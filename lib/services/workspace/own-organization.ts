import { getDb, type DbOrTx } from "../../db/client";
import type { Actor } from "../../policies";

/** The ministry a person belongs to, as the workspace shows it; null for people of no ministry. */
export async function ownOrganization(options: { actor: Actor; db?: DbOrTx }) {
  if (!options.actor.organizationId) return null;
  const db = options.db ?? (await getDb());
  return db.organization.findUnique({ where: { id: options.actor.organizationId }, select: { id: true, slug: true, name: true, nameEn: true } });
}
