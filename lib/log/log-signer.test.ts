import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { arrayHashReader, consistencyProof, leafHash, noteVerifier, openCheckpoint, rootFromLeafHashes } from "../domain/tlog";
import { utf8 } from "../domain/tlog/bytes";
import { ensureLogKey, LogSigner, LogSignerRefusal, logKeyFile } from "./log-signer";

let directory: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "log-signer-"));
  env = { NODE_ENV: "test", HANDBOOK_LOG_KEY_FILE: path.join(directory, "log-key"), HANDBOOK_LOG_ORIGIN: "example.gov.vn/log" };
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

const leaves = (labels: readonly string[]) => labels.map((label) => leafHash(utf8(label)));

function signerFor(labels: readonly string[]) {
  const hashes = leaves(labels);
  const reader = arrayHashReader(hashes);
  return { tree: { size: hashes.length, rootHash: rootFromLeafHashes(hashes) }, proofFrom: (oldSize: number) => consistencyProof(reader, oldSize, hashes.length) };
}

describe("the log key and signer", () => {
  it("creates the key file once, owner-only, named after the origin, and refuses another origin for it", () => {
    const key = ensureLogKey(env);
    expect(fs.statSync(key.file).mode & 0o777).toBe(0o600);
    expect(ensureLogKey(env).publicKey).toEqual(key.publicKey);
    expect(key.signer.name).toBe("example.gov.vn/log");
    expect(() => ensureLogKey({ ...env, HANDBOOK_LOG_ORIGIN: "other.gov.vn/log" })).toThrow(/not HANDBOOK_LOG_ORIGIN/);
  });

  it("refuses a key file others can read", () => {
    const key = ensureLogKey(env);
    fs.chmodSync(key.file, 0o644);
    expect(() => ensureLogKey(env)).toThrow(/readable by others/);
  });

  it("signs a tree that extends the last one, and refuses a rewrite, a truncation or another tree of the same size", async () => {
    const signer = new LogSigner(ensureLogKey(env));
    const first = signerFor(["v1", "v2", "v3"]);
    const note = await signer.signTree(first.tree, first.proofFrom);
    expect(openCheckpoint(note, [noteVerifier(signer.key.verifier)]).checkpoint.size).toBe(3);
    expect(await signer.signTree(first.tree, first.proofFrom)).toBe(note);

    const grown = signerFor(["v1", "v2", "v3", "v4"]);
    await signer.signTree(grown.tree, grown.proofFrom);

    const rewritten = signerFor(["v1", "v2 rewritten", "v3", "v4", "v5"]);
    await expect(signer.signTree(rewritten.tree, rewritten.proofFrom)).rejects.toThrow(LogSignerRefusal);
    const truncated = signerFor(["v1", "v2", "v3"]);
    await expect(signer.signTree(truncated.tree, truncated.proofFrom)).rejects.toThrow(/roll history back/);
    const forked = signerFor(["v1", "v2", "v3", "v4 forked"]);
    await expect(signer.signTree(forked.tree, forked.proofFrom)).rejects.toThrow(/different tree of that size/);
    expect(signer.lastSigned()?.size).toBe(4);
  });

  it("signs any append-only growth and refuses any change to a leaf already signed (random trees)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.nat(), async (size, extra, flip) => {
        fs.rmSync(path.join(directory, "log-key.signed"), { force: true });
        const signer = new LogSigner(ensureLogKey(env));
        const labels = Array.from({ length: size }, (_, index) => `leaf ${index}`);
        const base = signerFor(labels);
        await signer.signTree(base.tree, base.proofFrom);
        const grownLabels = [...labels, ...Array.from({ length: extra }, (_, index) => `new ${index}`)];
        const changed = [...grownLabels];
        changed[flip % size] = `${changed[flip % size]} changed`;
        const tampered = signerFor(changed);
        await expect(signer.signTree(tampered.tree, tampered.proofFrom)).rejects.toThrow(LogSignerRefusal);
        const grown = signerFor(grownLabels);
        await signer.signTree(grown.tree, grown.proofFrom);
      }),
      { numRuns: 30 },
    );
  });
});

describe("where the log key lives", () => {
  const root = process.cwd();
  it("is beside the embedded database, so each SQLite installation keeps a log of its own", () => {
    expect(logKeyFile({ NODE_ENV: "test", DATABASE_URL: "" })).toBe(path.resolve(root, "data/log-key"));
    expect(logKeyFile({ NODE_ENV: "test", DATABASE_URL: "file:./data/e2e/handbook.db" })).toBe(path.resolve(root, "data/e2e/log-key"));
    expect(logKeyFile({ NODE_ENV: "test", DATABASE_URL: "file:/srv/handbook/handbook.db" })).toBe("/srv/handbook/log-key");
  });

  it("is data/log-key on PostgreSQL, and wherever HANDBOOK_LOG_KEY_FILE says on any engine", () => {
    expect(logKeyFile({ NODE_ENV: "test", DATABASE_URL: "postgresql://db/handbook" })).toBe(path.resolve(root, "data/log-key"));
    expect(logKeyFile({ NODE_ENV: "test", DATABASE_URL: "file:./data/handbook.db", HANDBOOK_LOG_KEY_FILE: "/etc/handbook/log-key" })).toBe("/etc/handbook/log-key");
  });
});
