import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256 } from "./bytes";
import { EMPTY_FRONTIER, appendToFrontier, frontierRoot } from "./frontier";
import { EMPTY_TREE_ROOT, arrayHashReader, leafHash, rootFromLeafHashes, treeRoot } from "./merkle";

const leaves = (count: number, salt: number) => Array.from({ length: count }, (_, index) => leafHash(sha256(Uint8Array.of(salt & 0xff, index & 0xff, index >> 8))));

describe("tree frontier", () => {
  it("gives the empty tree's root before any leaf", () => {
    expect(frontierRoot(EMPTY_FRONTIER)).toEqual(EMPTY_TREE_ROOT);
  });

  it("gives the RFC 6962 root of every prefix, however the leaves are split into appends (randomized)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }), fc.integer({ min: 0, max: 255 }), async (count, chunks, salt) => {
        const all = leaves(count, salt);
        let frontier = EMPTY_FRONTIER;
        let taken = 0;
        for (const chunk of [...chunks, count]) {
          const next = all.slice(taken, Math.min(count, taken + chunk));
          frontier = appendToFrontier(frontier, next);
          taken += next.length;
          expect(frontier.size).toBe(taken);
          expect(frontierRoot(frontier)).toEqual(rootFromLeafHashes(all.slice(0, taken)));
          if (taken === count) break;
        }
        expect(frontierRoot(frontier)).toEqual(await treeRoot(arrayHashReader(all), count));
      }),
      { seed: 12, numRuns: 60 },
    );
  });

  it("keeps one hash per binary digit 1 of the size", () => {
    const frontier = appendToFrontier(EMPTY_FRONTIER, leaves(1_000, 1));
    expect(frontier.hashes).toHaveLength([...(1_000).toString(2)].filter((digit) => digit === "1").length);
  });

  it("tells a different leaf from the one it was built with", () => {
    const all = leaves(37, 2);
    const frontier = appendToFrontier(appendToFrontier(EMPTY_FRONTIER, all.slice(0, 20)), all.slice(20));
    const changed = [...all];
    changed[5] = leafHash(Uint8Array.of(9));
    expect(frontierRoot(frontier)).not.toEqual(rootFromLeafHashes(changed));
  });

  it("refuses a leaf hash of the wrong length", () => {
    expect(() => appendToFrontier(EMPTY_FRONTIER, [Uint8Array.of(1, 2, 3)])).toThrow(RangeError);
  });
});
