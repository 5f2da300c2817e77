import { getDb, type DbOrTx } from "../../db/client";
import { diffDocuments, type DocumentDiff } from "../../domain/diff";
import { authorize, type Actor } from "../../policies";
import { requireDocument, requireHead, requireVersion, versionSnapshot } from "./lookup";
import { cachedOrCreate, derivedCache } from "../../domain/derived-cache";

export interface VersionRef {
  number: number;
  hash: string;
  publishedAt: Date;
}

export interface VersionComparison {
  document: { id: string; slug: string; title: string };
  from: VersionRef;
  to: VersionRef;
  headNumber: number;
  diff: DocumentDiff;
}

/**
 * Diffs of pairs of versions. Both sides are immutable, and the same few pairs (latest
 * against previous) are asked for again and again by readers and feed links.
 */
const DIFFS_KEPT = 16;
const diffs = derivedCache<DocumentDiff>(DIFFS_KEPT);

/**
 * Compares any two versions of a document, in either order (from > to shows what undoing
 * the later changes would do). Without numbers it compares the latest version with the one
 * before it (or with itself when there is only one).
 */
export async function compareVersions(options: {
  slug: string;
  from?: number;
  to?: number;
  actor?: Actor | null;
  db?: DbOrTx;
}): Promise<VersionComparison> {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const head = await requireHead(db, document.id);
  const toNumber = options.to ?? (options.from === undefined ? head.number : Math.min(options.from + 1, head.number));
  const fromNumber = options.from ?? Math.max(1, toNumber - 1);
  const [from, to] = await Promise.all([
    requireVersion(db, document.id, fromNumber, "from"),
    requireVersion(db, document.id, toNumber, "to"),
  ]);
  const diff = await cachedOrCreate(diffs, `${from.id}\u0000${to.id}\u0000${document.slug}\u0000${document.title}`, async () => {
    const [before, after] = await Promise.all([versionSnapshot(db, document, from.id), versionSnapshot(db, document, to.id)]);
    return diffDocuments(before, after);
  });
  return {
    document: { id: document.id, slug: document.slug, title: document.title },
    from: { number: from.number, hash: from.hash, publishedAt: from.publishedAt },
    to: { number: to.number, hash: to.hash, publishedAt: to.publishedAt },
    headNumber: head.number,
    diff,
  };
}
