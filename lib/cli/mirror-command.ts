import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { archiveProblems, ManifestError, MANIFEST_PATH, parseManifest, sameBase64, type Manifest } from "../domain/open-data";
import { verifyVersionOffline, type VersionSection } from "../domain/tlog";
import { bytesEqual, decodeUtf8 } from "../domain/tlog/bytes";
import { optionalOption, requireOption, UsageError, type Command, type ParsedArgs } from "./commands";
import { CommandExit } from "./log-commands";
import { cliText } from "./text";

/**
 * `handbook mirror --from https://camnang.gov.vn --to mirror/ [--policy policy.txt]`: copies a
 * whole installation from its public files (the open data archive, GET /api/v1/open-data.zip)
 * and checks everything before writing anything: every file against the manifest, every
 * version's chain link, content, statement, log signature, witness quorum and inclusion proof,
 * every version's JSON against the installation's own address for it, and every consultation's
 * window and public comments against its own address (GET /api/v1/proposals/{id}/consultation).
 * A failure writes nothing and exits 1.
 */

export const ARCHIVE_PATH = "/api/v1/open-data.zip";
/** The largest archive fetched: thousands of versions of a handbook-sized text, with room. */
export const MAX_MIRROR_ARCHIVE_BYTES = 512 * 1024 * 1024;
/** Entries in one archive: three files per version plus a few; a million versions would not fit anyway. */
export const MAX_MIRROR_ENTRIES = 200_000;
/** Everything unpacked: JSON compresses about ten to one, a zip bomb a thousand to one; counted while inflating. */
export const MAX_MIRROR_UNCOMPRESSED_BYTES = 4 * 1024 * 1024 * 1024;
/** How long one request may take: a large archive over a slow link, not an endless one. */
export const MIRROR_REQUEST_TIMEOUT_MS = 10 * 60 * 1000;

interface VersionJson {
  slug?: unknown;
  version?: { number?: unknown };
  statement?: unknown;
  sections?: Array<{ id: string; slug: string; title: string; position: number; content: unknown }>;
}

/** The installation's base address, without a trailing slash: `https://camnang.gov.vn` or `https://host/prefix`. */
function baseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(cliText().mirror.fromUrl(raw));
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(cliText().mirror.fromHttp);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

async function fetchBytes(url: string, maxBytes: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(MIRROR_REQUEST_TIMEOUT_MS), redirect: "follow" });
  } catch (error) {
    throw new CommandExit(1, cliText().mirror.cannotFetch({ url, detail: error instanceof Error ? error.message : String(error) }));
  }
  if (!response.ok || !response.body) throw new CommandExit(1, cliText().mirror.answered({ url, status: response.status }));
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new CommandExit(1, cliText().mirror.tooLarge({ url, bytes: maxBytes }));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The entry's bytes, inflated chunk by chunk and given up once past the budget left. */
function inflate(entry: JSZip.JSZipObject, budget: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        stream.pause();
        stream.removeAllListeners();
        reject(new CommandExit(1, cliText().mirror.unpacksTooLarge(MAX_MIRROR_UNCOMPRESSED_BYTES)));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

async function unpack(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new CommandExit(1, cliText().mirror.notZip);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_MIRROR_ENTRIES) throw new CommandExit(1, cliText().mirror.tooManyEntries(MAX_MIRROR_ENTRIES));
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    const content = await inflate(entry, MAX_MIRROR_UNCOMPRESSED_BYTES - total);
    total += content.length;
    files.set(entry.name, content);
  }
  return files;
}

interface ConsultationFile {
  opensAt?: unknown;
  closesAt?: unknown;
  comments?: unknown;
}

interface MirrorReport {
  documents: number;
  versions: number;
  consultations: number;
  files: number;
  logSize: number;
  origin: string;
}

