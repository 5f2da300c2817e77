import type { SectionContent } from "../domain/document";
import { sectionContentSchema } from "../domain/document-schemas";
import { storedConflictsSchema, type MergeConflict } from "../domain/merge";
import { parseStoredJson } from "../domain/stored-json";

/**
 * Readers of the JSON text columns, each checked against the schema of the type it holds
 * (parseStoredJson), so that a row of the wrong shape fails by the name of its column and row.
 */

/** A section revision's content, from its text (revisionTexts). */
export function revisionContent(revisionId: string, text: string): SectionContent {
  return parseStoredJson(sectionContentSchema, text, `SectionRevision.content of revision ${revisionId}`);
}

/** A proposal's draft of one section. */
export function draftContent(section: { proposalId: string; sectionId: string; content: string }): SectionContent {
  return parseStoredJson(sectionContentSchema, section.content, `ProposalSection.content of proposal ${section.proposalId}, section ${section.sectionId}`);
}

/** A proposal's open merge conflicts. */
export function openConflicts(proposal: { id: string; conflicts: string }): MergeConflict[] {
  return parseStoredJson(storedConflictsSchema, proposal.conflicts, `Proposal.conflicts of proposal ${proposal.id}`);
}
