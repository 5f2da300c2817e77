import { getDb, type DbOrTx } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { draftContent } from "../../db/stored-columns";
import type { SectionContent } from "../../domain/document";
import { blockText, findBlock, locateQuote, suggestionKind, type FormatAction, type FormatChange, type SuggestionKind, type SuggestionMark, type SuggestionStatus } from "../../domain/suggestions";
import { authorize, can, type Actor } from "../../policies";

export interface SuggestionView {
  id: string;
  sectionId: string;
  blockId: string;
  kind: SuggestionKind;
  status: SuggestionStatus;
  offset: number;
  exact: string;
  prefix: string;
  suffix: string;
  text: string;
  /** For a formatting suggestion: the mark added or removed; null for a change of words. */
  format: FormatChange | null;
  author: { id: string; name: string };
  createdAt: string;
  decidedAt: string | null;
  decidedBy: { name: string } | null;
  /** A pending suggestion whose quoted text is no longer in the stored draft. */
  outdated: boolean;
}

export interface SuggestionList {
  suggestions: SuggestionView[];
  pending: number;
  /** What the asking person may do: decide (authors), suggest (co-authors and reviewers). */
  canDecide: boolean;
  canSuggest: boolean;
}

export async function suggestionRows(db: DbOrTx, proposalId: string) {
  return db.suggestion.findMany({
    where: { proposalId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { id: true, name: true } }, decidedBy: { select: { name: true } } },
  });
}

/** The stored mark columns as a FormatChange (null for a change of words). */
export function formatOf(row: { mark: SuggestionMark | null; markAction: FormatAction | null }): FormatChange | null {
  if (!row.mark || !row.markAction) return null;
  return { mark: row.mark, action: row.markAction };
}

/** Every suggestion of a proposal, oldest first, for the people who may read the draft. */
export async function listSuggestions(options: { actor: Actor | null; proposalId: string }): Promise<SuggestionList> {
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  const resource = proposalResource(proposal);
  authorize(options.actor, "proposal:read", resource);
  const contents = new Map<string, SectionContent>(proposal.sections.map((section) => [section.sectionId, draftContent(section)]));
  const rows = await suggestionRows(db, proposal.id);
  const suggestions = rows.map((row): SuggestionView => {
    const content = contents.get(row.sectionId);
    const block = content ? findBlock(content, row.blockId) : null;
    const located = block ? locateQuote(blockText(block.node), { offset: row.offset, exact: row.exact, prefix: row.prefix, suffix: row.suffix }) : null;
    return {
      id: row.id,
      sectionId: row.sectionId,
      blockId: row.blockId,
      kind: suggestionKind(row.exact, row.replacement, formatOf(row)),
      status: row.status,
      offset: row.offset,
      exact: row.exact,
      prefix: row.prefix,
      suffix: row.suffix,
      text: row.replacement,
      format: formatOf(row),
      author: { id: row.author.id, name: row.author.name },
      createdAt: row.createdAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decidedBy: row.decidedBy ? { name: row.decidedBy.name } : null,
      outdated: row.status === "PENDING" && located === null,
    };
  });
  return {
    suggestions,
    pending: suggestions.filter((suggestion) => suggestion.status === "PENDING").length,
    canDecide: can(options.actor, "proposal:edit", resource),
    canSuggest: can(options.actor, "proposal:suggest", resource),
  };
}

/**
 * The list as the API answers it. People are named, never identified, except to the proposal's
 * authors (who decide): they get each suggester's id, the `authorId` that
 * POST …/suggestions/decision takes to accept or reject one person's suggestions at once.
 */
export function suggestionListJson(list: SuggestionList) {
  return {
    pending: list.pending,
    canDecide: list.canDecide,
    canSuggest: list.canSuggest,
    suggestions: list.suggestions.map(({ author, ...suggestion }) => ({ ...suggestion, author: list.canDecide ? { id: author.id, name: author.name } : { name: author.name } })),
  };
}
