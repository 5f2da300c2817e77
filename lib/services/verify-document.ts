import { getDb } from "../db/client";
import { findDocumentBySlug, loadVersionSnapshot } from "../db/documents";
import { verifyChain, type ChainVerification, type StoredVersion } from "../domain/version-hash";
import { AppError } from "../errors";

/** Recomputes every version's hash from the stored text and checks the chain (anyone may ask). */
export async function verifyDocument(slug: string): Promise<ChainVerification> {
  const db = await getDb();
  const document = await findDocumentBySlug(db, slug);
  if (!document) throw new AppError("NOT_FOUND", `Không tìm thấy tài liệu “${slug}” (not found).`);
  const versions = await db.version.findMany({ where: { documentId: document.id }, orderBy: { number: "asc" } });
  const stored: StoredVersion[] = [];
  for (const version of versions) {
    stored.push({ number: version.number, hash: version.hash, prevHash: version.prevHash, snapshot: await loadVersionSnapshot(db, document, version.id) });
  }
  return verifyChain(stored);
}
