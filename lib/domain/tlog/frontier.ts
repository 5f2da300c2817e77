import { isSafeNonNegativeInteger } from "./bytes";
import { EMPTY_TREE_ROOT, HASH_SIZE, nodeHash } from "./merkle";

/**
 * The right edge of an RFC 6962 tree: the hashes of the complete subtrees that make up a tree of
 * `size` leaves, largest first (one per binary digit 1 of the size, so at most 53). It is all a
 * verifier must remember of leaves it has checked to compute the root of any longer tree from
 * the new leaves alone: checking a log that grew by k leaves costs k hashes and about log2(size)
 * more, not a pass over every leaf again.
 */
export interface TreeFrontier {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

export const EMPTY_FRONTIER: TreeFrontier = { size: 0, hashes: [] };

/** The frontier after appending `leafHashes` (leaf hashes, in order) to the tree `frontier` describes. */
export function appendToFrontier(frontier: TreeFrontier, leafHashes: readonly Uint8Array[]): TreeFrontier {
  if (!isSafeNonNegativeInteger(frontier.size + leafHashes.length)) throw new RangeError("tree size must be a safe non-negative integer");
  const stack = [...frontier.hashes];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) throw new RangeError("leaf hashes must be 32 bytes");
    let hash = leaf;
    // Each trailing 1 of the old size is a subtree of the new leaf's width: merge it in.
    for (let remaining = size; remaining % 2 === 1; remaining = Math.floor(remaining / 2)) {
      const left = stack.pop();
      if (!left) throw new Error("the frontier does not match its size");
      hash = nodeHash(left, hash);
    }
    stack.push(hash);
    size += 1;
  }
  return { size, hashes: stack };
}

/** MTH of the tree the frontier describes: its subtrees folded from the right. */
export function frontierRoot(frontier: TreeFrontier): Uint8Array {
  const { hashes } = frontier;
  if (hashes.length === 0) return EMPTY_TREE_ROOT;
  let root = hashes[hashes.length - 1];
  for (let index = hashes.length - 2; index >= 0; index--) root = nodeHash(hashes[index], root);
  return root;
}
