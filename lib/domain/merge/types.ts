import { z } from "zod";
import type { DocumentSnapshot, RichNode } from "../document";
import { richNodeSchema } from "../document-schemas";

/**
 * What can collide when a proposal written against an older version is merged into the
 * current head. Values in a conflict are block nodes for block kinds, strings for titles
 * and slugs, section nodes (see `sectionAsNode`) for whole sections, and newline-joined
 * keys for orders.
 */
export const MERGE_CONFLICT_KINDS = [
  /** Both sides changed the same words of a block. */
  "block-text",
  /** Both sides changed a block and at least one changed its type, attributes, marks or structure. */
  "block-format",
  /** One side deleted a block that the other side changed. */
  "block-removed-and-changed",
  /** Both sides added a block with the same id but different content. */
  "block-added-on-both-sides",
  /** Both sides reordered the blocks of one container in ways that cannot be combined. */
  "block-order",
  /** One side deleted a section that the other side changed. */
  "section-removed-and-changed",
  /** Both sides added a section with the same id but different content. */
  "section-added-on-both-sides",
  "section-title",
  "section-slug",
  /** Both sides reordered the sections in ways that cannot be combined. */
  "section-order",
  "document-title",
  "document-slug",
] as const;
export type MergeConflictKind = (typeof MERGE_CONFLICT_KINDS)[number];

const conflictValueSchema = z.union([richNodeSchema, z.string(), z.null()]);
export type ConflictValue = z.infer<typeof conflictValueSchema>;

export const mergeConflictSchema = z.object({
  /** Stable across re-merges of the same inputs: `${sectionId}:${blockId ?? "section"}:${kind}`, `document:${kind}`. */
  id: z.string(),
  /** The section the conflict is in; "" for conflicts about the whole document. */
  sectionId: z.string(),
  /**
   * The block's `attrs.id`; for a block without an id, a key derived from its place
   * (it starts with "~" or contains "/~"); null for section-level conflicts.
   */
  blockId: z.string().nullable(),
  kind: z.enum(MERGE_CONFLICT_KINDS),
  base: conflictValueSchema,
  head: conflictValueSchema,
  proposal: conflictValueSchema,
});
export type MergeConflict = z.infer<typeof mergeConflictSchema>;

/** A proposal's open conflicts as its `conflicts` column holds them. */
export const storedConflictsSchema = z.array(mergeConflictSchema);

export type ConflictChoice = { keep: "head" } | { keep: "proposal" } | { replace: RichNode | string };

export interface MergeSources {
  base: DocumentSnapshot;
  head: DocumentSnapshot;
  proposal: DocumentSnapshot;
}

export interface MergeResult {
  /** For each open conflict it holds the proposal's side, so the draft keeps its words. */
  merged: DocumentSnapshot;
  /** Open conflicts in the order the merge met them; empty for a clean merge. */
  conflicts: MergeConflict[];
  /** The merge brought in something from head (or a resolution did): approvals go stale. */
  changedFromProposal: boolean;
  /** The inputs, kept so that resolving a conflict can re-run the merge. */
  sources: MergeSources;
  /** Choices made so far, by conflict id. */
  resolutions: Readonly<Record<string, ConflictChoice>>;
}

export type MergeResolutionErrorReason = "unknown_conflict" | "invalid_replacement";

export class MergeResolutionError extends Error {
  constructor(
    readonly reason: MergeResolutionErrorReason,
    message: string,
  ) {
    super(`${reason}: ${message}`);
    this.name = "MergeResolutionError";
  }
}
