import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormatError, utf8 } from "./bytes";
import { arrayHashReader, consistencyProof, inclusionProof, leafHash, treeRoot } from "./merkle";
import {
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundlePath,
  formatTileIndex,
  MAX_ENTRY_BYTES,
  newEntryBundles,
  newTiles,
  parseTilePath,
  readTile,
  tileHashes,
  tileHashReader,
  tilePath,
  tilesForConsistencyProof,
  tilesForInclusionProof,
  tilesForTreeRoot,
  type Tile,
} from "./tiles";

describe("tile paths", () => {
  it("writes indices in x-prefixed groups of three digits", () => {
    expect(formatTileIndex(1234067)).toBe("x001/x234/067");
    expect(formatTileIndex(0)).toBe("000");
    expect(formatTileIndex(1000)).toBe("x001/000");
    expect(formatTileIndex(999)).toBe("999");
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe("tile/0/x001/x234/067");
    expect(tilePath({ level: 2, index: 5, width: 17 })).toBe("tile/2/005.p/17");
    expect(entryBundlePath({ index: 1234067, width: 3 })).toBe("tile/entries/x001/x234/067.p/3");
  });

  it("parses back every path it writes (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(tilePath({ level, index, width }))).toEqual({ kind: "tile", tile: { level, index, width } });
          expect(parseTilePath(entryBundlePath({ index, width }))).toEqual({ kind: "entries", bundle: { index, width } });
        },
      ),
      { seed: 8192, numRuns: 500 },
    );
  });

  it.each([
    "tile/0/x000/001",
    "tile/00/001",
    "tile/64/000",
    "tile/0/1",
    "tile/0/0001",
    "tile/0/001.p/256",
    "tile/0/001.p/0",
    "tile/0/001.p/01",
    "tile/0/001.p",
    "tile/0/x001",
    "tile/0/001/",
    "/tile/0/001",
    "tile/0/abc",
    "tile/0/y001/002",
    "tile/-1/001",
    "tile/entries",
    "tile/data/000",
    "tile/0/x009/x007/x199/x254/x740/x992/000",
    "tile/0/+01",
  ])("refuses %s", (path) => {
    expect(() => parseTilePath(path)).toThrow(FormatError);
  });
});

describe("which tiles a tree has", () => {
  const summary = (tiles: Tile[]) => {
    const byLevel = new Map<number, { full: number; partial: number[] }>();
    for (const tile of tiles) {
      const entry = byLevel.get(tile.level) ?? { full: 0, partial: [] };
      if (tile.width === 256) entry.full++;
      else entry.partial.push(tile.width);
      byLevel.set(tile.level, entry);
    }
    return Object.fromEntries(byLevel);
  };

  it("matches the specification's examples (sizes 70,000 and 256)", () => {
    expect(summary(newTiles(0, 70000))).toEqual({
      0: { full: 273, partial: [112] },
      1: { full: 1, partial: [17] },
      2: { full: 0, partial: [1] },
    });
    expect(summary(newTiles(0, 256))).toEqual({ 0: { full: 1, partial: [] }, 1: { full: 0, partial: [1] } });
  });

  it("rewrites only the tiles that changed as the tree grows", () => {
    expect(newTiles(256, 260)).toEqual([{ level: 0, index: 1, width: 4 }]);
    expect(newTiles(300, 512)).toEqual([
      { level: 0, index: 1, width: 256 },
      { level: 1, index: 0, width: 2 },
    ]);
    expect(newTiles(5, 5)).toEqual([]);
    expect(newEntryBundles(250, 513)).toEqual([
      { index: 0, width: 256 },
      { index: 1, width: 256 },
      { index: 2, width: 1 },
    ]);
  });
});

