import {
  blockHash,
  chooseBase,
  decodeBlockList,
  encodeBlockList,
  joinSectionText,
  packBlock,
  splitSectionText,
  unpackBlock,
  type BaseCandidate,
} from "../domain/content-blocks";
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

/** The exact stored text of each revision given (keyed by revision id), reading each block once. */
export async function revisionTexts(db: DbOrTx, revisions: Iterable<RevisionTextColumns>): Promise<Map<string, string>> {
  const texts = await readableRevisionTexts(db, revisions);
  const result = new Map<string, string>();
  for (const [id, text] of texts) {
    if (text === null) throw new Error(`section revision ${id} refers to a block that is missing or unreadable`);
    result.set(id, text);
  }
  return result;
}

/**
 * As revisionTexts, with null for a revision whose blocks are missing or do not unpack (rows
 * altered behind the product's back): what verification reports as a content mismatch.
 */
export async function readableRevisionTexts(db: DbOrTx, revisions: Iterable<RevisionTextColumns>): Promise<Map<string, string | null>> {
  const list = [...revisions];
  const lists = new Map(list.map((revision) => [revision.id, revision.blocks === null ? null : blockListOrNull(revision.blocks)]));
  const blocks = await loadBlocks(db, [...lists.values()].flatMap((ids) => ids ?? []));
  const texts = new Map<string, string | null>();
  for (const revision of list) {
    if (revision.blocks === null) {
      texts.set(revision.id, revision.content);
      continue;
    }
    const ids = lists.get(revision.id) ?? null;
    const parts = ids?.map((id) => blocks.get(id)?.text);
    texts.set(revision.id, parts && parts.every((part) => part !== undefined) ? joinSectionText(parts as string[]) : null);
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

/**
 * The revision of a section with this text, stored if no revision of the section has it yet:
 * by block when the text is in Tiptap's frame (each block not stored yet is packed against the
 * same paragraph of `previousRevisionId`, the section's revision in the version before), whole
 * otherwise. `contentHash` is the revision's key (hashCanonical of the content, as always).
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
  const previous = input.previousRevisionId ? await tx.sectionRevision.findUnique({ where: { id: input.previousRevisionId }, select: REVISION_TEXT_SELECT }) : null;
  const candidates = previous?.blocks ? [...(await loadBlocks(tx, decodeBlockList(previous.blocks))).values()] : [];
  const ids: number[] = [];
  for (const part of parts) {
    const hash = blockHash(part);
    const stored = await tx.block.findUnique({ where: { hash }, select: { id: true } });
    if (stored) {
      ids.push(stored.id);
      continue;
    }
    const base = chooseBase(part, candidates);
    const created = await tx.block.create({ data: { hash, data: packBlock(part, base?.text ?? null), baseId: base?.id ?? null }, select: { id: true } });
    ids.push(created.id);
  }
  return tx.sectionRevision.create({
    data: { sectionId: input.sectionId, hash: input.contentHash, content: "", blocks: encodeBlockList(ids) },
    select: { id: true },
  });
}