/** Checks a fetched archive completely; the problems, or what it holds. */
async function verifyArchive(from: string, files: Map<string, Uint8Array>, trustedPolicy: string | null): Promise<{ manifest: Manifest; problems: string[] }> {
  const t = cliText().mirror;
  const manifestFile = files.get(MANIFEST_PATH);
  if (!manifestFile) throw new CommandExit(1, t.noManifest);
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestFile);
  } catch (error) {
    if (error instanceof ManifestError) throw new CommandExit(1, error.message);
    throw error;
  }
  const problems = archiveProblems(manifest, files);
  if (problems.length > 0) return { manifest, problems };
  const policy = trustedPolicy ?? decodeUtf8(files.get(manifest.log.policy)!);
  if (trustedPolicy !== null && !bytesEqual(Buffer.from(trustedPolicy), files.get(manifest.log.policy)!)) {
    problems.push(t.policyDiffers(manifest.log.policy));
  }
  for (const document of manifest.documents) {
    for (const version of document.versions) {
      const where = t.version({ document: document.slug, number: version.number });
      const content = files.get(version.content)!;
      let json: VersionJson;
      try {
        json = JSON.parse(decodeUtf8(content)) as VersionJson;
      } catch {
        problems.push(t.notJson({ where, file: version.content }));
        continue;
      }
      const statement = files.get(version.statement)!;
      if (!sameBase64(statement, json.statement)) problems.push(t.statementNotCarried({ where, file: version.statement }));
      if (!Array.isArray(json.sections)) {
        problems.push(t.noSections(where));
        continue;
      }
      const sections: VersionSection[] = json.sections.map((section) => ({ ...section, content: JSON.stringify(section.content) }));
      const result = verifyVersionOffline({ sections, statement, proof: decodeUtf8(files.get(version.proof)!), policy, expect: { document: document.slug, version: version.number } });
      if (!result.ok) problems.push(t.notVerified({ where, reason: result.reason, detail: result.message }));
      // What the archive says must be what the installation serves at the version's own address.
      const live = await fetchBytes(`${from}/api/v1/documents/${encodeURIComponent(document.slug)}/versions/${version.number}`, MAX_MIRROR_ARCHIVE_BYTES);
      if (!bytesEqual(live, content)) problems.push(t.differsFromServed({ where, file: version.content, host: new URL(from).host }));
    }
  }
  for (const consultation of manifest.consultations) {
    const where = t.consultation(consultation.proposalId);
    let json: ConsultationFile;
    try {
      json = JSON.parse(decodeUtf8(files.get(consultation.path)!)) as ConsultationFile;
    } catch {
      problems.push(t.notJson({ where, file: consultation.path }));
      continue;
    }
    if (json.opensAt !== consultation.opensAt || json.closesAt !== consultation.closesAt) problems.push(t.windowsDiffer({ where, file: consultation.path }));
    // Comments can still be answered or hidden after the archive was made: a difference means the
    // archive is stale or forged, and either way it is not mirrored.
    let live: ConsultationFile;
    try {
      live = JSON.parse(decodeUtf8(await fetchBytes(`${from}/api/v1/proposals/${encodeURIComponent(consultation.proposalId)}/consultation`, MAX_MIRROR_ARCHIVE_BYTES))) as ConsultationFile;
    } catch (error) {
      if (error instanceof CommandExit) throw error;
      problems.push(t.answerNotJson(where));
      continue;
    }
    const same = live.opensAt === json.opensAt && live.closesAt === json.closesAt && JSON.stringify(live.comments) === JSON.stringify(json.comments);
    if (!same) problems.push(t.differsFromServed({ where, file: consultation.path, host: new URL(from).host }));
  }
  return { manifest, problems };
}

/** A mirror replaces only an earlier mirror (or nothing): never a directory holding something else. */
function assertTargetFree(target: string): void {
  if (!fs.existsSync(target)) return;
  const present = fs.readdirSync(target);
  if (present.length > 0 && !present.includes(MANIFEST_PATH)) throw new UsageError(cliText().mirror.targetOccupied({ target, manifest: MANIFEST_PATH }));
}

function writeMirror(target: string, archive: Uint8Array, files: Map<string, Uint8Array>): void {
  assertTargetFree(target);
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.partial-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(staging);
  try {
    for (const [name, bytes] of files) {
      // parseManifest and archiveProblems admitted only safe relative paths of the manifest.
      const file = path.join(staging, ...name.split("/"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
    }
    fs.writeFileSync(path.join(staging, "open-data.zip"), archive);
    if (fs.existsSync(target)) fs.rmSync(target, { recursive: true });
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export async function mirror(args: ParsedArgs): Promise<MirrorReport> {
  const from = baseUrl(requireOption(args, "from"));
  const target = requireOption(args, "to");
  const policyFile = optionalOption(args, "policy");
  let trustedPolicy: string | null = null;
  if (policyFile) {
    try {
      trustedPolicy = fs.readFileSync(policyFile, "utf8");
    } catch (error) {
      throw new UsageError(cliText().cannotRead({ file: policyFile, detail: error instanceof Error ? error.message : String(error) }));
    }
  }
  assertTargetFree(target);
  const archive = await fetchBytes(`${from}${ARCHIVE_PATH}`, MAX_MIRROR_ARCHIVE_BYTES);
  const files = await unpack(archive);
  const { manifest, problems } = await verifyArchive(from, files, trustedPolicy);
  if (problems.length > 0) throw new CommandExit(1, [cliText().mirror.notMirrored(problems.length), ...problems.map((problem) => `  ${problem}`)].join("\n"));
  writeMirror(target, archive, files);
  return {
    documents: manifest.documents.length,
    versions: manifest.documents.reduce((sum, document) => sum + document.versions.length, 0),
    consultations: manifest.consultations.length,
    files: manifest.files.length + 1,
    logSize: manifest.log.size,
    origin: manifest.log.origin,
  };
}

export const mirrorCommand: Command = {
  name: "mirror",
  words: "mirror",
  options: { from: "string", to: "string", policy: "string" },
  async run(args) {
    const report = await mirror(args);
    const t = cliText().mirror;
    console.log(
      [
        t.mirrored({ documents: report.documents, versions: report.versions, consultations: report.consultations, files: report.files, target: requireOption(args, "to") }),
        t.allVerified({ origin: report.origin, size: report.logSize }),
        optionalOption(args, "policy") ? t.policyGiven : t.policyOwn,
      ].join("\n"),
    );
  },
};
