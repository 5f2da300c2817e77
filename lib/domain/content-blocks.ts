import { deflateRawSync, inflateRawSync } from "node:zlib";
import { createHash } from "node:crypto";

/**
 * Block-level content addressing of section revisions. A section's stored text is the JSON
 * Tiptap gives, `{"type":"doc","content":[B1,B2,...]}`, and what the log's statements and the
 * readers' checks hash is that exact text (sectionContentHash). A revision is therefore kept as
 * the ordered list of its top-level blocks' texts, each block stored once under the SHA-256 of
 * its exact bytes: a new version that changes one paragraph stores that paragraph and a short
 * list of references, and reassembling the list gives back the stored text byte for byte, so
 * every hash computed from it is what it always was.
 *
 * The key is the hash of the block's exact bytes rather than of its canonical form
 * (lib/domain/canonical.ts): two blocks that mean the same but differ in key order would share a
 * canonical hash, and keeping only one of them would change the other section's bytes.
 *
 * A block's bytes are stored deflated (node:zlib, raw deflate), and a block that replaces a
 * block of the previous revision (same Tiptap block id, `attrs.id`) is deflated with that block
 * as the dictionary, as Git's packs delta an object against a similar one: a paragraph with a
 * few words changed then costs a few dozen bytes. Chains of such bases are kept short
 * (MAX_BASE_CHAIN) so reading a block never inflates more than that many blocks.
 */

const FRAME_START = '{"type":"doc","content":[';
const FRAME_END = "]}";

/** Longest chain of bases a block may sit on: reading it inflates at most this many blocks plus itself. */
export const MAX_BASE_CHAIN = 8;

/** Separator of block references in a revision's list (decimal ids: shorter than hashes, see encodeBlockList). */
const LIST_SEPARATOR = ",";

/**
 * The top-level blocks' texts of a section's stored text, or null when the text is not in the
 * frame Tiptap gives (another root, other keys, whitespace): such a revision is kept whole.
 */
export function splitSectionText(text: string): string[] | null {
  if (!text.startsWith(FRAME_START) || !text.endsWith(FRAME_END)) return null;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  if (root === null || typeof root !== "object" || Array.isArray(root)) return null;
  const content = (root as { content?: unknown }).content;
  if (!Array.isArray(content)) return null;
  const blocks = content.map((block) => JSON.stringify(block) as string | undefined);
  if (blocks.some((block) => block === undefined)) return null;
  const parts = blocks as string[];
  // Only a text that is exactly the reassembly of its blocks is split: the bytes must survive.
  return joinSectionText(parts) === text ? parts : null;
}

/** The stored text of a section from its blocks' texts, in order (the inverse of splitSectionText). */
export function joinSectionText(blocks: readonly string[]): string {
  return FRAME_START + blocks.join(",") + FRAME_END;
}

/** SHA-256 of a block's exact UTF-8 bytes: its address. */
export function blockHash(blockText: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(blockText, "utf8").digest());
}

/** The Tiptap block id (`attrs.id`) of a block text, which stays the same while the paragraph is edited; null when none. */
export function blockIdOfText(blockText: string): string | null {
  try {
    const block = JSON.parse(blockText) as { attrs?: { id?: unknown } } | null;
    const id = block?.attrs?.id;
    return typeof id === "string" && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

/** A block's stored bytes: raw deflate of its text, against its base's text when it has one. */
export function packBlock(blockText: string, baseText: string | null): Uint8Array<ArrayBuffer> {
  const input = Buffer.from(blockText, "utf8");
  const packed = baseText === null ? deflateRawSync(input) : deflateRawSync(input, { dictionary: Buffer.from(baseText, "utf8") });
  return new Uint8Array(packed);
}

/** The block's text from its stored bytes (and its base's text when it was packed against one). */
export function unpackBlock(data: Uint8Array, baseText: string | null): string {
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const raw = baseText === null ? inflateRawSync(input) : inflateRawSync(input, { dictionary: Buffer.from(baseText, "utf8") });
  return raw.toString("utf8");
}

/** A revision's block references as stored: decimal ids separated by commas ("" for no block). */
export function encodeBlockList(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id) || id < 0) throw new Error(`not a block id: ${id}`);
  return ids.join(LIST_SEPARATOR);
}

export function decodeBlockList(list: string): number[] {
  if (list === "") return [];
  return list.split(LIST_SEPARATOR).map((part) => {
    const id = Number(part);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(id)) throw new Error(`malformed block list: ${JSON.stringify(list)}`);
    return id;
  });
}

export interface BaseCandidate {
  id: number;
  text: string;
  /** How many bases this block itself sits on (0 when packed alone). */
  chain: number;
}

/**
 * The block of the previous revision a new block is best packed against: the one with the same
 * Tiptap block id, unless it sits on a chain already MAX_BASE_CHAIN long.
 */
export function chooseBase(blockText: string, previous: readonly BaseCandidate[]): BaseCandidate | null {
  const id = blockIdOfText(blockText);
  if (id === null) return null;
  const match = previous.find((candidate) => blockIdOfText(candidate.text) === id);
  if (!match || match.chain >= MAX_BASE_CHAIN) return null;
  return match;
}

export interface WholeRevision {
  id: string;
  sectionId: string;
  /** The whole stored text. */
  content: string;
}

export interface PlannedBlock {
  id: number;
  hash: Uint8Array;
  data: Uint8Array;
  baseId: number | null;
}

export interface BlockPlan {
  blocks: PlannedBlock[];
  /** Revisions to keep by block, with their block lists; revisions absent stay whole. */
  revisions: { id: string; blocks: string }[];
}

/**
 * How revisions stored whole are kept by block (the migration of existing data): every distinct
 * block once, numbered from `firstId`, each edited paragraph packed against the same paragraph
 * in the section's previous revision. `revisions` must come oldest first within each section.
 * Revisions whose text is not in Tiptap's frame are left whole.
 */
export function planBlockStorage(revisions: readonly WholeRevision[], firstId = 1): BlockPlan {
  const blocks: PlannedBlock[] = [];
  const byHash = new Map<string, BaseCandidate>();
  const previousOfSection = new Map<string, BaseCandidate[]>();
  const converted: BlockPlan["revisions"] = [];
  for (const revision of revisions) {
    const parts = splitSectionText(revision.content);
    if (parts === null) continue;
    const previous = previousOfSection.get(revision.sectionId) ?? [];
    const used: BaseCandidate[] = [];
    for (const part of parts) {
      const hash = blockHash(part);
      const key = Buffer.from(hash).toString("hex");
      let stored = byHash.get(key);
      if (!stored) {
        const base = chooseBase(part, previous);
        stored = { id: firstId + blocks.length, text: part, chain: base ? base.chain + 1 : 0 };
        blocks.push({ id: stored.id, hash, data: packBlock(part, base?.text ?? null), baseId: base?.id ?? null });
        byHash.set(key, stored);
      }
      used.push(stored);
    }
    previousOfSection.set(revision.sectionId, used);
    converted.push({ id: revision.id, blocks: encodeBlockList(used.map((block) => block.id)) });
  }
  return { blocks, revisions: converted };
}
