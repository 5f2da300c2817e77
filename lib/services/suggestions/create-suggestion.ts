import { z } from "zod";
import { getDb } from "../../db/client";
import { recordProposalChange } from "../live/announce";
import { loadProposal, proposalResource } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import { blockText, checkSuggestion, findBlock, FORMAT_ACTIONS, locateQuote, quoteAt, SUGGESTION_LIMITS, SUGGESTION_MARKS } from "../../domain/suggestions";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { notify } from "../notifications/notify";
import type { DraftSectionWriter } from "../proposals/draft-writer";
import { draftSectionContent } from "./draft-content";
import { inputIssues } from "../../domain/input-issues";

export const suggestionInput = z.object({
  sectionId: z.string().min(1).max(64),
  blockId: z.string().min(1).max(64),
  /** Where the suggested stretch starts in the block's text (lib/domain/suggestions.ts). */
  offset: z.number().int().min(0).max(1_000_000),
  /** The text it removes ("" to insert at `offset`). */
  exact: z.string().max(SUGGESTION_LIMITS.maxExactChars),
  /** The text it puts in its place ("" to delete). */
  text: z.string().max(SUGGESTION_LIMITS.maxReplacementChars),
  prefix: z.string().max(SUGGESTION_LIMITS.contextChars * 4).optional(),
  suffix: z.string().max(SUGGESTION_LIMITS.contextChars * 4).optional(),
  /** A formatting suggestion: `exact` keeps its words (`text` equals it) and gets or loses the mark. */
  format: z.object({ mark: z.enum(SUGGESTION_MARKS), action: z.enum(FORMAT_ACTIONS) }).optional(),
});

/**
 * A co-author or a reviewer suggests replacing a stretch of one block's text. The suggestion
 * is a row, not an edit: the draft does not change until an author accepts it. It must quote
 * text that is in the draft now; the stored quote is taken from the draft, not from the client.
 * The proposal's other authors are notified (in the workspace and the feed, not by email: they
 * decide in the draft they work in).
 */
export async function createSuggestion(options: { actor: Actor; proposalId: string; input: z.input<typeof suggestionInput>; writer: DraftSectionWriter }) {
  const parsed = suggestionInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) });
  const input = parsed.data;
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  authorize(options.actor, "proposal:suggest", proposalResource(proposal));
  const problem = checkSuggestion({ quote: { offset: input.offset, exact: input.exact, prefix: "", suffix: "" }, replacement: input.text, format: input.format });
  if (problem) throw new AppError("BAD_REQUEST", "suggestionInvalid", { problem });
  const pending = await db.suggestion.count({ where: { proposalId: proposal.id, authorId: options.actor.id, status: "PENDING" } });
  if (pending >= SUGGESTION_LIMITS.maxPendingPerPerson) throw new AppError("UNPROCESSABLE", "tooManySuggestions", { limit: SUGGESTION_LIMITS.maxPendingPerPerson });

  await options.writer.flushProposal(proposal.id);
  const content = await draftSectionContent(db, proposal.id, input.sectionId);
  const block = findBlock(content, input.blockId);
  if (!block) throw new AppError("UNPROCESSABLE", "suggestionBlockNotFound");
  const text = blockText(block.node);
  const range = locateQuote(text, { offset: input.offset, exact: input.exact, prefix: input.prefix ?? "", suffix: input.suffix ?? "" });
  if (!range) throw new AppError("UNPROCESSABLE", "suggestionTextNotFound");
  const quote = quoteAt(text, range.from, range.to);

  // The row, its audit entry and the authors' notifications stand or fall together.
  return runTransaction(db, async (tx) => {
    const suggestion = await tx.suggestion.create({
      data: {
        proposalId: proposal.id,
        sectionId: input.sectionId,
        blockId: input.blockId,
        authorId: options.actor.id,
        offset: quote.offset,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        replacement: input.format ? quote.exact : input.text,
        mark: input.format?.mark ?? null,
        markAction: input.format?.action ?? null,
      },
    });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "proposal.suggestion_made",
      targetType: "proposal",
      targetId: proposal.id,
      data: { suggestionId: suggestion.id, sectionId: input.sectionId, blockId: input.blockId },
    });
    // A co-author suggesting tells the other authors, never themselves.
    await notify(tx, {
      userIds: proposal.authors.map((author) => author.userId),
      event: { kind: "suggestion_made", params: { suggesterName: options.actor.name, proposalTitle: proposal.title } },
      proposalId: proposal.id,
      exceptUserId: options.actor.id,
    });
    return suggestion;
  });
}
