/**
 * Storage per published version as versions grow: K versions, each changing one paragraph,
 * published through `publishVersion` into a fresh seeded SQLite database, against the anchor
 * "a full snapshot per version" (the canonical JSON of the whole document at that version).
 * Done on the seeded chapter (about 700 words) and on the generated 100k-word handbook.
 *
 * Two figures per version: the bytes its rows and index entries hold (SQLite's dbstat
 * payload of the version tables: Version, VersionSection, SectionRevision, the Block table
 * that revisions' blocks are stored in and the SectionOutline table that versions' section orders
 * and titles are stored in, each with its indexes), and the growth
 * of the database file over all K versions after a checkpoint and VACUUM (which also counts
 * page slack and the audit rows each publish writes). The measure is deterministic: the
 * spread is over versions, not rounds, and there is no noise floor.
 *
 *   npm run bench -- storage      (BENCH_STORAGE_VERSIONS to change K)
 */
import fs from "node:fs";
import type { Db } from "../../lib/db/client";
import { createDb } from "../../lib/db/client";
import { findDocumentBySlug, headVersion, loadVersionSnapshot } from "../../lib/db/documents";
import { canonicalJson } from "../../lib/domain/canonical";
import { plainText, type DocumentSnapshot, type RichNode } from "../../lib/domain/document";
import { generateLargeHandbook } from "../../lib/domain/fixtures/large-handbook";
import { countWords } from "../../lib/domain/text";
import { publishVersion } from "../../lib/services/publish-version";
import { HANDBOOK_DOCUMENT } from "../../lib/services/seed-data";
import { benchSecrets, prepareSeededDatabase, productEnv, temporaryDatabaseFile } from "./bench-env";
import { atMost, formatRatio, round, row, spread, type BenchRow, type PartResult, type Spread } from "./stats";

const DEFAULT_VERSIONS = 30;
const LARGE_HANDBOOK = { words: 100_000, seed: 42, slug: "cam-nang-100k-tu", title: "Cẩm nang 100 nghìn từ (đo lường)" } as const;
const VERSION_TABLES = ["Version", "VersionSection", "SectionRevision", "Block", "SectionOutline"] as const;
type VersionTable = (typeof VERSION_TABLES)[number];

interface GrowthResult {
  document: string;
  words: number;
  sections: number;
  versions: number;
  /** Canonical JSON of the whole document, per version (the anchor). */
  snapshotBytes: Spread;
  /** dbstat payload added to the version tables and their indexes, per version. */
  rowBytes: Spread;
  /** rowBytes split by table (each with its indexes), medians over the versions. */
  rowBytesByTable: Record<VersionTable, number>;
  /** rowBytes / snapshotBytes per version. */
  rowRatio: Spread;
  /** Database file growth over all versions after VACUUM, divided by the number of versions. */
  fileBytesPerVersion: number;
  fileRatio: number;
  /** Row bytes of the first and the last versions measured, to show whether the cost grows. */
  firstVersionsRowBytes: Spread;
  lastVersionsRowBytes: Spread;
}

