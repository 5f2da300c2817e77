import type { DocumentSnapshot, RichNode, SnapshotSection } from "../document";
import { normalizeText } from "../text";
import type { BlockDiff, DocumentDiff, SectionDiff } from "./types";

/**
 * Rebuilds the `after` snapshot from `before` and a diff of the two. Unchanged sections and
 * blocks are taken from `before` (at the positions the diff records), everything else from
 * the diff, so a test that gets `after` back under canonicalJson() proves the diff complete.
 * Throws when the diff was not computed from this `before`.
 */
export function applyDocumentDiff(before: DocumentSnapshot, diff: DocumentDiff): DocumentSnapshot {
  if (normalizeText(before.slug) !== diff.slugBefore) throw new DiffMismatchError(`document slug is ${before.slug}, diff expects ${diff.slugBefore}`);
  const sections: SnapshotSection[] = [];
  for (const section of diff.sections) {
    if (section.status === "removed") {
      beforeSection(before, section);
      continue;
    }
    sections.push(section.status === "added" ? addedSection(section) : keptSection(before, section));
  }
  return { slug: diff.slugAfter, title: diff.titleAfter, sections };
}

export class DiffMismatchError extends Error {
  constructor(detail: string) {
    super(`This diff does not apply to the given snapshot: ${detail}`);
    this.name = "DiffMismatchError";
  }
}

function beforeSection(before: DocumentSnapshot, section: SectionDiff): SnapshotSection {
  const found = section.positionBefore === null ? undefined : before.sections[section.positionBefore];
  if (!found || normalizeText(found.id) !== section.sectionId) {
    throw new DiffMismatchError(`no section ${section.sectionId} at position ${section.positionBefore}`);
  }
  return found;
}

function addedSection(section: SectionDiff): SnapshotSection {
  return {
    id: section.sectionId,
    slug: required(section.slugAfter, "slug of an added section"),
    title: required(section.titleAfter, "title of an added section"),
    content: {
      type: "doc",
      content: section.blocks.flatMap((block) =>
        block.regroup?.kind === "split" ? block.regroup.parts : [required(block.after, "content of an added block")],
      ),
    },
  };
}

function keptSection(before: DocumentSnapshot, section: SectionDiff): SnapshotSection {
  const original = beforeSection(before, section);
  const blocks: RichNode[] = [];
  for (const block of section.blocks) blocks.push(...keptBlocks(original, block));
  return {
    ...original,
    slug: required(section.slugAfter, "slug of a kept section"),
    title: required(section.titleAfter, "title of a kept section"),
    content: { ...original.content, content: blocks },
  };
}

/**
 * What one entry contributes to the rebuilt section: nothing for a removal (or a move's
 * origin), every part of a split, the new content of a change or of a block moved here from
 * another section, and the original block for one that stayed the same.
 */
function keptBlocks(section: SnapshotSection, block: BlockDiff): RichNode[] {
  if (block.status === "removed") return [];
  if (block.regroup?.kind === "split") return block.regroup.parts;
  if (block.status !== "unchanged") return [required(block.after, "content of a changed block")];
  if (block.indexBefore === null && block.move?.role === "destination") return [required(block.after, "content of a moved block")];
  const original = block.indexBefore === null ? undefined : section.content.content[block.indexBefore];
  if (!original) throw new DiffMismatchError(`section ${section.id} has no block at ${block.indexBefore}`);
  return [original];
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new DiffMismatchError(`${what} is missing`);
  return value;
}
