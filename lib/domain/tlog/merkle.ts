import { bytesEqual, isSafeNonNegativeInteger, sha256, SHA256_SIZE } from "./bytes";

/**
 * The RFC 6962 / RFC 9162 (section 2.1) Merkle tree over SHA-256: leaf hash
 * SHA-256(0x00 || entry), node hash SHA-256(0x01 || left || right), a tree of n leaves split
 * at the largest power of two below n. Proofs are generated from a HashReader, so a store
 * that keeps the hashes of complete subtrees (or static tiles) answers them without loading
 * every leaf; verification follows RFC 9162 sections 2.1.3.2 and 2.1.4.2 step by step.
 *
 * Sizes and indices are JavaScript numbers limited to Number.MAX_SAFE_INTEGER (2^53 - 1):
 * far beyond any handbook's history, and refused beyond that rather than rounded.
 */

export const HASH_SIZE = SHA256_SIZE;

/**
 * The longest proof accepted for verification. A tree of 2^53 leaves needs at most 54
 * hashes for a consistency proof and 53 for an inclusion proof; anything longer is refused
 * before any hashing, so a hostile proof cannot make a verifier do unbounded work.
 */
export const MAX_PROOF_HASHES = 64;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) : the hash of the empty string. */
export const EMPTY_TREE_ROOT: Uint8Array = sha256();

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/**
 * Where a hash sits in the tree: the complete subtree at `level` with `index` covers leaves
 * [index * 2^level, (index + 1) * 2^level). Level 0 hashes are leaf hashes.
 */
export interface SubtreeCoordinate {
  level: number;
  index: number;
}

/** A hash a store keeps, with its place in the tree. */
export interface StoredSubtreeHash extends SubtreeCoordinate {
  hash: Uint8Array;
}

/**
 * The one thing proof generation needs from storage: the hashes of complete subtrees at one
 * level, for indices `from` (included) to `to` (excluded), in order. A store may compute them
 * from what it keeps (leaf hashes, every level, or tiles); it must return exactly to - from
 * hashes of 32 bytes, or throw.
 */
export interface HashReader {
  readHashes(level: number, from: number, to: number): Promise<readonly Uint8Array[]> | readonly Uint8Array[];
}

function assertSize(value: number, what: string): void {
  if (!isSafeNonNegativeInteger(value)) throw new RangeError(`${what} must be a safe non-negative integer`);
}

/** 2^level, exact for every level a safe-integer tree can have. */
function powerOfTwo(level: number): number {
  return 2 ** level;
}

/** The largest power of two strictly below n (n >= 2): the RFC 6962 split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function largestPowerOfTwoAtMost(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

function log2OfPowerOfTwo(p: number): number {
  let level = 0;
  while (powerOfTwo(level) < p) level++;
  return level;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && largestPowerOfTwoAtMost(n) === n;
}

interface LeafRange {
  start: number;
  end: number;
}

/**
 * The complete subtrees whose hashes make up MTH(D[start:end]), left to right. Every range
 * the RFC 6962 recursions produce starts at a multiple of the power of two at or above its
 * length, so its pieces are the binary digits of its length, largest first.
 */
function rangeSubtrees(range: LeafRange): SubtreeCoordinate[] {
  const pieces: SubtreeCoordinate[] = [];
  let start = range.start;
  while (start < range.end) {
    const width = largestPowerOfTwoAtMost(range.end - start);
    pieces.push({ level: log2OfPowerOfTwo(width), index: start / width });
    start += width;
  }
  return pieces;
}

/** RFC 6962 section 2.1.1 PATH(m, D[n]) as leaf ranges, the leaf's sibling first. */
function inclusionRanges(index: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = size;
  let m = index;
  // Walk down from the root, collecting each level's sibling; the list is then reversed so
  // it runs from the leaf up, as the proof is written.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return ranges.reverse();
}

/** RFC 6962 section 2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as leaf ranges. */
function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = newSize;
  let m = oldSize;
  // SUBPROOF's flag b: while the walk stays on the left edge, the subtree it ends on is the
  // whole old tree, whose hash the verifier already has; otherwise that hash joins the proof.
  let onLeftEdge = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      onLeftEdge = false;
    }
  }
  if (!onLeftEdge) ranges.push({ start, end });
  return ranges.reverse();
}