export async function runStorageBench(log: (line: string) => void = console.log): Promise<PartResult> {
  const versions = integerFromEnvironment("BENCH_STORAGE_VERSIONS", DEFAULT_VERSIONS);
  const databaseFile = temporaryDatabaseFile("storage");
  log(`storage bench: preparing a fresh seeded database (${databaseFile}); ${versions} versions per document, one paragraph changed in each`);
  await prepareSeededDatabase(productEnv(databaseFile, benchSecrets()));
  const db = await createDb({ engine: "sqlite", file: databaseFile });
  try {
    const admin = await db.user.findUnique({ where: { email: "admin@camnang.gov.vn" } });
    const actorId = admin?.id ?? null;

    const seeded = await findDocumentBySlug(db, HANDBOOK_DOCUMENT.slug);
    if (!seeded) throw new Error("the seeded handbook is missing");
    const small = await measureGrowth(db, databaseFile, seeded, versions, actorId);
    log(describe(small));

    const handbook = generateLargeHandbook({ words: LARGE_HANDBOOK.words, seed: LARGE_HANDBOOK.seed });
    const largeDocument = await db.document.create({ data: { slug: LARGE_HANDBOOK.slug, title: LARGE_HANDBOOK.title } });
    await publishVersion({
      db,
      documentId: largeDocument.id,
      expectedHeadNumber: null,
      snapshot: { ...handbook, slug: LARGE_HANDBOOK.slug, title: LARGE_HANDBOOK.title },
      actorId,
      summary: "Sổ tay 100 nghìn từ để đo dung lượng",
    });
    const large = await measureGrowth(db, databaseFile, largeDocument, versions, actorId);
    log(describe(large));

    const rows: BenchRow[] = [small, large].map((result) =>
      row({
        measure: `storage per version: ${result.document} (${result.words} words), one paragraph changed`,
        ratio: result.rowRatio,
        noise: null,
        target: "<= 0.1x",
        meets: atMost(0.1),
        detail:
          `${result.rowBytes.median} B of rows vs ${result.snapshotBytes.median} B full snapshot; ` +
          `file growth ${result.fileBytesPerVersion} B/version (${result.fileRatio}x)`,
      }),
    );
    const notes = [
      "ratios are per version (deterministic, no noise floor); spread is over the versions published",
    ];
    return { rows, notes, details: { versions, results: [small, large] } };
  } finally {
    await db.$disconnect();
  }
}

async function measureGrowth(
  db: Db,
  databaseFile: string,
  document: { id: string; slug: string; title: string },
  versions: number,
  actorId: string | null,
): Promise<GrowthResult> {
  const head = await headVersion(db, document.id);
  if (!head) throw new Error(`${document.slug} has no version`);
  let headNumber = head.number;
  const snapshot = await loadVersionSnapshot(db, document, head.id);
  const targets = paragraphTargets(snapshot, versions);
  const words = countSnapshotWords(snapshot);

  const fileBefore = await compactedFileSize(db, databaseFile);
  const snapshotBytes: number[] = [];
  const rowBytes: number[] = [];
  const byTable: Record<VersionTable, number[]> = { Version: [], VersionSection: [], SectionRevision: [], Block: [], SectionOutline: [] };
  for (let version = 0; version < versions; version++) {
    changeOneParagraph(targets[version], version + 1);
    const before = await versionTablePayload(db);
    await publishVersion({
      db,
      documentId: document.id,
      expectedHeadNumber: headNumber,
      snapshot,
      actorId,
      summary: `Sửa một đoạn (${version + 1})`,
    });
    headNumber += 1;
    const after = await versionTablePayload(db);
    let added = 0;
    for (const table of VERSION_TABLES) {
      byTable[table].push(after[table] - before[table]);
      added += after[table] - before[table];
    }
    rowBytes.push(added);
    snapshotBytes.push(Buffer.byteLength(canonicalJson(snapshot)));
  }
  const fileAfter = await compactedFileSize(db, databaseFile);
  const fileBytesPerVersion = round((fileAfter - fileBefore) / versions);
  const meanSnapshot = snapshotBytes.reduce((sum, bytes) => sum + bytes, 0) / versions;
  const edge = Math.max(1, Math.min(5, Math.floor(versions / 3)));
  return {
    document: document.slug,
    words,
    sections: snapshot.sections.length,
    versions,
    snapshotBytes: spread(snapshotBytes),
    rowBytes: spread(rowBytes),
    rowBytesByTable: {
      Version: spread(byTable.Version).median,
      VersionSection: spread(byTable.VersionSection).median,
      SectionRevision: spread(byTable.SectionRevision).median,
      Block: spread(byTable.Block).median,
      SectionOutline: spread(byTable.SectionOutline).median,
    },
    rowRatio: spread(rowBytes.map((bytes, index) => bytes / snapshotBytes[index])),
    fileBytesPerVersion,
    fileRatio: round(fileBytesPerVersion / meanSnapshot),
    firstVersionsRowBytes: spread(rowBytes.slice(0, edge)),
    lastVersionsRowBytes: spread(rowBytes.slice(-edge)),
  };
}

