import {
  blockHash,
  chooseBase,
  decodeBlockList,
  joinSectionText,
  packBlock,
  splitSectionText,
  unpackBlock,
  type BaseCandidate,
} from "../domain/content-blocks";
import { blockListOfKey, blockRevisionKey } from "../domain/section-placements";
import type { DbOrTx } from "./client";

/**
 * Section revisions' texts, stored by block (lib/domain/content-blocks.ts): writing a revision
 * stores only the blocks no revision had yet, reading one reassembles its exact text. Every
 * reader of section content goes through here, so revisions kept whole (older or not in
 * Tiptap's frame) and revisions kept by block read the same.
 */

/** Ids per `IN (...)` query: far below SQLite's and PostgreSQL's parameter limits. */
const IDS_PER_QUERY = 500;

/** The columns of a SectionRevision that hold its text. */
export interface RevisionTextColumns {
  id: string;
  content: string;
  blocks: string | null;
}

/** Select this in a query of SectionRevision to read its text with revisionTexts. */
export const REVISION_TEXT_SELECT = { id: true, content: true, blocks: true } as const;

/** The exact text of each revision named by these keys (lib/domain/section-placements.ts), reading each block and row once. */
export async function revisionTextsByKey(db: DbOrTx, keys: Iterable<string>): Promise<Map<string, string>> {
  return requireReadable(await readableRevisionTextsByKey(db, keys));
}

/** As revisionTextsByKey, with null for a key whose row or blocks are missing or do not unpack. */
export async function readableRevisionTextsByKey(db: DbOrTx, keys: Iterable<string>): Promise<Map<string, string | null>> {
  const wanted = [...new Set(keys)];
  const blockKeys = new Map<string, number[] | null>();
  const rowIds: string[] = [];
  for (const key of wanted) {
    let list: number[] | null;
    try {
      list = blockListOfKey(key);
    } catch {
      blockKeys.set(key, null);
      continue;
    }
    if (list) blockKeys.set(key, list);
    else rowIds.push(key);
  }
  const rows: RevisionTextColumns[] = [];
  for (let start = 0; start < rowIds.length; start += IDS_PER_QUERY) {
    rows.push(...(await db.sectionRevision.findMany({ where: { id: { in: rowIds.slice(start, start + IDS_PER_QUERY) } }, select: REVISION_TEXT_SELECT })));
  }
  const texts = await readableTexts(db, rows, blockKeys);
  return new Map(wanted.map((key) => [key, texts.get(key) ?? null]));
}

function requireReadable(texts: Map<string, string | null>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [id, text] of texts) {
    if (text === null) throw new Error(`section revision ${id} is missing or refers to a block that is missing or unreadable`);
    result.set(id, text);
  }
  return result;
}

/** The exact stored text of each revision given (keyed by revision id), reading each block once. */
export async function revisionTexts(db: DbOrTx, revisions: Iterable<RevisionTextColumns>): Promise<Map<string, string>> {
  return requireReadable(await readableRevisionTexts(db, revisions));
}

/**
 * As revisionTexts, with null for a revision whose blocks are missing or do not unpack (rows
 * altered behind the product's back): what verification reports as a content mismatch.
 */
export async function readableRevisionTexts(db: DbOrTx, revisions: Iterable<RevisionTextColumns>): Promise<Map<string, string | null>> {
  return readableTexts(db, [...revisions], new Map());
}

/** Texts of revision rows and of block keys (key -> its list, null when malformed), loading all their blocks at once. */
async function readableTexts(db: DbOrTx, revisions: readonly RevisionTextColumns[], blockKeys: ReadonlyMap<string, number[] | null>): Promise<Map<string, string | null>> {
  const lists = new Map<string, number[] | null>(blockKeys);
  for (const revision of revisions) if (revision.blocks !== null) lists.set(revision.id, blockListOrNull(revision.blocks));
  const blocks = await loadBlocks(db, [...lists.values()].flatMap((ids) => ids ?? []));
  const texts = new Map<string, string | null>();
  for (const revision of revisions) if (revision.blocks === null) texts.set(revision.id, revision.content);
  for (const [key, ids] of lists) {
    const parts = ids?.map((id) => blocks.get(id)?.text);
    texts.set(key, parts && parts.every((part) => part !== undefined) ? joinSectionText(parts as string[]) : null);
  }
  return texts;
}

function blockListOrNull(list: string): number[] | null {
  try {
    return decodeBlockList(list);
  } catch {
    return null;
  }
}

