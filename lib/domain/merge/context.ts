import type { RichNode } from "../document";
import { MergeResolutionError, type ConflictChoice, type MergeConflict } from "./types";

export type ConflictDescription = Omit<MergeConflict, "id">;

export interface ConflictOutcomes<T> {
  head: T;
  proposal: T;
  replace: (value: RichNode | string) => T;
}

/**
 * The state of one merge run: the choices already made and the conflicts still open.
 * Every place that can conflict asks `settle()`, so a re-run with more choices takes the
 * same path and gives every conflict the same id.
 */
export class MergeContext {
  readonly conflicts: MergeConflict[] = [];
  private readonly issuedIds = new Set<string>();

  constructor(private readonly resolutions: Readonly<Record<string, ConflictChoice>>) {}

  /** The chosen side when a choice was made, otherwise the proposal's side with the conflict left open. */
  settle<T>(conflict: ConflictDescription, outcomes: ConflictOutcomes<T>): T {
    const id = this.issueId(conflict);
    if (Object.hasOwn(this.resolutions, id)) {
      const choice = this.resolutions[id];
      if ("replace" in choice) return outcomes.replace(choice.replace);
      return choice.keep === "head" ? outcomes.head : outcomes.proposal;
    }
    this.conflicts.push({ id, ...conflict });
    return outcomes.proposal;
  }

  /** Ids follow `conflictId()`; a repeat (a block id used twice in one section) gets a counter. */
  private issueId(conflict: ConflictDescription): string {
    const id = conflictId(conflict);
    let candidate = id;
    for (let repeat = 2; this.issuedIds.has(candidate); repeat += 1) candidate = `${id}#${repeat}`;
    this.issuedIds.add(candidate);
    return candidate;
  }
}

export function conflictId(conflict: Pick<MergeConflict, "sectionId" | "blockId" | "kind">): string {
  if (conflict.sectionId === "") return `document:${conflict.kind}`;
  return `${conflict.sectionId}:${conflict.blockId ?? "section"}:${conflict.kind}`;
}

export function replacementString(value: RichNode | string): string {
  if (typeof value !== "string") throw new MergeResolutionError("invalid_replacement", "this conflict takes a text");
  return value;
}

export function replacementNode(value: RichNode | string): RichNode {
  // Checked at run time too: replacements arrive from requests, not only from typed code.
  if (typeof value !== "object" || value === null || typeof value.type !== "string") {
    throw new MergeResolutionError("invalid_replacement", "this conflict takes a content node");
  }
  return value;
}

/** A replacement order: the given keys, one a line, in the new order. */
export function replacementOrder(value: RichNode | string, keys: readonly string[]): string[] {
  const order = replacementString(value).split("\n");
  const expected = new Set(keys);
  const isPermutation = order.length === expected.size && new Set(order).size === order.length && order.every((key) => expected.has(key));
  if (!isPermutation) throw new MergeResolutionError("invalid_replacement", "an order must list each item exactly once");
  return order;
}
