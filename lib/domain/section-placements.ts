import { createHash } from "node:crypto";
import { decodeBlockList, encodeBlockList } from "./content-blocks";

/**
 * Where a version places each section, stored in two parts so that a version which changes one
 * paragraph stores little more than a reference per section:
 *
 * - the outline: the sections in reading order with their titles, stored once however many
 *   versions share it (a SectionOutline row, addressed by the SHA-256 of its text). Titles and
 *   order change rarely, so consecutive versions share one.
 * - the revision keys: one per section of the outline, in its order, in the version's own row.
 *   A key is either the id of a SectionRevision row (revisions stored before, and texts kept
 *   whole) or, for a revision kept by block (lib/domain/content-blocks.ts), "b:" followed by its
 *   block list. Blocks are content-addressed, so the block list is the revision's identity: the
 *   same text always gives the same key, and no row is needed to name it.
 *
 * Reading a version's sections takes its row and one outline, however long the history is.
 * Versions published before outlines keep their VersionSection rows (lib/db/version-sections.ts
 * reads both).
 */

export interface SectionPlacement {
  sectionId: string;
  /** A revision key (see above): compare keys to tell whether a section's text changed. */
  revisionId: string;
  title: string;
  position: number;
}

export interface OutlineEntry {
  sectionId: string;
  title: string;
}

/** Prefix of a revision key that is a block list rather than a SectionRevision id (cuids never contain ':'). */
const BLOCK_KEY_PREFIX = "b:";

/** Separator of revision keys in a version's row: neither ids nor block lists contain a space. */
const KEY_SEPARATOR = " ";

/** The revision key of a revision kept by block. */
export function blockRevisionKey(blockIds: readonly number[]): string {
  return BLOCK_KEY_PREFIX + encodeBlockList(blockIds);
}

/** The block list a key names, or null when the key is a SectionRevision id. Throws on a malformed list. */
export function blockListOfKey(key: string): number[] | null {
  return key.startsWith(BLOCK_KEY_PREFIX) ? decodeBlockList(key.slice(BLOCK_KEY_PREFIX.length)) : null;
}

export function encodeRevisionKeys(keys: readonly string[]): string {
  for (const key of keys) {
    if (key === "" || key.includes(KEY_SEPARATOR)) throw new Error(`not a revision key: ${JSON.stringify(key)}`);
  }
  return keys.join(KEY_SEPARATOR);
}

export function decodeRevisionKeys(text: string): string[] {
  return text === "" ? [] : text.split(KEY_SEPARATOR);
}

/** The stored text of an outline: a JSON array of [sectionId, title] pairs in reading order. */
export function encodeOutline(entries: readonly OutlineEntry[]): string {
  return JSON.stringify(entries.map((entry) => [entry.sectionId, entry.title]));
}

/** The entries of an outline's text; throws on a text that is not one. */
export function decodeOutline(text: string): OutlineEntry[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error("malformed outline");
  return value.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") throw new Error("malformed outline");
    return { sectionId: pair[0], title: pair[1] };
  });
}

/** SHA-256 of an outline's exact text: its address. */
export function outlineHash(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(text, "utf8").digest());
}

/**
 * The placements of a version from its outline and its revision keys, or null when they do not
 * pair up (rows altered behind the product's back: what verification reports as a mismatch).
 */
export function combinePlacements(outline: readonly OutlineEntry[], keys: readonly string[]): SectionPlacement[] | null {
  if (outline.length !== keys.length) return null;
  return outline.map((entry, position) => ({ sectionId: entry.sectionId, revisionId: keys[position], title: entry.title, position }));
}