/** Reads the given subtree hashes with as few readHashes calls as contiguous runs allow. */
async function readSubtrees(reader: HashReader, coordinates: readonly SubtreeCoordinate[]): Promise<Map<string, Uint8Array>> {
  const byLevel = new Map<number, Set<number>>();
  for (const { level, index } of coordinates) {
    const indices = byLevel.get(level) ?? new Set<number>();
    indices.add(index);
    byLevel.set(level, indices);
  }
  const found = new Map<string, Uint8Array>();
  for (const [level, indexSet] of byLevel) {
    const indices = [...indexSet].sort((a, b) => a - b);
    let runStart = 0;
    while (runStart < indices.length) {
      let runEnd = runStart + 1;
      while (runEnd < indices.length && indices[runEnd] === indices[runEnd - 1] + 1) runEnd++;
      const from = indices[runStart];
      const to = indices[runEnd - 1] + 1;
      const hashes = await reader.readHashes(level, from, to);
      if (hashes.length !== to - from) throw new Error(`hash reader returned ${hashes.length} hashes for ${to - from} at level ${level}`);
      hashes.forEach((hash, offset) => {
        if (hash.length !== HASH_SIZE) throw new Error("hash reader returned a hash of the wrong size");
        found.set(coordinateKey({ level, index: from + offset }), hash);
      });
      runStart = runEnd;
    }
  }
  return found;
}

function coordinateKey({ level, index }: SubtreeCoordinate): string {
  return `${level}/${index}`;
}

function foldRange(range: LeafRange, hashes: Map<string, Uint8Array>): Uint8Array {
  const pieces = rangeSubtrees(range).map((coordinate) => {
    const hash = hashes.get(coordinateKey(coordinate));
    if (!hash) throw new Error("missing subtree hash");
    return hash;
  });
  let result = pieces[pieces.length - 1];
  for (let i = pieces.length - 2; i >= 0; i--) result = nodeHash(pieces[i], result);
  return result;
}

function uniqueCoordinates(ranges: readonly LeafRange[]): SubtreeCoordinate[] {
  const seen = new Map<string, SubtreeCoordinate>();
  for (const range of ranges) for (const coordinate of rangeSubtrees(range)) seen.set(coordinateKey(coordinate), coordinate);
  return [...seen.values()];
}

/** The subtree hashes an inclusion proof for `index` in a tree of `size` is built from. */
export function inclusionProofSubtrees(index: number, size: number): SubtreeCoordinate[] {
  assertInclusionArguments(index, size);
  return uniqueCoordinates(inclusionRanges(index, size));
}

/** The subtree hashes a consistency proof from `oldSize` to `newSize` is built from. */
export function consistencyProofSubtrees(oldSize: number, newSize: number): SubtreeCoordinate[] {
  assertConsistencyArguments(oldSize, newSize);
  if (oldSize === 0 || oldSize === newSize) return [];
  return uniqueCoordinates(consistencyRanges(oldSize, newSize));
}

/** The subtree hashes the root of a tree of `size` is built from (its right edge). */
export function treeRootSubtrees(size: number): SubtreeCoordinate[] {
  assertSize(size, "tree size");
  return size === 0 ? [] : rangeSubtrees({ start: 0, end: size });
}

function assertInclusionArguments(index: number, size: number): void {
  assertSize(index, "leaf index");
  assertSize(size, "tree size");
  if (index >= size) throw new RangeError("leaf index must be below the tree size");
}

function assertConsistencyArguments(oldSize: number, newSize: number): void {
  assertSize(oldSize, "old tree size");
  assertSize(newSize, "new tree size");
  if (oldSize > newSize) throw new RangeError("old tree size must not exceed the new tree size");
}

/** MTH(D[0:size]) from the store. */
export async function treeRoot(reader: HashReader, size: number): Promise<Uint8Array> {
  const subtrees = treeRootSubtrees(size);
  if (subtrees.length === 0) return EMPTY_TREE_ROOT;
  return foldRange({ start: 0, end: size }, await readSubtrees(reader, subtrees));
}

/** The RFC 6962 inclusion proof for the leaf at `index` in the tree of `size` leaves. */
export async function inclusionProof(reader: HashReader, index: number, size: number): Promise<Uint8Array[]> {
  const ranges = inclusionRanges(index, size);
  const hashes = await readSubtrees(reader, inclusionProofSubtrees(index, size));
  return ranges.map((range) => foldRange(range, hashes));
}

/**
 * The RFC 6962 consistency proof from the tree of `oldSize` leaves to the tree of `newSize`.
 * Empty when the sizes are equal or the old tree is empty (nothing to prove).
 */
export async function consistencyProof(reader: HashReader, oldSize: number, newSize: number): Promise<Uint8Array[]> {
  const subtrees = consistencyProofSubtrees(oldSize, newSize);
  if (subtrees.length === 0) return [];
  const hashes = await readSubtrees(reader, subtrees);
  return consistencyRanges(oldSize, newSize).map((range) => foldRange(range, hashes));
}

