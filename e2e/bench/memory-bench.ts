/**
 * Memory per open document: the heap our collaboration server holds per open section (the
 * Y.Doc it loads from the stored state, plus everything the server attaches: Hocuspocus
 * document and connection, awareness, ledgers, validity of the content guard), against the
 * anchor, a bare Y.Doc built from the same content with contentToYDoc, held in the same
 * server process. Then whether the heap returns to its baseline once everything is closed
 * and unloaded.
 *
 * The sections are those of the generated 100k-word handbook (600 to 1,400 words each),
 * published on a fresh seeded database and opened by one editor on one shared socket, as
 * the editor opens the visible sections of a proposal. Heaps are read in the server child
 * after full collections (--expose-gc), A B A B over rounds, after a noise floor.
 *
 *   npm run bench -- memory      (BENCH_ROUNDS, BENCH_MEMORY_DOCUMENTS)
 */
import { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { loadActor } from "../../lib/auth/actor";
import { mintCollabToken } from "../../lib/auth/collab-token";
import { createDb, type Db } from "../../lib/db/client";
import { findDocumentBySlug, headVersion } from "../../lib/db/documents";
import { collabDocumentName } from "../../lib/domain/collab-names";
import type { SectionContent } from "../../lib/domain/document";
import { generateLargeHandbook } from "../../lib/domain/fixtures/large-handbook";
import { ensureBlockIds, validateSectionContent } from "../../lib/editor/content";
import { contentToYDoc } from "../../lib/editor/ydoc";
import { createProposal } from "../../lib/services/proposals/create-proposal";
import { publishVersion } from "../../lib/services/publish-version";
import { HANDBOOK_DOCUMENT } from "../../lib/services/seed-data";
import { benchSecrets, prepareSeededDatabase, productEnv, temporaryDatabaseFile } from "./bench-env";
import { connectClient, startCollabChild, type Client, type CollabChild } from "./collab-harness";
import { Unavailable, atMost, errorText, formatRatio, round, roundsFromEnvironment, row, sleep, spread, type PartResult } from "./stats";

const DEFAULT_ROUNDS = 3;
/** Half of what one socket may hold open (MAX_DOCUMENTS_PER_SOCKET = 64): a large proposal. */
const DEFAULT_DOCUMENTS = 32;
const WARM_UP_DOCUMENTS = 4;
const UNLOAD_TIMEOUT_MS = 20_000;
const HANDBOOK = { words: 100_000, seed: 42 } as const;
/**
 * Share of the opened memory that may remain after closing and still count as back to the
 * baseline: the heap after full collections moves by about this much between rounds.
 */
const RESIDUAL_TOLERANCE = 0.05;
const WRITER_EMAIL = "lan@mof.gov.vn";

interface Measurement {
  perDocumentBytes: number;
  /** Heap after closing minus heap before opening. */
  residualBytes: number;
}

export async function runMemoryBench(log: (line: string) => void = console.log): Promise<PartResult> {
  const rounds = roundsFromEnvironment(DEFAULT_ROUNDS);
  const documents = integerFromEnvironment("BENCH_MEMORY_DOCUMENTS", DEFAULT_DOCUMENTS);
  const databaseFile = temporaryDatabaseFile("memory");
  const secrets = benchSecrets();
  const env = productEnv(databaseFile, secrets, { COLLAB_LOG_LEVEL: "warn" });
  log(`memory bench: preparing a fresh seeded database (${databaseFile}) with the ${HANDBOOK.words}-word handbook published`);
  await prepareSeededDatabase(env);

  const db = await createDb({ engine: "sqlite", file: databaseFile });
  let server: CollabChild | null = null;
  try {
    const writer = await db.user.findUnique({ where: { email: WRITER_EMAIL } });
    const actor = writer ? await loadActor(db, writer.id) : null;
    if (!actor) throw new Error("the seeded demo users are missing");
    const proposalId = await proposalOnLargeHandbook(db, actor);
    const sections = await db.proposalSection.findMany({
      where: { proposalId },
      orderBy: { position: "asc" },
      select: { sectionId: true, content: true },
    });
    if (sections.length < documents + WARM_UP_DOCUMENTS) throw new Error(`only ${sections.length} sections to open`);
    const measured = sections.slice(0, documents);
    const warmUp = sections.slice(documents, documents + WARM_UP_DOCUMENTS);

    // The anchor: each section's content as a Y.Doc, the way the server seeds a live document.
    const anchorUpdates = measured.map((section) => {
      const validation = validateSectionContent(JSON.parse(section.content) as SectionContent);
      if (!validation.ok) throw new Error(`section ${section.sectionId} is invalid: ${validation.errors.join("; ")}`);
      const doc = contentToYDoc(ensureBlockIds(validation.content));
      const update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
      doc.destroy();
      return update;
    });
    const names = (list: typeof sections) => list.map((section) => collabDocumentName(proposalId, section.sectionId));
    const tokens = async (list: string[]) =>
      Promise.all(list.map(async (name) => ({ name, token: (await mintCollabToken({ userId: actor.id, documentName: name }, { secret: secrets.COLLAB_TOKEN_SECRET })).token })));

    try {
      server = await startCollabChild("ours", env);
    } catch (error) {
      throw new Unavailable(`our collaboration server did not start: ${errorText(error)}`);
    }
    const child = server;
    const measuredDocuments = await tokens(names(measured));
    log(
      `memory bench: ${documents} sections of ${HANDBOOK.words}-word handbook (${round(
        measured.reduce((sum, section) => sum + section.content.length, 0) / documents,
      )} characters of JSON each on average), opened on one socket; ${rounds} rounds`,
    );

    // Warm up both paths once: code, caches and the database's first statements are not per document.
    await measureOurs(child, [...(await tokens(names(warmUp))), ...measuredDocuments]);
    await measureAnchor(child, anchorUpdates);

    const noise: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const first = await measureAnchor(child, anchorUpdates);
      const second = await measureAnchor(child, anchorUpdates);
      noise.push(second.perDocumentBytes / first.perDocumentBytes);
    }
    const ours: Measurement[] = [];
    const anchors: Measurement[] = [];
    for (let round = 0; round < rounds; round++) {
      ours.push(await measureOurs(child, measuredDocuments));
      anchors.push(await measureAnchor(child, anchorUpdates));
    }
    const ratio = spread(ours.map((measurement, index) => measurement.perDocumentBytes / anchors[index].perDocumentBytes));
    const oursPerDocument = spread(ours.map((measurement) => measurement.perDocumentBytes));
    const anchorPerDocument = spread(anchors.map((measurement) => measurement.perDocumentBytes));
    const residual = spread(ours.map((measurement) => measurement.residualBytes));
    const residualShare = spread(ours.map((measurement) => measurement.residualBytes / (measurement.perDocumentBytes * documents)));
    const anchorResidual = spread(anchors.map((measurement) => measurement.residualBytes));
    log(
      `memory per open document: ours ${kib(oursPerDocument.median)} vs bare Y.Doc ${kib(anchorPerDocument.median)}; ratio ${formatRatio(ratio)}; ` +
        `noise floor ${formatRatio(spread(noise))}; after closing, ours ${signedKib(residual.median)} from baseline ` +
        `(${round(residualShare.median * 100)}% of what was opened; min ${signedKib(residual.min)}, max ${signedKib(residual.max)}), ` +
        `bare Y.Docs ${signedKib(anchorResidual.median)}`,
    );
    // Below the baseline counts as back: collections also free what earlier rounds left.
    const backToBaseline = residualShare.median <= RESIDUAL_TOLERANCE;
    return {
      rows: [
        row({
          measure: `memory per open document (${documents} sections of ~1k words)`,
          ratio,
          noise: spread(noise),
          target: "<= 1.5x",
          meets: atMost(1.5),
          detail: `ours ${kib(oursPerDocument.median)} vs bare Y.Doc ${kib(anchorPerDocument.median)} per document`,
        }),
        row({
          measure: "memory left after closing every document (share of what was opened)",
          ratio: residualShare,
          noise: null,
          target: `<= ${RESIDUAL_TOLERANCE} (back to baseline)`,
          meets: (share) => share <= RESIDUAL_TOLERANCE,
          detail: `ours ${signedKib(residual.median)} from baseline after unloading ${documents} documents`,
        }),
      ],
      notes: backToBaseline ? [] : [`the heap did not return to its baseline after closing (${signedKib(residual.median)})`],
      details: {
        rounds,
        documents,
        oursPerDocumentBytes: oursPerDocument,
        anchorPerDocumentBytes: anchorPerDocument,
        ratio,
        noiseFloor: spread(noise),
        oursResidualBytes: residual,
        oursResidualShare: residualShare,
        anchorResidualBytes: anchorResidual,
      },
    };
  } finally {
    await server?.stop();
    await db.$disconnect();
  }
}

