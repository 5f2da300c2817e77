import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { headVersion, loadVersionSnapshot } from "../../db/documents";
import {
  decodeStatement,
  encodeBase64,
  encodeStatement,
  formatVerifierKey,
  leafHash,
  logVerifiersOf,
  parsePolicy,
  rootFromLeafHashes,
  verifyCheckpointWithPolicy,
  verifyConsistencyBetween,
  witnessCheckpointPath,
  decodeHex,
} from "../../domain/tlog";
import { loadLogKey, LogSignerRefusal } from "../../log/log-signer";
import { dropAppendOnlyTriggers, rewritePastVersion, serveForgedCheckpoint, serviceFetch, signWithStolenKey } from "../../testing/log-drills";
import { monitorOnce } from "../../log/monitor";
import { createWitness, witnessHttpServer } from "../../log/witness-server";
import { configuredWitnesses } from "../../log/witnesses";
import { availableEngines, createTestDatabase, type TestDatabase } from "../../testing/databases";
import { publishVersion } from "../publish-version";
import { latestCheckpoint, loadLogTree, pushToWitnesses, signPendingCheckpoint } from "./checkpoints";
import { readLogPolicy, readServedCheckpoint } from "./read-log";

/**
 * Tamper drills: someone with the database and the real log key rewrites history. Clients that
 * kept an earlier checkpoint, monitors and witnesses must catch it; the product's own signer
 * must refuse to help.
 */

const engines = await availableEngines();

async function publishRetitled(database: TestDatabase, suffix: string) {
  const { db } = database;
  const document = await db.document.findFirstOrThrow();
  const head = await headVersion(db, document.id);
  const snapshot = await loadVersionSnapshot(db, document, head!.id);
  const retitled = { ...snapshot, sections: snapshot.sections.map((section, index) => (index === 0 ? { ...section, title: `${section.title} ${suffix}` } : section)) };
  return publishVersion({ documentId: document.id, expectedHeadNumber: head!.number, snapshot: retitled, actorId: null });
}

