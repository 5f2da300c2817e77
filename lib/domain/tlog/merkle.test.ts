import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, utf8 } from "./bytes";
import {
  arrayHashReader,
  consistencyProof,
  EMPTY_TREE_ROOT,
  inclusionProof,
  inclusionProofSubtrees,
  leafHash,
  MAX_PROOF_HASHES,
  nodeHash,
  rootFromLeafHashes,
  subtreeHashesForAppend,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type HashReader,
  type StoredSubtreeHash,
} from "./merkle";

const VECTORS = path.join(__dirname, "testdata", "merkle");

function jsonFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return jsonFiles(full);
    return entry.name.endsWith(".json") ? [full] : [];
  });
}

// Go's encoding/json decodes a JSON string into []byte as standard base64, and null as nil.
const bytesOf = (value: string | null): Uint8Array => (value === null ? new Uint8Array() : decodeBase64(value));
const hashesOf = (value: string[] | null): Uint8Array[] => (value ?? []).map(bytesOf);

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusionVectors = jsonFiles(path.join(VECTORS, "inclusion")).map((file) => ({
  file: path.relative(VECTORS, file),
  vector: JSON.parse(readFileSync(file, "utf8")) as InclusionVector,
}));
const consistencyVectors = jsonFiles(path.join(VECTORS, "consistency")).map((file) => ({
  file: path.relative(VECTORS, file),
  vector: JSON.parse(readFileSync(file, "utf8")) as ConsistencyVector,
}));

describe("transparency-dev/merkle vectors", () => {
  it("loads every vector file", () => {
    expect(inclusionVectors.length).toBeGreaterThan(80);
    expect(consistencyVectors.length).toBeGreaterThan(90);
    expect(inclusionVectors.some(({ vector }) => !vector.wantErr)).toBe(true);
    expect(consistencyVectors.some(({ vector }) => !vector.wantErr)).toBe(true);
  });

  it.each(inclusionVectors)("inclusion $file", ({ vector }) => {
    const verified = verifyInclusion(bytesOf(vector.leafHash), vector.leafIdx, vector.treeSize, hashesOf(vector.proof), bytesOf(vector.root));
    expect(verified).toBe(!vector.wantErr);
  });

  it.each(consistencyVectors)("consistency $file", ({ vector }) => {
    const verified = verifyConsistency(vector.size1, vector.size2, hashesOf(vector.proof), bytesOf(vector.root1), bytesOf(vector.root2));
    expect(verified).toBe(!vector.wantErr);
  });
});