/** Publishes the large handbook as the next version and opens a proposal on it. */
async function proposalOnLargeHandbook(db: Db, actor: NonNullable<Awaited<ReturnType<typeof loadActor>>>): Promise<string> {
  const document = await findDocumentBySlug(db, HANDBOOK_DOCUMENT.slug);
  const head = document ? await headVersion(db, document.id) : null;
  if (!document || !head) throw new Error("the seeded handbook is missing");
  const handbook = generateLargeHandbook(HANDBOOK);
  await publishVersion({
    db,
    documentId: document.id,
    expectedHeadNumber: head.number,
    snapshot: { ...handbook, slug: document.slug, title: document.title },
    actorId: null,
    summary: "Sổ tay 100 nghìn từ để đo bộ nhớ",
  });
  const proposal = await createProposal({
    actor,
    documentSlug: HANDBOOK_DOCUMENT.slug,
    input: { title: "Đo bộ nhớ mỗi tài liệu", rationale: "Mở nhiều mục cùng lúc để đo bộ nhớ của máy chủ cộng tác." },
    db,
  });
  return proposal.id;
}

async function measureOurs(server: CollabChild, documents: { name: string; token: string }[]): Promise<Measurement> {
  const before = await server.request({ type: "heap" }, "heap");
  if (before.documents !== 0) throw new Error(`${before.documents} documents still loaded before opening`);
  const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
  const clients: Client[] = [];
  try {
    for (const document of documents) clients.push(await connectClient({ url: server.url, name: document.name, token: document.token, socket }));
    const open = await server.request({ type: "heap" }, "heap");
    if (open.documents !== documents.length) throw new Error(`${open.documents} documents loaded, expected ${documents.length}`);
    for (const client of clients.splice(0)) client.close();
    socket.destroy();
    await waitUntilUnloaded(server);
    const after = await server.request({ type: "heap" }, "heap");
    return { perDocumentBytes: (open.heapUsed - before.heapUsed) / documents.length, residualBytes: after.heapUsed - before.heapUsed };
  } finally {
    for (const client of clients) client.close();
    socket.destroy();
  }
}

async function measureAnchor(server: CollabChild, updates: string[]): Promise<Measurement> {
  const before = await server.request({ type: "heap" }, "heap");
  await server.request({ type: "hold", updates }, "held");
  const held = await server.request({ type: "heap" }, "heap");
  await server.request({ type: "release" }, "held");
  const after = await server.request({ type: "heap" }, "heap");
  return { perDocumentBytes: (held.heapUsed - before.heapUsed) / updates.length, residualBytes: after.heapUsed - before.heapUsed };
}

async function waitUntilUnloaded(server: CollabChild): Promise<void> {
  const deadline = Date.now() + UNLOAD_TIMEOUT_MS;
  for (;;) {
    const { documents } = await server.request({ type: "documents" }, "documents");
    if (documents === 0) return;
    if (Date.now() > deadline) throw new Error(`${documents} documents still loaded ${UNLOAD_TIMEOUT_MS} ms after every client left`);
    await sleep(100);
  }
}

function kib(bytes: number): string {
  return `${round(bytes / 1024)} KiB`;
}

function signedKib(bytes: number): string {
  return `${bytes >= 0 ? "+" : ""}${round(bytes / 1024)} KiB`;
}

function integerFromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
