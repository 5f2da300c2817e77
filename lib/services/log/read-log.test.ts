import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeBase64,
  decodeEntryBundle,
  noteVerifier,
  openCheckpoint,
  parsePolicy,
  parseTlogProof,
  rootFromLeafHashes,
  tileHashes,
  verifyConsistency,
  verifyInclusion,
  verifyVersionOffline,
} from "../../domain/tlog";
import { AppError } from "../../errors";
import { loadLogKey } from "../../log/log-signer";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { publishedDocumentJson, readPublishedDocument } from "../read-document";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import { publishVersion } from "../publish-version";
import { loadLogTree } from "./checkpoints";
import { readConsistencyProof, readInclusionProof, readLogPolicy, readServedCheckpoint, readTileFile, readVersionProofFile } from "./read-log";

const engines = await availableEngines();
const SLUG = "cam-nang-chuyen-doi-so";
/** Versions published on top of the seed, so that proofs have several shapes to cover. */
const EXTRA_VERSIONS = 5;

describe.each(engines)("what the log serves, on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    const { db } = database;
    const document = await db.document.findFirstOrThrow();
    for (let round = 0; round < EXTRA_VERSIONS; round++) {
      const head = await headVersion(db, document.id);
      const snapshot = await loadVersionSnapshot(db, document, head!.id);
      const retitled = { ...snapshot, sections: snapshot.sections.map((section, index) => (index === 0 ? { ...section, title: `${section.title} ${round}` } : section)) };
      await publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: retitled, actorId: null });
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  it("serves the checkpoint signed by the log key, and tiles and entry bundles that rebuild it", async () => {
    const { db } = database;
    const opened = openCheckpoint(await readServedCheckpoint(), [noteVerifier(loadLogKey().verifier)]);
    const tree = await loadLogTree(db);
    expect(opened.checkpoint.size).toBe(tree.size);
    const tile = await readTileFile(`tile/0/000.p/${tree.size}`);
    expect(tile.full).toBe(false);
    expect(tileHashes({ level: 0, index: 0, width: tree.size }, tile.body)).toEqual(tree.leafHashes);
    const bundle = await readTileFile(`tile/entries/000.p/${tree.size}`);
    const entries = await db.logEntry.findMany({ orderBy: { index: "asc" } });
    expect(decodeEntryBundle(bundle.body, tree.size)).toEqual(entries.map((entry) => new Uint8Array(entry.statement)));
    for (const missing of [`tile/0/000.p/${tree.size + 1}`, "tile/0/000", "tile/0/001.p/1", "tile/1/000.p/1", "tile/0/0", "tile/0/000.p/0", "../etc/passwd"]) {
      await expect(readTileFile(missing), missing).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("answers inclusion and consistency proofs that verify for every index and pair of sizes", async () => {
    const { db } = database;
    const tree = await loadLogTree(db);
    const roots = Array.from({ length: tree.size + 1 }, (_, size) => rootFromLeafHashes(tree.leafHashes.slice(0, size)));
    for (let size = 1; size <= tree.size; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await readInclusionProof(index, size);
        expect(proof).toMatchObject({ index, size });
        expect(verifyInclusion(tree.leafHashes[index], index, size, proof.hashes.map(decodeBase64), roots[size])).toBe(true);
      }
      for (let from = 1; from <= size; from++) {
        const proof = await readConsistencyProof(from, size);
        expect(verifyConsistency(from, size, proof.hashes.map(decodeBase64), roots[from], roots[size])).toBe(true);
      }
    }
  });

  it("refuses proofs outside the signed tree with a 400 that names the problem", async () => {
    const size = (await loadLogTree(database.db)).size;
    const refusals: Array<() => Promise<unknown>> = [
      () => readInclusionProof(size, size),
      () => readInclusionProof(0, size + 1),
      () => readConsistencyProof(3, 2),
      () => readConsistencyProof(1, size + 1),
    ];
    for (const refusal of refusals) {
      const error = await refusal().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", messageKey: "logProofRange" });
    }
  });

  it("gives each version a proof file that verifies offline with the version JSON and the published policy", async () => {
    const policy = parsePolicy(readLogPolicy());
    for (const versionNumber of [1, 2, 2 + EXTRA_VERSIONS]) {
      const json = publishedDocumentJson(await readPublishedDocument({ slug: SLUG, versionNumber }));
      const file = await readVersionProofFile(SLUG, versionNumber);
      const proof = parseTlogProof(file.body);
      expect(proof.index).toBe(json.log?.index);
      expect(proof.extra).toEqual(decodeBase64(json.statement!));
      const sections = json.sections.map((section) => ({ id: section.id, slug: section.slug, title: section.title, position: section.position, content: JSON.stringify(section.content) }));
      const result = verifyVersionOffline({ sections, statement: decodeBase64(json.statement!), proof: file.body, policy, expect: { document: SLUG, version: versionNumber } });
      expect(result).toMatchObject({ ok: true, leafIndex: json.log?.index });
      const altered = sections.map((section, index) => (index === 0 ? { ...section, content: section.content.replace("}", ',"x":1}') } : section));
      expect(verifyVersionOffline({ sections: altered, statement: decodeBase64(json.statement!), proof: file.body, policy })).toMatchObject({ ok: false, reason: "section_content_mismatch" });
    }
  });
});
