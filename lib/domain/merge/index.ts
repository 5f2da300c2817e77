import { canonicalJson } from "../canonical";
import type { DocumentSnapshot, RichNode, SectionContent, SnapshotSection } from "../document";
import { normalizeText } from "../text";
import { mergeBlockList, sameNode } from "./blocks";
import { MergeContext, replacementNode, replacementOrder, replacementString, type ConflictDescription } from "./context";
import { mergeKeyedList, type Keyed } from "./keyed";
import {
  MergeResolutionError,
  type ConflictChoice,
  type MergeConflictKind,
  type MergeResult,
  type MergeSources,
} from "./types";

/**
 * Three-way merge of documents: base is the version a proposal started from, head the
 * version published since, proposal the draft. Sections are matched by id, blocks by block
 * id, and text inside a block word by word; changes that do not overlap combine, changes
 * that do become conflicts that hold the proposal's side until someone resolves them.
 */

export type {
  ConflictChoice,
  ConflictValue,
  MergeConflict,
  MergeConflictKind,
  MergeResolutionErrorReason,
  MergeResult,
  MergeSources,
} from "./types";
export { MERGE_CONFLICT_KINDS, MergeResolutionError, storedConflictsSchema } from "./types";
export { MAX_PAIRWISE_ORDER_ITEMS } from "./order";

/** The sectionId of conflicts about the whole document: its title, its slug, its section order. */
export const WHOLE_DOCUMENT = "";

/** Node type of a whole section in a conflict: attrs { id, slug, title }, content = the section's blocks. */
export const SECTION_NODE_TYPE = "section";

export function mergeDocuments(
  base: DocumentSnapshot,
  head: DocumentSnapshot,
  proposal: DocumentSnapshot,
  resolutions: Readonly<Record<string, ConflictChoice>> = {},
): MergeResult {
  return runMerge({ base, head, proposal }, resolutions);
}

/**
 * Resolves one open conflict by re-running the merge with the choice added, so the result
 * is exactly what a merge with that choice made up front would give.
 * Throws MergeResolutionError for an id that is not open or a replacement of the wrong shape.
 */
export function resolveConflict(result: MergeResult, conflictId: string, choice: ConflictChoice): MergeResult {
  if (!result.conflicts.some((conflict) => conflict.id === conflictId)) {
    throw new MergeResolutionError("unknown_conflict", `no open conflict ${conflictId}`);
  }
  return runMerge(result.sources, { ...result.resolutions, [conflictId]: choice });
}

export function sectionAsNode(section: SnapshotSection): RichNode {
  return {
    type: SECTION_NODE_TYPE,
    attrs: { id: section.id, slug: section.slug, title: section.title },
    content: section.content.content,
  };
}

function runMerge(sources: MergeSources, resolutions: Readonly<Record<string, ConflictChoice>>): MergeResult {
  const context = new MergeContext(resolutions);
  const { base, head, proposal } = sources;
  const documentPlace = (kind: MergeConflictKind) => ({ sectionId: WHOLE_DOCUMENT, blockId: null, kind });
  const title = mergeText(context, documentPlace("document-title"), base.title, head.title, proposal.title);
  const slug = mergeText(context, documentPlace("document-slug"), base.slug, head.slug, proposal.slug);
  const sections = mergeSections(context, base.sections, head.sections, proposal.sections);
  const merged: DocumentSnapshot = { ...proposal, title, slug, sections };
  return {
    merged,
    conflicts: context.conflicts,
    changedFromProposal: canonicalJson(merged) !== canonicalJson(proposal),
    sources,
    resolutions,
  };
}

