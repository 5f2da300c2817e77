/**
 * Cost as history grows: the same 100k-word handbook with a short history (10 versions) and a
 * long one (1,000 versions, fixed seed), in one database. Each round publishes one more version
 * to both, one paragraph changed, then times what readers and operators do on the new head:
 * the history page's first page, compare v1 ↔ head, blame of the head, search, and verifying
 * the whole record. The ratio is long / short per round (A B A B); flat means <= 2x.
 *
 * Heads are new in every round, so the caches keyed by version start cold, as after a publish.
 * Every version rewrites the marker at the end of one of the same few paragraphs, so that both
 * histories' heads differ from their first version in as many places: the measure isolates the
 * length of the history from how far the text drifted.
 *
 *   npm run bench -- history      (BENCH_HISTORY_VERSIONS to change the long history's length)
 */
import type { Db } from "../../lib/db/client";
import { createDb } from "../../lib/db/client";
import { headVersion } from "../../lib/db/documents";
import type { DocumentSnapshot, RichNode } from "../../lib/domain/document";
import { generateLargeHandbook } from "../../lib/domain/fixtures/large-handbook";
import { blameVersion } from "../../lib/services/history/blame-version";
import { compareVersions } from "../../lib/services/history/compare-versions";
import { HISTORY_PAGE_SIZE, listVersions } from "../../lib/services/history/list-versions";
import { searchHandbook } from "../../lib/services/history/search-handbook";
import { publishVersion } from "../../lib/services/publish-version";
import { verifyDocument } from "../../lib/services/verify-document";
import { benchSecrets, prepareSeededDatabase, productEnv, temporaryDatabaseFile } from "./bench-env";
import { atMost, formatSpread, round, row, spread, type BenchRow, type PartResult } from "./stats";

const SHORT_HISTORY = 10;
const DEFAULT_LONG_HISTORY = 1_000;
/** Rounds of A B A B; each adds a version to both documents. */
const ROUNDS = 5;
const HANDBOOK = { words: 100_000, seed: 7 } as const;
/** Words every generated section repeats, so the query always has hits. */
const SEARCH_QUERY = "chuyen doi so";
/** Paragraphs the versions take turns to change (a handbook's busy passages). */
const EDITED_PARAGRAPHS = 10;
/** Flat: a thousand versions may cost at most twice what ten cost. */
const FLAT_RATIO = 2;

const OPERATIONS = ["history page", "compare v1 ↔ head", "blame of head", "search", "publish one more version", "verify the whole record"] as const;
type Operation = (typeof OPERATIONS)[number];

interface Subject {
  slug: string;
  documentId: string;
  snapshot: DocumentSnapshot;
  paragraphs: RichNode[];
  /** The original text of each edited paragraph's last text node. */
  originals: string[];
  head: number;
  edits: number;
}

export async function runHistoryBench(log: (line: string) => void = console.log): Promise<PartResult> {
  const longHistory = integerFromEnvironment("BENCH_HISTORY_VERSIONS", DEFAULT_LONG_HISTORY);
  const databaseFile = temporaryDatabaseFile("history");
  const env = productEnv(databaseFile, benchSecrets());
  await prepareSeededDatabase(env);
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL });
  const db = await createDb({ engine: "sqlite", file: databaseFile });
  try {
    const actor = await db.user.findUnique({ where: { email: "admin@camnang.gov.vn" } });
    const actorId = actor?.id ?? null;
    const started = performance.now();
    const short = await buildHistory(db, "lich-su-ngan", SHORT_HISTORY, actorId);
    const long = await buildHistory(db, "lich-su-dai", longHistory, actorId);
    log(`history bench: built ${SHORT_HISTORY} and ${longHistory} versions of a ${HANDBOOK.words}-word handbook in ${Math.round((performance.now() - started) / 1000)} s`);
    // A first check reads every version (a fresh process, or the periodic full pass); the rounds then measure what follows a publish.
    const fullCheck: Record<"short" | "long", number> = { short: 0, long: 0 };
    for (const [subject, side] of [
      [short, "short"],
      [long, "long"],
    ] as const) {
      const checkStarted = performance.now();
      const verified = await verifyDocument(subject.slug, { incremental: true });
      if (!verified.ok) throw new Error(`${subject.slug}: the record does not verify: ${JSON.stringify(verified)}`);
      fullCheck[side] = round(performance.now() - checkStarted);
    }
    log(`history bench: a full check of the record took ${fullCheck.long} ms at ${longHistory} versions, ${fullCheck.short} ms at ${SHORT_HISTORY}`);

    const timings = new Map<Operation, { short: number[]; long: number[] }>(OPERATIONS.map((operation) => [operation, { short: [], long: [] }]));
    const timingsOf = (operation: Operation) => timings.get(operation) ?? { short: [], long: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [subject, side] of [
        [short, "short"],
        [long, "long"],
      ] as const) {
        const measured = await measureRound(db, subject, actorId);
        for (const operation of OPERATIONS) timingsOf(operation)[side].push(measured[operation]);
      }
    }

    const rows: BenchRow[] = OPERATIONS.map((operation) => {
      const { short: shortTimes, long: longTimes } = timingsOf(operation);
      const ratios = longTimes.map((value, index) => value / Math.max(shortTimes[index], 0.001));
      return row({
        measure: `history cost: ${operation}, ${longHistory} vs ${SHORT_HISTORY} versions`,
        ratio: spread(ratios),
        noise: null,
        target: `<= ${FLAT_RATIO}x`,
        meets: atMost(FLAT_RATIO),
        detail: `${formatSpread(spread(longTimes), " ms")} at ${longHistory}; ${formatSpread(spread(shortTimes), " ms")} at ${SHORT_HISTORY}`,
      });
    });
    return {
      rows,
      notes: [
        `ratios are per round (long / short, same round); each round first publishes a version to both documents, so caches keyed by the head start cold`,
        `verifying starts from what the process verified last; a full pass (every version read and hashed: a fresh process, and at least every ten minutes) took ${fullCheck.long} ms at ${longHistory} versions vs ${fullCheck.short} ms at ${SHORT_HISTORY} (${round(fullCheck.long / Math.max(fullCheck.short, 0.001))}x)`,
      ],
      details: { longHistory, shortHistory: SHORT_HISTORY, rounds: ROUNDS, fullCheckMs: fullCheck, timings: Object.fromEntries(timings) },
    };
  } finally {
    await db.$disconnect();
  }
}

