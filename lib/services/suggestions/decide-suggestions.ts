import { z } from "zod";
import { getDb } from "../../db/client";
import { recordProposalChange } from "../live/announce";
import { loadProposal, proposalResource } from "../../db/proposals";
import { runTransaction } from "../../db/transaction";
import type { SectionContent } from "../../domain/document";
import { acceptanceOrder, applySuggestion, type FormatChange, type TextQuote } from "../../domain/suggestions";
import { ensureBlockIds, validateSectionContent } from "../../editor/content";
import { AppError } from "../../errors";
import { authorize, can, type Actor } from "../../policies";
import { notify } from "../notifications/notify";
import type { DraftSectionWriter } from "../proposals/draft-writer";
import { draftSectionContent } from "./draft-content";
import { inputIssues } from "../../domain/input-issues";
import { formatOf } from "./list-suggestions";

export const decisionInput = z.object({
  decision: z.enum(["accept", "reject"]),
  /** Only this person's suggestions; all pending ones when left out. */
  authorId: z.string().min(1).max(64).optional(),
});

export interface DecisionOutcome {
  accepted: string[];
  rejected: string[];
  /** Asked to accept, but their text is no longer in the draft: left pending. */
  outdated: string[];
}

interface PendingRow {
  id: string;
  sectionId: string;
  blockId: string;
  authorId: string;
  quote: TextQuote;
  replacement: string;
  format: FormatChange | null;
  createdAt: Date;
}

/**
 * Accepts or rejects pending suggestions: one (`suggestionId`), one person's, or all. Only the
 * proposal's authors decide; the author of a suggestion may also withdraw (reject) their own.
 *
 * Accepting applies the suggestions to the draft through the live document, as an edit of the
 * suggestion's author: the collaboration server records that person as an editor of the
 * section (so a reviewer whose suggestion was taken can no longer approve: separation of
 * duties), and blame names them for the block. Suggestions of one section are applied from the
 * end of each block backwards, grouped by their author, one replacement per author. A
 * suggestion whose quoted text has changed is not applied: accepting it alone is refused
 * (422), in a batch it is left pending and reported as outdated.
 */
export async function decideSuggestions(options: {
  actor: Actor;
  proposalId: string;
  suggestionId?: string;
  input: z.input<typeof decisionInput>;
  writer: DraftSectionWriter;
}): Promise<DecisionOutcome> {
  const parsed = decisionInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) });
  const { decision, authorId } = parsed.data;
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  const resource = proposalResource(proposal);

  const rows = await db.suggestion.findMany({
    where: { proposalId: proposal.id, ...(options.suggestionId ? { id: options.suggestionId } : { status: "PENDING" }), ...(authorId ? { authorId } : {}) },
  });
  if (options.suggestionId) {
    const row = rows[0];
    if (!row) {
      // Whether a suggestion exists is told only to those who could decide on it.
      authorize(options.actor, "proposal:edit", resource);
      throw new AppError("NOT_FOUND", "suggestionNotFound");
    }
    const withdrawing = decision === "reject" && row.authorId === options.actor.id && can(options.actor, "proposal:suggest", resource);
    if (!withdrawing) authorize(options.actor, "proposal:edit", resource);
    if (row.status !== "PENDING") throw new AppError("CONFLICT", "suggestionAlreadyDecided");
  } else {
    authorize(options.actor, "proposal:edit", resource);
  }
  const pending: PendingRow[] = rows
    .filter((row) => row.status === "PENDING")
    .map((row) => ({
      id: row.id,
      sectionId: row.sectionId,
      blockId: row.blockId,
      authorId: row.authorId,
      quote: { offset: row.offset, exact: row.exact, prefix: row.prefix, suffix: row.suffix },
      replacement: row.replacement,
      format: formatOf(row),
      createdAt: row.createdAt,
    }));
  const outcome: DecisionOutcome = { accepted: [], rejected: [], outdated: [] };

  if (decision === "reject") {
    if (pending.length > 0) await markDecided(db, pending.map((row) => row.id), "REJECTED", options.actor, proposal);
    outcome.rejected = pending.map((row) => row.id);
  } else {
    await options.writer.flushProposal(proposal.id);
    for (const sectionId of new Set(pending.map((row) => row.sectionId))) {
      let content: SectionContent = await draftSectionContent(db, proposal.id, sectionId);
      const ofSection = pending.filter((row) => row.sectionId === sectionId);
      for (const author of new Set(ofSection.map((row) => row.authorId))) {
        const applied: string[] = [];
        for (const row of acceptanceOrder(ofSection.filter((candidate) => candidate.authorId === author))) {
          const result = applySuggestion(content, { blockId: row.blockId, quote: row.quote, replacement: row.replacement, format: row.format });
          if (!result.ok) {
            outcome.outdated.push(row.id);
            continue;
          }
          content = result.content;
          applied.push(row.id);
        }
        if (applied.length === 0) continue;
        const validation = validateSectionContent(content);
        if (!validation.ok) throw new AppError("INVALID_CONTENT", "invalidContent", { problems: validation.errors }, { problems: validation.errors });
        content = ensureBlockIds(validation.content);
        await options.writer.replaceSection({ proposalId: proposal.id, sectionId, content, actorId: author, countsAsEdit: true });
        await markDecided(db, applied, "ACCEPTED", options.actor, proposal);
        outcome.accepted.push(...applied);
      }
    }
    if (options.suggestionId && outcome.outdated.length > 0) throw new AppError("UNPROCESSABLE", "suggestionOutdated");
  }

  if (outcome.accepted.length + outcome.rejected.length > 0) {
    await recordProposalChange(db, {
      actorId: options.actor.id,
      action: decision === "accept" ? "proposal.suggestions_accepted" : "proposal.suggestions_rejected",
      targetType: "proposal",
      targetId: proposal.id,
      data: { suggestionIds: decision === "accept" ? outcome.accepted : outcome.rejected, ...(authorId ? { authorId } : {}) },
    });
  }
  return outcome;
}

/**
 * Marks suggestions decided and tells each of their authors how many of theirs were accepted or
 * rejected, in one transaction with the change: one notification per person for a rejection, and
 * for an acceptance one per person and section applied (each section is its own edit); none to
 * someone withdrawing their own.
 */
async function markDecided(
  db: Awaited<ReturnType<typeof getDb>>,
  ids: string[],
  status: "ACCEPTED" | "REJECTED",
  actor: Actor,
  proposal: { id: string; title: string },
): Promise<void> {
  const decidedAt = new Date();
  await runTransaction(db, async (tx) => {
    // Only rows still pending change: of two people deciding at once, the first wins, and only
    // the rows this decision changed are announced.
    await tx.suggestion.updateMany({ where: { id: { in: ids }, status: "PENDING" }, data: { status, decidedAt, decidedById: actor.id } });
    const decided = await tx.suggestion.findMany({ where: { id: { in: ids }, status, decidedById: actor.id, decidedAt }, select: { authorId: true } });
    const countByAuthor = new Map<string, number>();
    for (const row of decided) countByAuthor.set(row.authorId, (countByAuthor.get(row.authorId) ?? 0) + 1);
    for (const [authorId, count] of countByAuthor) {
      await notify(tx, {
        userIds: [authorId],
        event: { kind: "suggestion_decided", params: { deciderName: actor.name, proposalTitle: proposal.title, decision: status === "ACCEPTED" ? "accept" : "reject", count } },
        proposalId: proposal.id,
        exceptUserId: actor.id,
      });
    }
  });
}
