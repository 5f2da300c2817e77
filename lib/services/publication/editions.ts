import { getDb, type DbOrTx } from "../../db/client";
import { authorize, type Actor } from "../../policies";
import { requireDocument } from "../history/lookup";

/** One edition as readers and the API see it. */
export interface EditionEntry {
  slug: string;
  name: string;
  note: string;
  /** The number of the version it names. */
  version: number;
  effectiveFrom: string;
  createdAt: Date;
}

/** The site's public origin for absolute addresses in JSON: NEXTAUTH_URL, else the local default. */
function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
  try {
    if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  } catch {
    // A malformed setting falls back to the local address.
  }
  return `http://localhost:${env.PORT ?? "3000"}`;
}

/** An edition's stable address. */
export function editionPath(documentSlug: string, editionSlug: string): string {
  return `/${documentSlug}/an-ban/${editionSlug}`;
}

/** Editions of a document (optionally only those naming one version), newest version first, then oldest edition first. */
export async function loadEditions(db: DbOrTx, documentId: string, versionId?: string): Promise<EditionEntry[]> {
  const rows = await db.edition.findMany({
    where: { documentId, ...(versionId ? { versionId } : {}) },
    include: { version: { select: { number: true, effectiveFrom: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows
    .map((row) => ({ slug: row.slug, name: row.name, note: row.note, version: row.version.number, effectiveFrom: row.version.effectiveFrom, createdAt: row.createdAt }))
    .sort((a, b) => b.version - a.version);
}

/** Every edition of a document, for its pages and `GET /api/v1/documents/{slug}/editions`. */
export async function listEditions(options: { slug: string; actor?: Actor | null; db?: DbOrTx }) {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  return { document: { id: document.id, slug: document.slug, title: document.title }, editions: await loadEditions(db, document.id) };
}

/** The JSON of one edition: `{slug, name, note, version, url}` (and its version's effective day). */
export function editionJson(documentSlug: string, edition: EditionEntry) {
  return {
    slug: edition.slug,
    name: edition.name,
    note: edition.note,
    version: edition.version,
    url: `${publicOrigin()}${editionPath(documentSlug, edition.slug)}`,
    effectiveFrom: edition.effectiveFrom,
    createdAt: edition.createdAt.toISOString(),
  };
}
