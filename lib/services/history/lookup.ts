import type { DbOrTx } from "../../db/client";
import { findDocumentBySlug, findVersion, headVersion, loadVersionSnapshot } from "../../db/documents";
import type { DocumentSnapshot } from "../../domain/document";
import { AppError } from "../../errors";
import { cachedOrCreate, derivedCache } from "../../domain/derived-cache";

/** Lookups the history use cases share: a document, its head, one of its versions, a version's snapshot. */

export async function requireDocument(db: DbOrTx, slug: string) {
  const document = await findDocumentBySlug(db, slug);
  if (!document) throw new AppError("NOT_FOUND", "documentSlugNotFound", { slug });
  return document;
}

export async function requireHead(db: DbOrTx, documentId: string) {
  const head = await headVersion(db, documentId);
  if (!head) throw new AppError("NOT_FOUND", "nothingPublished");
  return head;
}

/** A version number from input: a positive integer, or a 400 that says so. */
export function assertVersionNumber(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new AppError("BAD_REQUEST", "versionNumberInvalid", { name });
  }
}

export async function requireVersion(db: DbOrTx, documentId: string, number: number, name = "n") {
  assertVersionNumber(number, name);
  const version = await findVersion(db, documentId, number);
  if (!version) throw new AppError("NOT_FOUND", "versionNotFound", { number });
  return version;
}

/**
 * Snapshots kept in memory: comparing recent versions is the common request, and a whole
 * handbook snapshot is a few megabytes at most, so a handful bounds the memory well.
 */
const SNAPSHOTS_KEPT = 8;
const snapshots = derivedCache<DocumentSnapshot>(SNAPSHOTS_KEPT);

/**
 * A published version's snapshot, cached by version id (its sections never change) and the
 * document's slug and title (which live on the document and may). Callers must not mutate it.
 */
export function versionSnapshot(db: DbOrTx, document: { slug: string; title: string }, versionId: string): Promise<DocumentSnapshot> {
  return cachedOrCreate(snapshots, `${versionId}\u0000${document.slug}\u0000${document.title}`, () => loadVersionSnapshot(db, document, versionId));
}