/**
 * Every complete-subtree hash that appending `newLeafHashes` to a tree of `oldSize` leaves
 * creates, for a store that keeps all levels: the new leaves at level 0 and each subtree
 * they complete. Reads at most the old tree's right edge (about log2(oldSize) hashes).
 */
export async function subtreeHashesForAppend(
  reader: HashReader,
  oldSize: number,
  newLeafHashes: readonly Uint8Array[],
): Promise<StoredSubtreeHash[]> {
  assertSize(oldSize, "old tree size");
  assertSize(oldSize + newLeafHashes.length, "new tree size");
  for (const hash of newLeafHashes) if (hash.length !== HASH_SIZE) throw new RangeError("leaf hashes must be 32 bytes");
  const known = await readSubtrees(reader, treeRootSubtrees(oldSize));
  const created: StoredSubtreeHash[] = [];
  newLeafHashes.forEach((hash, offset) => {
    const leafIndex = oldSize + offset;
    let current: StoredSubtreeHash = { level: 0, index: leafIndex, hash };
    created.push(current);
    known.set(coordinateKey(current), hash);
    // A subtree at level l + 1 completes when its right child (the current one) has an odd index.
    while (current.index % 2 === 1) {
      const left = known.get(coordinateKey({ level: current.level, index: current.index - 1 }));
      if (!left) throw new Error("missing left sibling while appending");
      const parent: StoredSubtreeHash = {
        level: current.level + 1,
        index: (current.index - 1) / 2,
        hash: nodeHash(left, current.hash),
      };
      created.push(parent);
      known.set(coordinateKey(parent), parent.hash);
      current = parent;
    }
  });
  return created;
}

/**
 * A HashReader over leaf hashes held in memory (tests, small tools, the browser rebuilding
 * a tree it downloaded). Levels above 0 are computed once, on first use.
 */
export function arrayHashReader(leafHashes: readonly Uint8Array[]): HashReader {
  const levels: Uint8Array[][] = [[...leafHashes]];
  const levelHashes = (level: number): Uint8Array[] => {
    while (levels.length <= level) {
      const below = levels[levels.length - 1];
      const above: Uint8Array[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) above.push(nodeHash(below[i], below[i + 1]));
      levels.push(above);
    }
    return levels[level];
  };
  return {
    readHashes(level, from, to) {
      if (!isSafeNonNegativeInteger(level) || level > 63) throw new RangeError("invalid level");
      const hashes = levelHashes(level);
      if (!(from >= 0 && from <= to && to <= hashes.length)) throw new RangeError(`hashes ${from}..${to} at level ${level} are not in the tree`);
      return hashes.slice(from, to);
    },
  };
}

/** MTH of a list of leaf hashes held in memory. */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  if (leafHashes.length === 1) return leafHashes[0];
  const k = splitPoint(leafHashes.length);
  return nodeHash(rootFromLeafHashes(leafHashes.slice(0, k)), rootFromLeafHashes(leafHashes.slice(k)));
}

function isHash(value: Uint8Array): boolean {
  return value.length === HASH_SIZE;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

/**
 * RFC 9162 section 2.1.3.2: does `proof` prove that `leaf` (a leaf hash) is at `index` in
 * the tree of `size` leaves whose root is `root`?
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSafeNonNegativeInteger(index) || !isSafeNonNegativeInteger(size)) return false;
  if (proof.length > MAX_PROOF_HASHES || !isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  // 1. leaf_index must be below tree_size.
  if (index >= size) return false;
  // 2. fn = leaf_index, sn = tree_size - 1; 3. r = hash.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  // 4. For each p in inclusion_path:
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!(isOdd(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn must be 0 and r must equal root_hash.
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 section 2.1.4.2: does `proof` prove that the tree of `newSize` leaves with root
 * `newRoot` extends the tree of `oldSize` leaves with root `oldRoot`?
 *
 * Equal sizes need an empty proof and identical roots. An old size of 0 is refused: the
 * empty tree is consistent with every tree, so there is nothing a proof could show, and a
 * caller (such as a witness) must treat that case explicitly rather than by calling this.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!isSafeNonNegativeInteger(oldSize) || !isSafeNonNegativeInteger(newSize)) return false;
  if (oldSize === 0 || oldSize > newSize || proof.length > MAX_PROOF_HASHES) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  // 3. fn = first - 1, sn = second - 1.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4. While LSB(fn) is set, shift both right.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = the first value of the path.
  let fr = path[0];
  let sr = path[0];
  // 6. For each subsequent value c:
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!(isOdd(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr must equal first_hash, sr must equal second_hash, and sn must be 0.
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