describe("RFC 6962 section 2.1.3 worked example (7 leaves)", () => {
  // Leaves a b c d e f j; g = (a,b), h = (c,d), i = (e,f), k = (g,h), l = (i,j), m = (k,l).
  const [a, b, c, d, e, f, j] = ["a", "b", "c", "d", "e", "f", "j"].map((name) => leafHash(utf8(name)));
  const g = nodeHash(a, b);
  const h = nodeHash(c, d);
  const i = nodeHash(e, f);
  const k = nodeHash(g, h);
  const l = nodeHash(i, j);
  const m = nodeHash(k, l);
  const reader = arrayHashReader([a, b, c, d, e, f, j]);

  it("computes the root", async () => {
    expect(rootFromLeafHashes([a, b, c, d, e, f, j])).toEqual(m);
    expect(await treeRoot(reader, 7)).toEqual(m);
    expect(await treeRoot(reader, 3)).toEqual(nodeHash(g, c));
    expect(await treeRoot(reader, 0)).toEqual(EMPTY_TREE_ROOT);
  });

  it("builds the inclusion proofs the RFC lists", async () => {
    expect(await inclusionProof(reader, 0, 7)).toEqual([b, h, l]);
    expect(await inclusionProof(reader, 3, 7)).toEqual([c, g, l]);
    expect(await inclusionProof(reader, 4, 7)).toEqual([f, j, k]);
    expect(await inclusionProof(reader, 6, 7)).toEqual([i, k]);
  });

  it("builds the consistency proofs the RFC lists", async () => {
    expect(await consistencyProof(reader, 3, 7)).toEqual([c, d, g, l]);
    expect(await consistencyProof(reader, 4, 7)).toEqual([l]);
    expect(await consistencyProof(reader, 6, 7)).toEqual([i, j, k]);
    expect(await consistencyProof(reader, 7, 7)).toEqual([]);
  });

  it("hashes the empty tree as SHA-256 of nothing", () => {
    expect(Buffer.from(EMPTY_TREE_ROOT).toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

function leavesFor(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, index) => leafHash(utf8(`statement ${index}`)));
}

const MAX_TREE = 300;
// Twice the largest tree, so proofs for doubled sizes come from the same leaves.
const ALL_LEAVES = leavesFor(2 * MAX_TREE);
const ALL_READER = arrayHashReader(ALL_LEAVES);
const rootOf = (size: number): Uint8Array => rootFromLeafHashes(ALL_LEAVES.slice(0, size));

function flipBit(hashes: readonly Uint8Array[], element: number, bit: number): Uint8Array[] {
  return hashes.map((hash, position) => {
    if (position !== element) return hash;
    const copy = hash.slice();
    copy[Math.floor(bit / 8)] ^= 1 << bit % 8;
    return copy;
  });
}

function flipped(hash: Uint8Array, bit: number): Uint8Array {
  return flipBit([hash], 0, bit)[0];
}

describe("generated proofs (property)", () => {
  it("every inclusion proof verifies, and every mutation fails", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: MAX_TREE }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))),
        fc.nat({ max: 255 }),
        fc.nat(),
        async ([size, index], bit, pick) => {
          const proof = await inclusionProof(ALL_READER, index, size);
          const root = rootOf(size);
          const leaf = ALL_LEAVES[index];
          expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);

          expect(verifyInclusion(flipped(leaf, bit), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof, flipped(root, bit))).toBe(false);
          if (proof.length > 0) {
            const element = pick % proof.length;
            expect(verifyInclusion(leaf, index, size, flipBit(proof, element, bit), root)).toBe(false);
            expect(verifyInclusion(leaf, index, size, proof.slice(1), root)).toBe(false);
            expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
          }
          expect(verifyInclusion(leaf, index, size, [...proof, root], root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, [root, ...proof], root)).toBe(false);
          for (const wrongIndex of [index - 1, index + 1]) {
            if (wrongIndex >= 0) expect(verifyInclusion(leaf, wrongIndex, size, proof, root)).toBe(false);
          }
          expect(verifyInclusion(ALL_LEAVES[(index + 1) % (size + 1)], index, size, proof, root)).toBe(false);
          // A root does not say its size (the signed checkpoint binds them): a neighbouring
          // size whose proof has a different length can never verify.
          for (const wrongSize of [size - 1, size + 1, size * 2, Math.floor(size / 2)]) {
            if (wrongSize <= index || wrongSize === size) continue;
            const honestLength = (await inclusionProof(ALL_READER, index, wrongSize)).length;
            if (honestLength !== proof.length) expect(verifyInclusion(leaf, index, wrongSize, proof, root)).toBe(false);
          }
        },
      ),
      { seed: 6962, numRuns: 300 },
    );
  });

  it("every consistency proof verifies, and every mutation fails", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: MAX_TREE }).chain((newSize) => fc.tuple(fc.integer({ min: 1, max: newSize }), fc.constant(newSize))),
        fc.nat({ max: 255 }),
        fc.nat(),
        async ([oldSize, newSize], bit, pick) => {
          const proof = await consistencyProof(ALL_READER, oldSize, newSize);
          const oldRoot = rootOf(oldSize);
          const newRoot = rootOf(newSize);
          expect(verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot)).toBe(true);

          expect(verifyConsistency(oldSize, newSize, proof, flipped(oldRoot, bit), newRoot)).toBe(false);
          expect(verifyConsistency(oldSize, newSize, proof, oldRoot, flipped(newRoot, bit))).toBe(false);
          expect(verifyConsistency(oldSize, newSize, [...proof, newRoot], oldRoot, newRoot)).toBe(false);
          if (proof.length > 0) {
            expect(verifyConsistency(oldSize, newSize, flipBit(proof, pick % proof.length, bit), oldRoot, newRoot)).toBe(false);
            expect(verifyConsistency(oldSize, newSize, proof.slice(1), oldRoot, newRoot)).toBe(false);
            expect(verifyConsistency(oldSize, newSize, proof.slice(0, -1), oldRoot, newRoot)).toBe(false);
          }
          for (const wrongOldSize of [oldSize - 1, oldSize + 1]) {
            if (wrongOldSize >= 1 && wrongOldSize <= newSize) {
              expect(verifyConsistency(wrongOldSize, newSize, proof, oldRoot, newRoot)).toBe(false);
            }
          }
          if (oldSize < newSize) {
            // A fork: the same old tree, but a different leaf appended at the end.
            const forked = ALL_LEAVES.slice(0, newSize);
            forked[newSize - 1] = leafHash(utf8("a different statement"));
            expect(verifyConsistency(oldSize, newSize, proof, oldRoot, rootFromLeafHashes(forked))).toBe(false);
            // And a rewritten past: a different old leaf, same new tree.
            const rewritten = ALL_LEAVES.slice(0, oldSize);
            rewritten[pick % oldSize] = leafHash(utf8("rewritten history"));
            expect(verifyConsistency(oldSize, newSize, proof, rootFromLeafHashes(rewritten), newRoot)).toBe(false);
          }
        },
      ),
      { seed: 9162, numRuns: 300 },
    );
  });
});

