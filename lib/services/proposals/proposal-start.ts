import { getDb, type DbOrTx } from "../../db/client";
import { headVersion } from "../../db/documents";

/** The document a new proposal would start from (the one named, or the first) and its current version number. */
export async function proposalStartingPoint(options: { slug?: string; db?: DbOrTx }) {
  const db = options.db ?? (await getDb());
  const document = options.slug
    ? await db.document.findUnique({ where: { slug: options.slug } })
    : await db.document.findFirst({ orderBy: { createdAt: "asc" } });
  if (!document) return null;
  const head = await headVersion(db, document.id);
  return { document: { id: document.id, slug: document.slug, title: document.title }, headNumber: head?.number ?? null };
}
