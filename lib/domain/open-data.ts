import { decodeUtf8, encodeBase64, sha256, utf8 } from "./tlog/bytes";

/**
 * The open data archive (`GET /api/v1/open-data.zip`): every published version of every
 * document as the API serves it, its transparency log statement and proof, the log's checkpoint
 * and policy, every reviewer key, and every public consultation that has opened (its public
 * comments, their answers and the report's figures), with a manifest naming each file's size and SHA-256. The
 * format is documented in the README ("Open data"); `handbook mirror` reads it back and checks
 * every byte. Pure: the service gathers the files, the CLI fetches them.
 */

export const OPEN_DATA_FORMAT = "camnangmo/open-data/v1";
export const MANIFEST_PATH = "manifest.json";
export const CHECKPOINT_PATH = "log/checkpoint";
export const POLICY_PATH = "log/policy";
export const KEYS_PATH = "keys.json";

export interface ManifestFile {
  path: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
}

export interface ManifestVersion {
  number: number;
  hash: string;
  prevHash: string | null;
  publishedAt: string;
  effectiveFrom: string;
  logIndex: number | null;
  /** The version JSON, byte for byte `GET /api/v1/documents/{slug}/versions/{n}`. */
  content: string;
  /** The statement's exact bytes (the log leaf). */
  statement: string;
  /** The C2SP tlog-proof file, `GET /api/v1/documents/{slug}/versions/{n}/proof`. */
  proof: string;
}

/** One public consultation of the archive (the file's format: lib/services/open-data/consultation-record.ts). */
export interface ManifestConsultation {
  proposalId: string;
  /** The slug of the document the proposal changes. */
  document: string;
  opensAt: string;
  closesAt: string;
  /** `consultations/{proposalId}.json`. */
  path: string;
}

export interface ManifestDocument {
  slug: string;
  title: string;
  versions: ManifestVersion[];
}

export interface Manifest {
  format: typeof OPEN_DATA_FORMAT;
  log: { origin: string; size: number; checkpoint: string; policy: string };
  keys: string;
  documents: ManifestDocument[];
  /** Every consultation that has opened, by proposal id (absent from archives made before consultations were in them). */
  consultations: ManifestConsultation[];
  /** Every file of the archive but the manifest itself, sorted by path. */
  files: ManifestFile[];
}

export function versionPaths(slug: string, number: number): { content: string; statement: string; proof: string } {
  const base = `documents/${slug}/versions/${number}`;
  return { content: `${base}.json`, statement: `${base}.statement`, proof: `${base}.tlog-proof` };
}

export function consultationPath(proposalId: string): string {
  return `consultations/${proposalId}.json`;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

export function describeFile(path: string, bytes: Uint8Array): ManifestFile {
  return { path, bytes: bytes.length, sha256: hex(sha256(bytes)) };
}

/** A relative path of plain segments: nothing a mirror could write outside its directory. */
export function isSafeArchivePath(path: string): boolean {
  if (path.length === 0 || path.length > 512 || path.startsWith("/") || path.includes("\\")) return false;
  return path.split("/").every((segment) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(segment) && segment !== "." && segment !== "..");
}

/** The manifest for these files (in any order), as the bytes stored in the archive: stable JSON, sorted files. */
export function manifestBytes(input: Omit<Manifest, "format" | "files">, files: readonly { path: string; bytes: Uint8Array }[]): Uint8Array {
  const manifest: Manifest = {
    format: OPEN_DATA_FORMAT,
    log: input.log,
    keys: input.keys,
    documents: input.documents,
    consultations: [...input.consultations].sort((a, b) => (a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0)),
    files: files.map((file) => describeFile(file.path, file.bytes)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  return utf8(`${JSON.stringify(manifest, null, 2)}\n`);
}

export class ManifestError extends Error {}

export function parseManifest(bytes: Uint8Array): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(bytes));
  } catch {
    throw new ManifestError("manifest.json is not JSON");
  }
  const manifest = value as Partial<Manifest>;
  if (manifest?.format !== OPEN_DATA_FORMAT) throw new ManifestError(`manifest.json is not ${OPEN_DATA_FORMAT}`);
  if (!Array.isArray(manifest.files) || !Array.isArray(manifest.documents) || typeof manifest.log?.checkpoint !== "string" || typeof manifest.log?.policy !== "string") {
    throw new ManifestError("manifest.json lacks files, documents or log");
  }
  if (manifest.consultations === undefined) manifest.consultations = [];
  if (!Array.isArray(manifest.consultations) || manifest.consultations.some((consultation) => typeof consultation?.path !== "string" || typeof consultation.proposalId !== "string")) {
    throw new ManifestError("manifest.json lists a malformed consultation");
  }
  for (const file of manifest.files) {
    if (typeof file?.path !== "string" || !isSafeArchivePath(file.path) || typeof file.sha256 !== "string" || typeof file.bytes !== "number") {
      throw new ManifestError(`manifest.json lists an unsafe or malformed file: ${JSON.stringify(file?.path ?? file)}`);
    }
  }
  return manifest as Manifest;
}

/**
 * What does not match between a manifest and the files an archive holds: a listed file missing
 * or of another size or digest, a file the manifest does not list, a document's versions not
 * numbered 1, 2, … or not chained by their hashes, a path the manifest names but does not list.
 */
export function archiveProblems(manifest: Manifest, files: ReadonlyMap<string, Uint8Array>): string[] {
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const file of manifest.files) {
    const bytes = files.get(file.path);
    if (!bytes) {
      problems.push(`${file.path}: listed in the manifest, missing from the archive`);
      continue;
    }
    const actual = describeFile(file.path, bytes);
    if (actual.bytes !== file.bytes || actual.sha256 !== file.sha256) problems.push(`${file.path}: ${actual.bytes} bytes with SHA-256 ${actual.sha256}, the manifest says ${file.bytes} bytes with ${file.sha256}`);
  }
  for (const path of files.keys()) {
    if (path !== MANIFEST_PATH && !listed.has(path)) problems.push(`${path}: in the archive, not listed in the manifest`);
  }
  const named = [manifest.log.checkpoint, manifest.log.policy, manifest.keys];
  for (const document of manifest.documents) {
    document.versions.forEach((version, index) => {
      if (version.number !== index + 1) problems.push(`${document.slug}: version ${version.number} where ${index + 1} was expected`);
      const previous = document.versions[index - 1];
      if (previous && version.prevHash !== previous.hash) problems.push(`${document.slug} version ${version.number}: prevHash does not name version ${previous.number}'s hash`);
      if (index === 0 && version.prevHash !== null) problems.push(`${document.slug} version 1: has a prevHash`);
      named.push(version.content, version.statement, version.proof);
    });
  }
  for (const consultation of manifest.consultations) {
    if (consultation.path !== consultationPath(consultation.proposalId)) problems.push(`consultation of ${consultation.proposalId}: its file should be ${consultationPath(consultation.proposalId)}, not ${consultation.path}`);
    named.push(consultation.path);
  }
  for (const path of named) if (!listed.has(path)) problems.push(`${path}: named in the manifest but not among its files`);
  return problems;
}

/** The statement bytes of a version JSON (its `statement`, base64), to compare with the archive's statement file. */
export function sameBase64(bytes: Uint8Array, base64: unknown): boolean {
  return typeof base64 === "string" && encodeBase64(bytes) === base64;
}