describe("proofs from tiles", () => {
  const LEAVES = Array.from({ length: 70_000 }, (_, index) => leafHash(utf8(`entry ${index}`)));
  const memory = arrayHashReader(LEAVES);

  /** A static log: any tile of the full history, served as the tree of `size` would publish it. */
  function servedTiles(size: number, fetched: Set<string>) {
    const published = new Set(newTiles(0, size).map(tilePath));
    return async (tile: Tile): Promise<Uint8Array> => {
      const path = tilePath(tile);
      if (!published.has(path)) throw new Error(`${path} is not published for size ${size}`);
      fetched.add(path);
      return readTile(memory, tile);
    };
  }

  it("builds the same proofs as the hash store, fetching exactly the tiles it announced (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: LEAVES.length }).chain((size) =>
          fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 1, max: size })),
        ),
        async ([size, index, oldSize]) => {
          const inclusionFetched = new Set<string>();
          const inclusion = await inclusionProof(tileHashReader(size, servedTiles(size, inclusionFetched)), index, size);
          expect(inclusion).toEqual(await inclusionProof(memory, index, size));
          expect([...inclusionFetched].sort()).toEqual(tilesForInclusionProof(index, size).map(tilePath).sort());

          const consistencyFetched = new Set<string>();
          const consistency = await consistencyProof(tileHashReader(size, servedTiles(size, consistencyFetched)), oldSize, size);
          expect(consistency).toEqual(await consistencyProof(memory, oldSize, size));
          expect([...consistencyFetched].sort()).toEqual(tilesForConsistencyProof(oldSize, size).map(tilePath).sort());

          const rootFetched = new Set<string>();
          expect(await treeRoot(tileHashReader(size, servedTiles(size, rootFetched)), size)).toEqual(await treeRoot(memory, size));
          expect([...rootFetched].sort()).toEqual(tilesForTreeRoot(size).map(tilePath).sort());
        },
      ),
      { seed: 70000, numRuns: 120 },
    );
  });

  it("fetches each tile once however many hashes come from it", async () => {
    let fetches = 0;
    const reader = tileHashReader(70_000, async (tile) => {
      fetches++;
      return readTile(memory, tile);
    });
    await reader.readHashes(0, 0, 256);
    await reader.readHashes(3, 0, 32);
    expect(fetches).toBe(1);
  });

  it("refuses a tile of the wrong length, and hashes beyond the tree", async () => {
    const short = tileHashReader(300, async () => new Uint8Array(32 * 255));
    await expect(short.readHashes(0, 0, 1)).rejects.toThrow(FormatError);
    await expect(tileHashReader(300, (tile) => readTile(memory, tile)).readHashes(0, 299, 301)).rejects.toThrow(RangeError);
    expect(() => tileHashes({ level: 0, index: 0, width: 2 }, new Uint8Array(65))).toThrow(FormatError);
  });
});

describe("entry bundles", () => {
  it("round-trips entries with big-endian uint16 lengths", () => {
    const entries = [utf8("a"), new Uint8Array(0), new Uint8Array(MAX_ENTRY_BYTES).fill(7), utf8("Cẩm nang")];
    const bundle = encodeEntryBundle(entries);
    expect([...bundle.slice(0, 3)]).toEqual([0, 1, 97]);
    expect(decodeEntryBundle(bundle, 4)).toEqual(entries);
  });

  it("hashes to the level-0 tile of the same index", async () => {
    const entries = Array.from({ length: 300 }, (_, index) => utf8(`statement ${index}`));
    const reader = arrayHashReader(entries.map(leafHash));
    const [bundle] = newEntryBundles(256, 300);
    const decoded = decodeEntryBundle(encodeEntryBundle(entries.slice(256, 300)), bundle.width);
    const tile = await readTile(reader, { level: 0, ...bundle });
    expect(tileHashes({ level: 0, ...bundle }, tile)).toEqual(decoded.map(leafHash));
  });

  it("refuses truncation, trailing bytes, a wrong count and oversized entries", () => {
    const bundle = encodeEntryBundle([utf8("abc"), utf8("de")]);
    expect(() => decodeEntryBundle(bundle.slice(0, -1))).toThrow(FormatError);
    expect(() => decodeEntryBundle(Uint8Array.of(...bundle, 0))).toThrow(FormatError);
    expect(() => decodeEntryBundle(bundle, 3)).toThrow(FormatError);
    expect(() => decodeEntryBundle(new Uint8Array(2 * 257))).toThrow(/at most 256/);
    expect(() => encodeEntryBundle([new Uint8Array(MAX_ENTRY_BYTES + 1)])).toThrow(RangeError);
  });
});
