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
 * Blames the blocks of the last of `versions` (given in publishing order, oldest first).
 * Cost: one canonical serialization per block of each section whose content key changed
 * between consecutive versions; sections that did not change are skipped.
 */
export function blameVersions(versions: readonly BlameVersion[]): SectionBlame[] {
  let tracked = new Map<string, TrackedSection>();
  for (const version of versions) {
    const next = new Map<string, TrackedSection>();
    for (const section of version.sections) {
      const previous = tracked.get(section.id);
      if (previous && previous.contentKey === section.contentKey) {
        next.set(section.id, previous);
        continue;
      }
      next.set(section.id, trackSection(section, version.number, previous));
    }
    // A section absent from a version is removed; if it comes back later it is new again.
    tracked = next;
  }
  const last = versions.at(-1);
  if (!last) return [];
  return last.sections.map((section) => {
    const state = tracked.get(section.id) as TrackedSection;
    return {
      sectionId: section.id,
      addedIn: state.addedIn,
      blocks: state.order.map(({ key, node }) => ({
        blockId: blockId(node),
        node,
        changedIn: (state.blocks.get(key) as TrackedBlock).changedIn,
      })),
    };
  });
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
