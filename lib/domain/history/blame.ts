import { canonicalJson } from "../canonical";
import { blockId, plainText, type RichNode, type SectionContent } from "../document";

/**
 * Blame: for every top-level block of the last version, the version that last changed it.
 * Versions are walked from the first; a block "changed" in version k when it is new in k or
 * its canonical JSON differs from the same block in k-1. A block is the same block across
 * versions when it keeps its id within its section; a block without an id (older content)
 * is followed by its text instead, so an untouched block keeps its history.
 */

export interface BlameSection {
  id: string;
  /**
   * Identifies the stored content (a revision id or content hash): when a section's key is
   * the same as in the previous version, none of its blocks changed and they are not compared.
   */
  contentKey: string;
  content: SectionContent;
}

export interface BlameVersion {
  number: number;
  sections: readonly BlameSection[];
}

export interface BlockBlame {
  /** The block's id, or null for a block without one. */
  blockId: string | null;
  node: RichNode;
  /** The number of the last version in which this block was added or changed. */
  changedIn: number;
}

export interface SectionBlame {
  sectionId: string;
  /** The version that added the section (blocks cannot be older than their section). */
  addedIn: number;
  blocks: BlockBlame[];
}

interface TrackedBlock {
  canonical: string;
  changedIn: number;
}

interface TrackedSection {
  contentKey: string;
  addedIn: number;
  blocks: Map<string, TrackedBlock>;
  /** Blocks of the section's current content in order, with the key they are tracked under. */
  order: { key: string; node: RichNode }[];
}

/** Where the block's history is kept: its id, or else its text (ids and text never collide: different prefixes). */
function trackingKey(node: RichNode): string {
  const id = blockId(node);
  return id === null ? `text:${plainText(node)}` : `id:${id}`;
}

/**
 * What the walk knows after some version: every section of that version with the history of
 * its blocks. Advancing it by one version costs only the sections whose content key changed, so
 * a caller that keeps the state of version n-1 blames version n without walking 1..n again.
 * States share the tracked sections that did not change; they are never mutated.
 */
export interface BlameState {
  /** The version the state describes (0 before the first). */
  readonly number: number;
  readonly sections: ReadonlyMap<string, TrackedSection>;
  /** The ids of that version's sections, in reading order. */
  readonly order: readonly string[];
  /** Each section's content key in that version. */
  readonly contentKeys: ReadonlyMap<string, string>;
}

export const EMPTY_BLAME_STATE: BlameState = { number: 0, sections: new Map(), order: [], contentKeys: new Map() };

/** The state after `version`, the next version after `state`'s (publishing order). */
export function advanceBlame(state: BlameState, version: BlameVersion): BlameState {
  const sections = new Map<string, TrackedSection>();
  const contentKeys = new Map<string, string>();
  for (const section of version.sections) {
    const previous = state.sections.get(section.id);
    // A section absent from a version is removed; if it comes back later it is new again.
    sections.set(section.id, previous && previous.contentKey === section.contentKey ? previous : trackSection(section, version.number, previous));
    contentKeys.set(section.id, section.contentKey);
  }
  return { number: version.number, sections, order: version.sections.map((section) => section.id), contentKeys };
}

/** The blame of the version a state describes. */
export function blameOfState(state: BlameState): SectionBlame[] {
  return state.order.map((sectionId) => {
    const tracked = state.sections.get(sectionId) as TrackedSection;
    return {
      sectionId,
      addedIn: tracked.addedIn,
      blocks: tracked.order.map(({ key, node }) => ({
        blockId: blockId(node),
        node,
        changedIn: (tracked.blocks.get(key) as TrackedBlock).changedIn,
      })),
    };
  });
}

/**
 * Blames the blocks of the last of `versions` (given in publishing order, oldest first).
 * Cost: one canonical serialization per block of each section whose content key changed
 * between consecutive versions; sections that did not change are skipped.
 */
export function blameVersions(versions: readonly BlameVersion[]): SectionBlame[] {
  return blameOfState(versions.reduce(advanceBlame, EMPTY_BLAME_STATE));
}

function trackSection(section: BlameSection, number: number, previous: TrackedSection | undefined): TrackedSection {
  const blocks = new Map<string, TrackedBlock>();
  const order: { key: string; node: RichNode }[] = [];
  for (const node of section.content.content ?? []) {
    const key = trackingKey(node);
    // A repeated key (two blocks with the same text and no id) is tracked once: the first holder's history.
    if (blocks.has(key)) {
      order.push({ key, node });
      continue;
    }
    const canonical = canonicalJson(node);
    const before = previous?.blocks.get(key);
    blocks.set(key, { canonical, changedIn: before && before.canonical === canonical ? before.changedIn : number });
    order.push({ key, node });
  }
  return { contentKey: section.contentKey, addedIn: previous?.addedIn ?? number, blocks, order };
}
