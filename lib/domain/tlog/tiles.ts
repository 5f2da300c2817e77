import { concatBytes, FormatError, isSafeNonNegativeInteger, parseDecimal } from "./bytes";
import {
  consistencyProofSubtrees,
  HASH_SIZE,
  inclusionProofSubtrees,
  rootFromLeafHashes,
  treeRootSubtrees,
  type HashReader,
  type SubtreeCoordinate,
} from "./merkle";

/**
 * C2SP tlog-tiles: the log as static files. A tile at level L and index N holds up to 256
 * consecutive hashes of complete subtrees of height 8L (level 0: leaf hashes); each full tile
 * is the bottom of a subtree of height 8 whose inner levels are recomputed by hashing. The
 * rightmost tiles of each level are partial (`.p/<width>`). Entry bundles hold the entries
 * whose leaf hashes make the level-0 tile of the same index.
 *
 *   tile/<L>/<N>[.p/<W>]      tile/entries/<N>[.p/<W>]      N = x001/x234/067 for 1234067
 */

/** Hashes in a full tile (tlog-tiles fixes the tile height at 8). */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
/** Highest tile level the spec allows. */
export const MAX_TILE_LEVEL = 63;
/** Largest entry an entry bundle can hold: its length is a big-endian uint16. */
export const MAX_ENTRY_BYTES = 0xffff;
/** Longest tile path parsed: level, six index groups (a safe integer) and a partial width. */
export const MAX_TILE_PATH_LENGTH = 64;
/** Where the log serves its latest signed checkpoint. */
export const CHECKPOINT_PATH = "checkpoint";

/** A tile of hashes: `width` (1..256) hashes from index `index * 256` at level 8 * `level`. */
export interface Tile {
  level: number;
  index: number;
  width: number;
}

/** An entry bundle: the `width` entries from index `index * 256`. */
export interface EntryBundle {
  index: number;
  width: number;
}

function assertTile(tile: Tile): void {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL) throw new RangeError("tile level must be 0..63");
  assertBundle(tile);
}

function assertBundle(bundle: EntryBundle): void {
  if (!isSafeNonNegativeInteger(bundle.index)) throw new RangeError("tile index must be a safe non-negative integer");
  if (!Number.isInteger(bundle.width) || bundle.width < 1 || bundle.width > TILE_WIDTH) throw new RangeError("tile width must be 1..256");
}

/** A tile index in zero-padded groups of three digits, all but the last prefixed with `x`. */
export function formatTileIndex(index: number): string {
  if (!isSafeNonNegativeInteger(index)) throw new RangeError("tile index must be a safe non-negative integer");
  let rest = index;
  let path = String(rest % 1000).padStart(3, "0");
  rest = Math.floor(rest / 1000);
  while (rest > 0) {
    path = `x${String(rest % 1000).padStart(3, "0")}/${path}`;
    rest = Math.floor(rest / 1000);
  }
  return path;
}

function widthSuffix(width: number): string {
  return width === TILE_WIDTH ? "" : `.p/${width}`;
}

