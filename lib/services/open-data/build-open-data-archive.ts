import JSZip from "jszip";
import { getDb } from "../../db/client";
import { CHECKPOINT_PATH, KEYS_PATH, manifestBytes, MANIFEST_PATH, POLICY_PATH, versionPaths, type ManifestDocument } from "../../domain/open-data";
import { decodeBase64, sha256, utf8 } from "../../domain/tlog/bytes";
import { now as clockNow } from "../clock";
import { publishedDocumentJson, readPublishedDocument } from "../read-document";
import { readLogPolicy, readServedCheckpoint, readVersionProofFile } from "../log/read-log";
import { listPublishedReviewerKeys } from "../workspace/reviewer-keys";
import { consultationRecords } from "./consultation-record";

/**
 * The whole installation's public record as one .zip (format in lib/domain/open-data.ts and the
 * README): built from the same bytes the API serves, so a mirror can compare any file with the
 * live address it came from. The same state gives the same bytes: entries in path order, each
 * with the fixed date below, DEFLATE at a fixed level, and no time of building anywhere inside.
 */

/**
 * Every entry's modification time (JSZip writes it as UTC): 1980-01-01 00:00, the earliest DOS
 * time can hold and the usual "no date" of reproducible archives, so no clock reaches the bytes.
 */
const ENTRY_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
/** zlib's default: a good ratio for JSON and text at a modest cost, and stable across runs. */
const DEFLATE_LEVEL = 6;

export interface OpenDataArchive {
  bytes: Buffer;
  /** Strong entity tag: the digest of the archive's bytes. */
  etag: string;
  fileName: string;
}

export async function buildOpenDataArchive(options: { now?: Date } = {}): Promise<OpenDataArchive> {
  const db = await getDb();
  const files: { path: string; bytes: Uint8Array }[] = [];
  const checkpoint = await readServedCheckpoint();
  const [origin, size] = checkpoint.split("\n");
  files.push({ path: CHECKPOINT_PATH, bytes: utf8(checkpoint) });
  files.push({ path: POLICY_PATH, bytes: utf8(readLogPolicy()) });
  files.push({ path: KEYS_PATH, bytes: utf8(JSON.stringify({ keys: await listPublishedReviewerKeys(db) })) });

  const documents: ManifestDocument[] = [];
  for (const document of await db.document.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, title: true } })) {
    const versions = await db.version.findMany({ where: { documentId: document.id }, orderBy: { number: "asc" }, select: { number: true, hash: true, prevHash: true, publishedAt: true, effectiveFrom: true } });
    const described: ManifestDocument = { slug: document.slug, title: document.title, versions: [] };
    for (const version of versions) {
      const paths = versionPaths(document.slug, version.number);
      // The bytes GET /api/v1/documents/{slug}/versions/{n} serves (published-document-body.ts), read
      // past its cache: an archive of every version would evict the versions readers are reading.
      const served = publishedDocumentJson(await readPublishedDocument({ slug: document.slug, versionNumber: version.number }));
      if (served.statement === null) throw new Error(`${document.slug} version ${version.number} has no log entry to archive`);
      const body = JSON.stringify(served);
      const proof = await readVersionProofFile(document.slug, version.number);
      files.push({ path: paths.content, bytes: utf8(body) });
      files.push({ path: paths.statement, bytes: decodeBase64(served.statement) });
      files.push({ path: paths.proof, bytes: utf8(proof.body) });
      described.versions.push({
        number: version.number,
        hash: version.hash,
        prevHash: version.prevHash,
        publishedAt: version.publishedAt.toISOString(),
        effectiveFrom: version.effectiveFrom,
        logIndex: served.log?.index ?? null,
        ...paths,
      });
    }
    documents.push(described);
  }

  const consultations = await consultationRecords(db, options.now ?? clockNow());
  for (const consultation of consultations) files.push({ path: consultation.entry.path, bytes: consultation.bytes });

  const manifest = manifestBytes(
    { log: { origin, size: Number(size), checkpoint: CHECKPOINT_PATH, policy: POLICY_PATH }, keys: KEYS_PATH, documents, consultations: consultations.map((consultation) => consultation.entry) },
    files,
  );
  const zip = new JSZip();
  const entries = [{ path: MANIFEST_PATH, bytes: manifest }, ...files.sort((a, b) => (a.path < b.path ? -1 : 1))];
  for (const entry of entries) zip.file(entry.path, entry.bytes, { date: ENTRY_DATE, binary: true, createFolders: false });
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: DEFLATE_LEVEL }, platform: "UNIX" });
  const digest = Buffer.from(sha256(bytes)).toString("base64url");
  return { bytes, etag: `"${digest}"`, fileName: "cam-nang-mo-du-lieu-mo.zip" };
}