describe.each(engines.map((engine) => ({ engine })))("tamper drills on $engine", ({ engine }) => {
  let database: TestDatabase;
  let server: http.Server;
  let directory: string;

  beforeEach(async () => {
    database = await createTestDatabase(engine, { seed: true });
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "witness-"));
    const stateFile = path.join(directory, "state.json");
    const witness = createWitness({ keyFile: path.join(directory, "key"), name: "archive.gov.vn/witness", stateFile, logKeys: [formatVerifierKey(loadLogKey().verifier)] });
    server = witnessHttpServer(witness, { stateFile });
    // Each drill's witness on a port of its own, chosen by the system: files running in parallel never collide.
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    process.env.HANDBOOK_WITNESSES = `${witness.verifierKey} http://127.0.0.1:${port}`;
    // The seed's checkpoint and one more version, both cosigned: the log as readers last saw it.
    await signPendingCheckpoint({ db: database.db, awaitWitnesses: true });
    await publishRetitled(database, "(v3)");
    await signPendingCheckpoint({ db: database.db, awaitWitnesses: true });
  });
  afterEach(async () => {
    delete process.env.HANDBOOK_WITNESSES;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  async function clientAndMonitor() {
    const policy = parsePolicy(readLogPolicy());
    const held = await readServedCheckpoint();
    expect(verifyCheckpointWithPolicy(held, policy)).toMatchObject({ ok: true, cosignatures: [{ witness: "archive.gov.vn/witness" }] });
    const stateFile = path.join(directory, "monitor.json");
    const first = await monitorOnce({ baseUrl: "http://log.test", stateFile, fetchImpl: serviceFetch });
    expect(first).toMatchObject({ ok: true, size: 3 });
    return { policy, held, stateFile };
  }

  it("(1) a past version rewritten, chain and tree recomputed and re-signed with the real key: the client and the monitor report it, the witness refuses", async () => {
    const { db } = database;
    const { policy, held, stateFile } = await clientAndMonitor();

    // The old hash chain, recomputed: on its own it would now vouch for the rewrite.
    const tree = await rewritePastVersion(db, database.engine, { documentSlug: (await db.document.findFirstOrThrow()).slug, number: 2, text: "Văn bản đã bị sửa lén" });
    expect(tree.size).toBe(3);

    // The product's signer remembers the tree it signed and refuses the rewrite.
    await expect(signPendingCheckpoint({ db, awaitWitnesses: true })).rejects.toThrow(LogSignerRefusal);
    // The attacker signs with the key itself.
    const forged = await serveForgedCheckpoint(db);

    const check = verifyConsistencyBetween(held, await readServedCheckpoint(), [], logVerifiersOf(policy));
    expect(check).toMatchObject({ ok: false, security: true, oldNote: held, newNote: forged });
    if (!check.ok) expect(check.message).toMatch(/^SECURITY ERROR/);
    expect(verifyCheckpointWithPolicy(forged, policy)).toMatchObject({ ok: false, reason: "quorum_not_met" });

    const monitored = await monitorOnce({ baseUrl: "http://log.test", stateFile, fetchImpl: serviceFetch, policy: readLogPolicy() });
    expect(monitored).toMatchObject({ ok: false, security: true });
    expect(monitored.message).toContain("SECURITY ERROR");
    expect(monitored.message).toContain(held.split("\n")[2]);
    expect(monitored.message).toContain(forged.split("\n")[2]);

    const pushed = await pushToWitnesses(db, (await latestCheckpoint(db))!, tree, configuredWitnesses());
    expect(pushed).toEqual([expect.objectContaining({ outcome: "refused", detail: expect.stringMatching(/^422/) })]);
    expect(await db.logCosignature.count()).toBe(0);
  });

  it("(2) the newest version deleted and a shorter tree signed with the real key: the client and the monitor report it, the witness refuses", async () => {
    const { db } = database;
    const { policy, held, stateFile } = await clientAndMonitor();

    await dropAppendOnlyTriggers(database.db, database.engine);
    const newest = await db.version.findFirstOrThrow({ where: { number: 3 } });
    await db.logCosignature.deleteMany({});
    await db.logCheckpoint.deleteMany({});
    await db.logEntry.deleteMany({ where: { versionId: newest.id } });
    await db.versionSection.deleteMany({ where: { versionId: newest.id } });
    await db.outboundEmail.deleteMany({});
    await db.version.delete({ where: { id: newest.id } });
    const tree = await loadLogTree(db);
    expect(tree.size).toBe(2);

    await expect(signPendingCheckpoint({ db, awaitWitnesses: true })).rejects.toThrow(/roll history back/);
    const forged = await signWithStolenKey(2, tree.leafHashes);
    await db.logCheckpoint.create({ data: { size: 2, rootHash: encodeBase64(rootFromLeafHashes(tree.leafHashes)), note: forged } });

    const check = verifyConsistencyBetween(held, await readServedCheckpoint(), [], logVerifiersOf(policy));
    expect(check).toMatchObject({ ok: false, security: true });
    const monitored = await monitorOnce({ baseUrl: "http://log.test", stateFile, fetchImpl: serviceFetch });
    expect(monitored).toMatchObject({ ok: false, security: true });
    expect(monitored.message).toContain("SECURITY ERROR");

    const pushed = await pushToWitnesses(db, (await latestCheckpoint(db))!, tree, configuredWitnesses());
    expect(pushed).toEqual([expect.objectContaining({ outcome: "refused" })]);
    expect(await db.logCosignature.count()).toBe(0);
  });

  it("(3) two clients served different checkpoints of the same size: comparing cosignatures catches the split view", async () => {
    const { db } = database;
    const policy = parsePolicy(readLogPolicy());
    const clientA = await readServedCheckpoint();
    // A second tree of size 3 for client B: version 3's statement with another publication time.
    const entries = await db.logEntry.findMany({ orderBy: { index: "asc" } });
    const other = decodeStatement(new Uint8Array(entries[2].statement));
    const otherBytes = encodeStatement({ ...other, publishedAt: new Date(Date.parse(other.publishedAt) + 1000).toISOString() });
    const leafHashesB = [...entries.slice(0, 2).map((entry) => decodeHex(entry.leafHash)), leafHash(otherBytes)];
    const clientB = await signWithStolenKey(3, leafHashesB);

    // Each checkpoint carries a valid log signature; only A is cosigned.
    expect(verifyCheckpointWithPolicy(clientA, policy)).toMatchObject({ ok: true });
    expect(verifyCheckpointWithPolicy(clientB, policy)).toMatchObject({ ok: false, reason: "quorum_not_met" });
    expect(verifyCheckpointWithPolicy(clientB, { ...policy, quorum: "none", groups: [] })).toMatchObject({ ok: true });

    // The witness will not cosign B after A...
    const [witness] = configuredWitnesses();
    const answer = await fetch(`${witness.url}/add-checkpoint`, { method: "POST", body: `old 3\n\n${clientB}` });
    expect(answer.status).toBe(422);
    // ...and B, compared with the checkpoint the witness cosigned, is evidence of a fork.
    const witnessed = await (await fetch(`${witness.url}/${witnessCheckpointPath(loadLogKey().signer.name)}`)).text();
    expect(witnessed.startsWith(clientA.split("\n\n")[0])).toBe(true);
    const comparison = verifyConsistencyBetween(witnessed, clientB, [], logVerifiersOf(policy));
    expect(comparison).toMatchObject({ ok: false, security: true });
  });
});