function mergeSections(
  context: MergeContext,
  base: readonly SnapshotSection[],
  head: readonly SnapshotSection[],
  proposal: readonly SnapshotSection[],
): SnapshotSection[] {
  return mergeKeyedList<SnapshotSection>({
    base: keySections(base),
    head: keySections(head),
    proposal: keySections(proposal),
    same: (a, b) => canonicalJson(a) === canonicalJson(b),
    mergeShared: (_, baseSection, headSection, proposalSection) =>
      mergeSection(context, baseSection, headSection, proposalSection),
    settleAddedOnBothSides: (sectionId, headSection, proposalSection) =>
      context.settle(
        {
          sectionId,
          blockId: null,
          kind: "section-added-on-both-sides",
          base: null,
          head: sectionAsNode(headSection),
          proposal: sectionAsNode(proposalSection),
        },
        { head: headSection, proposal: proposalSection, replace: (value) => sectionFromNode(value, sectionId) },
      ),
    settleRemovedAndChanged: (sectionId, baseSection, headSection, proposalSection) =>
      context.settle<SnapshotSection | null>(
        {
          sectionId,
          blockId: null,
          kind: "section-removed-and-changed",
          base: sectionAsNode(baseSection),
          head: headSection && sectionAsNode(headSection),
          proposal: proposalSection && sectionAsNode(proposalSection),
        },
        { head: headSection, proposal: proposalSection, replace: (value) => sectionFromNode(value, sectionId) },
      ),
    settleOrder: (orders) =>
      context.settle<readonly string[]>(
        {
          sectionId: WHOLE_DOCUMENT,
          blockId: null,
          kind: "section-order",
          base: orders.base.join("\n"),
          head: orders.head.join("\n"),
          proposal: orders.proposal.join("\n"),
        },
        { head: orders.head, proposal: orders.proposal, replace: (value) => replacementOrder(value, orders.proposal) },
      ),
  });
}

/** Merges a section that all three sides have: title, slug and content each on their own. */
function mergeSection(
  context: MergeContext,
  base: SnapshotSection,
  head: SnapshotSection,
  proposal: SnapshotSection,
): SnapshotSection {
  const sectionPlace = (kind: MergeConflictKind) => ({ sectionId: proposal.id, blockId: null, kind });
  return {
    ...proposal,
    title: mergeText(context, sectionPlace("section-title"), base.title, head.title, proposal.title),
    slug: mergeText(context, sectionPlace("section-slug"), base.slug, head.slug, proposal.slug),
    content: mergeSectionContent(context, proposal.id, base.content, head.content, proposal.content),
  };
}

function mergeSectionContent(
  context: MergeContext,
  sectionId: string,
  base: SectionContent,
  head: SectionContent,
  proposal: SectionContent,
): SectionContent {
  if (sameNode(head, proposal) || sameNode(head, base)) return proposal;
  if (sameNode(proposal, base)) return head;
  // The root of a section has no attributes of its own worth merging: only its blocks.
  return { ...proposal, content: mergeBlockList(context, sectionId, null, base.content, head.content, proposal.content) };
}

/** Three-way merge of a title or slug; text that differs only in Unicode normalization is equal. */
function mergeText(
  context: MergeContext,
  place: Pick<ConflictDescription, "sectionId" | "blockId" | "kind">,
  base: string,
  head: string,
  proposal: string,
): string {
  const [baseText, headText, proposalText] = [base, head, proposal].map(normalizeText);
  if (headText === proposalText || headText === baseText) return proposal;
  if (proposalText === baseText) return head;
  return context.settle(
    { ...place, base, head, proposal },
    { head, proposal, replace: replacementString },
  );
}

function keySections(sections: readonly SnapshotSection[]): Keyed<SnapshotSection>[] {
  const seen = new Set<string>();
  for (const section of sections) {
    // A snapshot with a repeated section id is corrupt; merging it would silently drop one.
    if (seen.has(section.id)) throw new Error(`duplicate_section_id: ${section.id}`);
    seen.add(section.id);
  }
  return sections.map((section) => ({ key: section.id, value: section }));
}

function sectionFromNode(value: RichNode | string, sectionId: string): SnapshotSection {
  const node = replacementNode(value);
  const slug = node.attrs?.slug;
  const title = node.attrs?.title;
  if (node.type !== SECTION_NODE_TYPE || typeof slug !== "string" || typeof title !== "string" || !Array.isArray(node.content)) {
    throw new MergeResolutionError("invalid_replacement", "this conflict takes a section node");
  }
  return { id: sectionId, slug, title, content: { type: "doc", content: node.content } };
}