/** Blocks by id with their texts and base chain lengths, loading the bases they are packed against too. */
async function loadBlocks(db: DbOrTx, ids: Iterable<number>): Promise<Map<number, BaseCandidate>> {
  const rows = new Map<number, { data: Uint8Array; baseId: number | null }>();
  let wanted = [...new Set(ids)];
  while (wanted.length > 0) {
    for (let start = 0; start < wanted.length; start += IDS_PER_QUERY) {
      const found = await db.block.findMany({ where: { id: { in: wanted.slice(start, start + IDS_PER_QUERY) } }, select: { id: true, data: true, baseId: true } });
      for (const row of found) rows.set(row.id, row);
    }
    wanted = [...new Set([...rows.values()].flatMap((row) => (row.baseId !== null && !rows.has(row.baseId) ? [row.baseId] : [])))];
  }
  const resolved = new Map<number, BaseCandidate>();
  const resolve = (id: number, depth: number): BaseCandidate | null => {
    const known = resolved.get(id);
    if (known) return known;
    const row = rows.get(id);
    // A base chain is never longer than MAX_BASE_CHAIN when written; the bound also stops a cycle in tampered rows.
    if (!row || depth > rows.size) return null;
    const base = row.baseId === null ? null : resolve(row.baseId, depth + 1);
    if (row.baseId !== null && !base) return null;
    let text: string;
    try {
      text = unpackBlock(row.data, base?.text ?? null);
    } catch {
      return null;
    }
    const block = { id, text, chain: base ? base.chain + 1 : 0 };
    resolved.set(id, block);
    return block;
  };
  for (const id of rows.keys()) resolve(id, 0);
  return resolved;
}

/** Block ids of the revision a key names: its own list for a block key, its row's list otherwise (empty when kept whole or missing). */
async function blockIdsOfKey(tx: DbOrTx, key: string): Promise<number[]> {
  const list = blockListOfKey(key);
  if (list) return list;
  const row = await tx.sectionRevision.findUnique({ where: { id: key }, select: { blocks: true } });
  return row?.blocks ? decodeBlockList(row.blocks) : [];
}

/**
 * The revision key (lib/domain/section-placements.ts) of a section with this text. A text some
 * SectionRevision row of the section already has keeps that row's id, so a section unchanged
 * since versions were listed by VersionSection rows keeps its revision. A text in Tiptap's frame
 * is kept by block: each block not stored yet is packed against the same paragraph of
 * `previousRevisionId` (the section's revision key in the version before), and the key is the
 * block list, with no row of its own. Any other text is kept whole in a new SectionRevision row.
 * `contentHash` is hashCanonical of the content, as SectionRevision rows are keyed.
 */
export async function storeSectionRevision(
  tx: DbOrTx,
  input: { sectionId: string; contentHash: string; text: string; previousRevisionId: string | null },
): Promise<{ id: string }> {
  const existing = await tx.sectionRevision.findUnique({ where: { sectionId_hash: { sectionId: input.sectionId, hash: input.contentHash } }, select: { id: true } });
  if (existing) return existing;
  const parts = splitSectionText(input.text);
  if (parts === null) {
    return tx.sectionRevision.create({ data: { sectionId: input.sectionId, hash: input.contentHash, content: input.text }, select: { id: true } });
  }
  const previousIds = input.previousRevisionId ? await blockIdsOfKey(tx, input.previousRevisionId) : [];
  // The previous revision's blocks by hash: an unchanged section is resolved by this one query.
  const previousByHash = new Map<string, number>();
  for (let start = 0; start < previousIds.length; start += IDS_PER_QUERY) {
    const rows = await tx.block.findMany({ where: { id: { in: previousIds.slice(start, start + IDS_PER_QUERY) } }, select: { id: true, hash: true } });
    for (const row of rows) previousByHash.set(Buffer.from(row.hash).toString("hex"), row.id);
  }
  let candidates: BaseCandidate[] | null = null;
  const ids: number[] = [];
  for (const part of parts) {
    const hash = blockHash(part);
    const known = previousByHash.get(Buffer.from(hash).toString("hex"));
    if (known !== undefined) {
      ids.push(known);
      continue;
    }
    const stored = await tx.block.findUnique({ where: { hash }, select: { id: true } });
    if (stored) {
      ids.push(stored.id);
      continue;
    }
    candidates ??= [...(await loadBlocks(tx, previousIds)).values()];
    const base = chooseBase(part, candidates);
    const created = await tx.block.create({ data: { hash, data: packBlock(part, base?.text ?? null), baseId: base?.id ?? null }, select: { id: true } });
    ids.push(created.id);
  }
  return { id: blockRevisionKey(ids) };
}