export function tilePath(tile: Tile): string {
  assertTile(tile);
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${widthSuffix(tile.width)}`;
}

export function entryBundlePath(bundle: EntryBundle): string {
  assertBundle(bundle);
  return `tile/entries/${formatTileIndex(bundle.index)}${widthSuffix(bundle.width)}`;
}

export type ParsedTilePath = { kind: "tile"; tile: Tile } | { kind: "entries"; bundle: EntryBundle };

/**
 * Parses a tile or entry bundle path (relative to the log's prefix, without a leading slash),
 * for a route handler. Only the exact spelling tilePath/entryBundlePath write is accepted.
 * Throws FormatError.
 */
export function parseTilePath(path: string): ParsedTilePath {
  if (path.length > MAX_TILE_PATH_LENGTH) throw new FormatError("tile path too long");
  const segments = path.split("/");
  if (segments.length < 3 || segments[0] !== "tile") throw new FormatError("a tile path is tile/<level>/<index>");
  const isEntries = segments[1] === "entries";
  const level = isEntries ? 0 : parseDecimal(segments[1], "tile level");
  if (level > MAX_TILE_LEVEL) throw new FormatError("tile level above 63");
  let indexSegments = segments.slice(2);
  let width = TILE_WIDTH;
  const beforeLast = indexSegments[indexSegments.length - 2];
  if (beforeLast !== undefined && beforeLast.endsWith(".p")) {
    width = parseDecimal(indexSegments[indexSegments.length - 1], "partial tile width");
    if (width < 1 || width >= TILE_WIDTH) throw new FormatError("a partial tile is 1..255 wide");
    indexSegments = [...indexSegments.slice(0, -2), beforeLast.slice(0, -2)];
  }
  let index = 0;
  indexSegments.forEach((segment, position) => {
    const isLast = position === indexSegments.length - 1;
    const digits = isLast ? segment : segment.startsWith("x") ? segment.slice(1) : "";
    if (digits.length !== 3 || !/^[0-9]{3}$/.test(digits)) throw new FormatError("tile index groups are three digits, x-prefixed but the last");
    index = index * 1000 + Number(digits);
  });
  if (!isSafeNonNegativeInteger(index)) throw new FormatError("tile index too large");
  const parsed: ParsedTilePath = isEntries ? { kind: "entries", bundle: { index, width } } : { kind: "tile", tile: { level, index, width } };
  const canonical = parsed.kind === "entries" ? entryBundlePath(parsed.bundle) : tilePath(parsed.tile);
  if (canonical !== path) throw new FormatError("tile path is not in canonical form");
  return parsed;
}

/** How many hashes level 8 * `level` of a tree of `size` leaves has. */
function hashesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/** The tile holding `hashIndex` at tile level `level`, as a tree of `size` leaves publishes it. */
function tileContaining(level: number, hashIndex: number, size: number): Tile {
  const index = Math.floor(hashIndex / TILE_WIDTH);
  const available = hashesAtTileLevel(level, size) - index * TILE_WIDTH;
  if (available <= 0) throw new RangeError("that tile is not part of the tree");
  return { level, index, width: Math.min(TILE_WIDTH, available) };
}

/**
 * The tiles to write when the tree grows from `oldSize` to `newSize`: every tile whose
 * contents changed (the old partial tiles, now wider or full, and all new ones).
 */
export function newTiles(oldSize: number, newSize: number): Tile[] {
  if (!isSafeNonNegativeInteger(oldSize) || !isSafeNonNegativeInteger(newSize) || oldSize > newSize) {
    throw new RangeError("sizes must be safe integers with oldSize <= newSize");
  }
  const tiles: Tile[] = [];
  for (let level = 0; hashesAtTileLevel(level, newSize) > 0; level++) {
    const oldCount = hashesAtTileLevel(level, oldSize);
    const newCount = hashesAtTileLevel(level, newSize);
    if (oldCount === newCount) continue;
    const fullTiles = Math.floor(newCount / TILE_WIDTH);
    for (let index = Math.floor(oldCount / TILE_WIDTH); index < fullTiles; index++) tiles.push({ level, index, width: TILE_WIDTH });
    const partial = newCount % TILE_WIDTH;
    if (partial > 0) tiles.push({ level, index: fullTiles, width: partial });
  }
  return tiles;
}

/** The entry bundles to write when the tree grows (they follow the level-0 tiles). */
export function newEntryBundles(oldSize: number, newSize: number): EntryBundle[] {
  return newTiles(oldSize, newSize)
    .filter((tile) => tile.level === 0)
    .map(({ index, width }) => ({ index, width }));
}

function tilesFor(coordinates: readonly SubtreeCoordinate[], size: number): Tile[] {
  const tiles = new Map<string, Tile>();
  for (const { level, index } of coordinates) {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const firstHash = index * 2 ** (level - tileLevel * TILE_HEIGHT);
    const tile = tileContaining(tileLevel, firstHash, size);
    tiles.set(tilePath(tile), tile);
  }
  return [...tiles.values()];
}

/** The tiles a client fetches to build the inclusion proof of `index` in a tree of `size`. */
export function tilesForInclusionProof(index: number, size: number): Tile[] {
  return tilesFor(inclusionProofSubtrees(index, size), size);
}

/** The tiles a client fetches to build a consistency proof from `oldSize` to `newSize`. */
export function tilesForConsistencyProof(oldSize: number, newSize: number): Tile[] {
  return tilesFor(consistencyProofSubtrees(oldSize, newSize), newSize);
}

/** The tiles a client fetches to recompute the root of a tree of `size`. */
export function tilesForTreeRoot(size: number): Tile[] {
  return tilesFor(treeRootSubtrees(size), size);
}

/** A tile's bytes: its hashes, concatenated, read from the log's hash store. */
export async function readTile(reader: HashReader, tile: Tile): Promise<Uint8Array> {
  assertTile(tile);
  const from = tile.index * TILE_WIDTH;
  const hashes = await reader.readHashes(tile.level * TILE_HEIGHT, from, from + tile.width);
  if (hashes.length !== tile.width || hashes.some((hash) => hash.length !== HASH_SIZE)) throw new Error("hash reader returned a wrong tile");
  return concatBytes(...hashes);
}

/** Splits a tile's bytes into its hashes; refuses bytes of the wrong length for its width. */
export function tileHashes(tile: Tile, data: Uint8Array): Uint8Array[] {
  assertTile(tile);
  if (data.length !== tile.width * HASH_SIZE) throw new FormatError(`tile ${tilePath(tile)} must be ${tile.width * HASH_SIZE} bytes`);
  return Array.from({ length: tile.width }, (_, i) => data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/**
 * A HashReader over the tiles of a tree of `size` leaves, fetched on demand (once each) with
 * `fetchTile`: a client builds proofs from a static log with it. What the tiles say is not
 * trusted: the proofs built from them verify against a signed checkpoint, or fail.
 */
export function tileHashReader(size: number, fetchTile: (tile: Tile) => Promise<Uint8Array>): HashReader {
  if (!isSafeNonNegativeInteger(size)) throw new RangeError("tree size must be a safe non-negative integer");
  const fetched = new Map<string, Promise<Uint8Array[]>>();
  const hashesOf = (tile: Tile): Promise<Uint8Array[]> => {
    const path = tilePath(tile);
    let pending = fetched.get(path);
    if (!pending) {
      pending = fetchTile(tile).then((data) => tileHashes(tile, data));
      fetched.set(path, pending);
    }
    return pending;
  };
  return {
    async readHashes(level, from, to) {
      if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL * TILE_HEIGHT) throw new RangeError("invalid level");
      if (!(isSafeNonNegativeInteger(from) && from <= to && to * 2 ** level <= size)) throw new RangeError("hashes are not in the tree");
      const tileLevel = Math.floor(level / TILE_HEIGHT);
      const span = 2 ** (level - tileLevel * TILE_HEIGHT);
      const out: Uint8Array[] = [];
      for (let index = from; index < to; index++) {
        const firstHash = index * span;
        const tile = tileContaining(tileLevel, firstHash, size);
        const hashes = await hashesOf(tile);
        const offset = firstHash - tile.index * TILE_WIDTH;
        out.push(rootFromLeafHashes(hashes.slice(offset, offset + span)));
      }
      return out;
    },
  };
}

/** Entries, each with a big-endian uint16 length in front. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0 || entries.length > TILE_WIDTH) throw new RangeError("an entry bundle holds 1..256 entries");
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_BYTES) throw new RangeError(`an entry is at most ${MAX_ENTRY_BYTES} bytes`);
    parts.push(Uint8Array.of(entry.length >> 8, entry.length & 0xff), entry);
  }
  return concatBytes(...parts);
}

/**
 * Reads an entry bundle; with `width`, it must hold exactly that many entries. Refuses a
 * truncated entry, trailing bytes, and more than 256 entries. Throws FormatError.
 */
export function decodeEntryBundle(data: Uint8Array, width?: number): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (entries.length === TILE_WIDTH) throw new FormatError("an entry bundle holds at most 256 entries");
    if (offset + 2 > data.length) throw new FormatError("truncated entry length");
    const length = (data[offset] << 8) | data[offset + 1];
    offset += 2;
    if (offset + length > data.length) throw new FormatError("truncated entry");
    entries.push(data.slice(offset, offset + length));
    offset += length;
  }
  if (width !== undefined && entries.length !== width) throw new FormatError(`entry bundle holds ${entries.length} entries, expected ${width}`);
  return entries;
}