describe("verification refuses malformed input before hashing", () => {
  const leaves = leavesFor(8);
  const root = rootFromLeafHashes(leaves);

  it("refuses an index at or beyond the size, and unsafe numbers", async () => {
    const proof = await inclusionProof(arrayHashReader(leaves), 7, 8);
    expect(verifyInclusion(leaves[7], 8, 8, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[7], 7, 2 ** 53, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[7], 7.5, 8, proof, root)).toBe(false);
  });

  it("refuses proofs longer than MAX_PROOF_HASHES", () => {
    const tooLong = Array.from({ length: MAX_PROOF_HASHES + 1 }, () => leaves[0]);
    expect(verifyInclusion(leaves[0], 0, 8, tooLong, root)).toBe(false);
    expect(verifyConsistency(1, 8, tooLong, leaves[0], root)).toBe(false);
  });

  it("refuses a consistency proof from the empty tree or to a smaller tree", () => {
    expect(verifyConsistency(0, 8, [], EMPTY_TREE_ROOT, root)).toBe(false);
    expect(verifyConsistency(8, 4, [], root, root)).toBe(false);
  });

  it("refuses to build proofs for leaves or sizes outside the tree", async () => {
    const reader = arrayHashReader(leaves);
    await expect(inclusionProof(reader, 8, 8)).rejects.toThrow(RangeError);
    await expect(consistencyProof(reader, 5, 4)).rejects.toThrow(RangeError);
    await expect(inclusionProof(reader, 0, 9)).rejects.toThrow(RangeError);
  });
});

describe("a store that keeps every complete subtree", () => {
  /** An in-memory stand-in for a table of (level, index, hash) rows, read only through HashReader. */
  function storedHashReader(rows: Map<string, Uint8Array>, calls: { count: number }): HashReader {
    return {
      async readHashes(level, from, to) {
        calls.count++;
        const out: Uint8Array[] = [];
        for (let index = from; index < to; index++) {
          const hash = rows.get(`${level}/${index}`);
          if (!hash) throw new Error(`no stored hash at ${level}/${index}`);
          out.push(hash);
        }
        return out;
      },
    };
  }

  it("appends in batches, then answers proofs identical to the in-memory tree", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const rows = new Map<string, Uint8Array>();
        const calls = { count: 0 };
        const reader = storedHashReader(rows, calls);
        let size = 0;
        for (const batch of batches) {
          const created: StoredSubtreeHash[] = await subtreeHashesForAppend(reader, size, ALL_LEAVES.slice(size, size + batch));
          for (const row of created) rows.set(`${row.level}/${row.index}`, row.hash);
          size += batch;
        }
        const leaves = ALL_LEAVES.slice(0, size);
        const memory = arrayHashReader(leaves);
        expect(await treeRoot(reader, size)).toEqual(rootFromLeafHashes(leaves));
        for (const index of [0, Math.floor(size / 2), size - 1]) {
          expect(await inclusionProof(reader, index, size)).toEqual(await inclusionProof(memory, index, size));
        }
        for (const oldSize of [1, Math.ceil(size / 3), size]) {
          expect(await consistencyProof(reader, oldSize, size)).toEqual(await consistencyProof(memory, oldSize, size));
        }
        // Every complete subtree was stored exactly once: 2n - popcount(n) rows.
        const ones = size.toString(2).split("").filter((digit) => digit === "1").length;
        expect(rows.size).toBe(2 * size - ones);
      }),
      { seed: 256, numRuns: 60 },
    );
  });

  it("reads a proof's hashes in one call per contiguous run of a level", async () => {
    const rows = new Map<string, Uint8Array>();
    const calls = { count: 0 };
    const reader = storedHashReader(rows, calls);
    for (const row of await subtreeHashesForAppend(reader, 0, ALL_LEAVES.slice(0, 300))) rows.set(`${row.level}/${row.index}`, row.hash);
    calls.count = 0;
    const proof = await inclusionProof(reader, 123, 300);
    const subtrees = inclusionProofSubtrees(123, 300);
    const runs = subtrees.filter(
      (subtree) => !subtrees.some((other) => other.level === subtree.level && other.index === subtree.index - 1),
    ).length;
    expect(calls.count).toBe(runs);
    expect(verifyInclusion(ALL_LEAVES[123], 123, 300, proof, rootOf(300))).toBe(true);
  });
});