async function buildHistory(db: Db, slug: string, versions: number, actorId: string | null): Promise<Subject> {
  const handbook = generateLargeHandbook({ words: HANDBOOK.words, seed: HANDBOOK.seed });
  const document = await db.document.create({ data: { slug, title: `Cẩm nang đo lịch sử (${slug})` } });
  // Section ids are unique across documents: each copy of the handbook gets ids of its own.
  const sections = handbook.sections.map((section) => ({ ...section, id: `${slug}-${section.id}` }));
  const snapshot: DocumentSnapshot = { ...handbook, sections, slug, title: document.title };
  const all = paragraphsOf(snapshot);
  const paragraphs = Array.from({ length: EDITED_PARAGRAPHS }, (_, index) => all[Math.floor(((index + 0.5) * all.length) / EDITED_PARAGRAPHS)]);
  const originals = paragraphs.map((paragraph) => lastText(paragraph).text ?? "");
  const subject: Subject = { slug, documentId: document.id, snapshot, paragraphs, originals, head: 0, edits: 0 };
  for (let number = 1; number <= versions; number++) await publishNext(db, subject, actorId);
  return subject;
}

async function publishNext(db: Db, subject: Subject, actorId: string | null): Promise<void> {
  if (subject.head > 0) {
    const index = subject.edits % subject.paragraphs.length;
    lastText(subject.paragraphs[index]).text = `${subject.originals[index]} (sửa ${subject.edits + 1})`;
    subject.edits += 1;
  }
  await publishVersion({
    db,
    documentId: subject.documentId,
    expectedHeadNumber: subject.head === 0 ? null : subject.head,
    snapshot: subject.snapshot,
    actorId,
    summary: `Phiên bản ${subject.head + 1}`,
  });
  subject.head += 1;
}

async function measureRound(db: Db, subject: Subject, actorId: string | null): Promise<Record<Operation, number>> {
  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return round(performance.now() - started);
  };
  const publish = await time(() => publishNext(db, subject, actorId));
  const head = await headVersion(db, subject.documentId);
  if (!head || head.number !== subject.head) throw new Error(`${subject.slug}: head is not ${subject.head}`);
  return {
    "publish one more version": publish,
    // The history page shows its first page: the newest HISTORY_PAGE_SIZE versions.
    "history page": await time(() => listVersions({ slug: subject.slug, page: { size: HISTORY_PAGE_SIZE }, db })),
    "compare v1 ↔ head": await time(() => compareVersions({ slug: subject.slug, from: 1, to: subject.head, db })),
    "blame of head": await time(() => blameVersion({ slug: subject.slug, versionNumber: subject.head, db })),
    search: await time(() => searchHandbook({ query: SEARCH_QUERY, db })),
    // As the web app's verify route does: from what this process verified last (a full pass at least every ten minutes).
    "verify the whole record": await time(() => verifyDocument(subject.slug, { incremental: true })),
  };
}

function lastText(paragraph: RichNode): RichNode {
  const texts = (paragraph.content ?? []).filter((child) => child.type === "text");
  return texts[texts.length - 1];
}

function paragraphsOf(snapshot: DocumentSnapshot): RichNode[] {
  return snapshot.sections.flatMap((section) =>
    section.content.content.filter((block) => block.type === "paragraph" && (block.content ?? []).some((child) => child.type === "text")),
  );
}

function integerFromEnvironment(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer`);
  return parsed;
}