function describe(result: GrowthResult): string {
  return (
    `${result.document} (${result.words} words, ${result.sections} sections), ${result.versions} versions: ` +
    `rows ${result.rowBytes.median} B/version (first ${result.firstVersionsRowBytes.median}, last ${result.lastVersionsRowBytes.median}) ` +
    `[revisions ${result.rowBytesByTable.SectionRevision}, blocks ${result.rowBytesByTable.Block}, section lists ${result.rowBytesByTable.VersionSection}, ` +
    `outlines ${result.rowBytesByTable.SectionOutline}, version ${result.rowBytesByTable.Version}] ` +
    `vs full snapshot ${result.snapshotBytes.median} B; ratio ${formatRatio(result.rowRatio)}; ` +
    `file growth ${result.fileBytesPerVersion} B/version (${result.fileRatio}x)`
  );
}

/**
 * One paragraph per version, spread over the sections so that every section changes in
 * turn, as a series of small proposals would.
 */
function paragraphTargets(snapshot: DocumentSnapshot, versions: number): RichNode[] {
  const bySection = snapshot.sections.map((section) =>
    section.content.content.filter((block) => block.type === "paragraph" && (block.content ?? []).some((child) => child.type === "text")),
  );
  const sections = bySection.map((paragraphs, index) => ({ paragraphs, index })).filter((entry) => entry.paragraphs.length > 0);
  if (sections.length === 0) throw new Error("no paragraph to change");
  const stride = Math.max(1, Math.floor(sections.length / Math.min(versions, sections.length)));
  const targets: RichNode[] = [];
  for (let version = 0; version < versions; version++) {
    const position = version * stride;
    const section = sections[position % sections.length];
    targets.push(section.paragraphs[Math.floor(position / sections.length) % section.paragraphs.length]);
  }
  return targets;
}

/** Appends a few words to the paragraph's last text node, in place. */
function changeOneParagraph(paragraph: RichNode, version: number): void {
  const texts = (paragraph.content ?? []).filter((child) => child.type === "text");
  const last = texts[texts.length - 1];
  last.text = `${last.text ?? ""} (sửa đổi lần ${version})`;
}

function countSnapshotWords(snapshot: DocumentSnapshot): number {
  return countWords(snapshot.sections.map((section) => section.content.content.map((block) => plainText(block)).join(" ")).join(" "));
}

/** Payload bytes of each version table with its indexes, as SQLite stores them. */
async function versionTablePayload(db: Db): Promise<Record<VersionTable, number>> {
  const list = VERSION_TABLES.map((name) => `'${name}'`).join(", ");
  const rows = await db.$queryRawUnsafe<{ tableName: string; payload: bigint | number | null }[]>(
    `SELECT m.tbl_name AS tableName, SUM(d.payload) AS payload FROM dbstat AS d JOIN sqlite_master AS m ON m.name = d.name ` +
      `WHERE m.tbl_name IN (${list}) AND m.type IN ('table', 'index') GROUP BY m.tbl_name`,
  );
  const payload = { Version: 0, VersionSection: 0, SectionRevision: 0, Block: 0, SectionOutline: 0 };
  for (const entry of rows) payload[entry.tableName as VersionTable] = Number(entry.payload ?? 0);
  return payload;
}

/** File size once the log is folded in and free pages are returned. */
async function compactedFileSize(db: Db, databaseFile: string): Promise<number> {
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$executeRawUnsafe("VACUUM");
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return fs.statSync(databaseFile).size;
}

function integerFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
