import { runTransaction } from "../../db/transaction";
import { z } from "zod";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { notify } from "../notifications/notify";
import type { DraftSectionWriter } from "./draft-writer";
import { anchorForNewComment, commentRangeInput } from "./comment-anchors";
import { serializeStoredAnchor } from "../../domain/anchors";
import { inputIssues } from "../../domain/input-issues";

export const MAX_COMMENT_LENGTH = 5_000;

export const commentInput = z.object({
  body: z.string().trim().min(1).max(MAX_COMMENT_LENGTH),
  sectionId: z.string().min(1).max(64).optional(),
  /** Anchors the comment to a block: block ids are stable, so it stays attached as text around it changes. */
  blockId: z.string().min(1).max(64).optional(),
  parentId: z.string().min(1).max(64).optional(),
  /** Anchors the comment to a range of words (lib/services/proposals/comment-anchors.ts); the words keep it as the draft changes. */
  range: commentRangeInput.optional(),
});

export async function addComment(options: {
  actor: Actor;
  proposalId: string;
  input: z.input<typeof commentInput>;
  /** Stores the live documents first, so that a range made in an open editor is found in the stored draft. */
  writer?: Pick<DraftSectionWriter, "flushProposal">;
}) {
  const parsed = commentInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) });
  const db = await getDb();
  if (parsed.data.range && options.writer) {
    authorize(options.actor, "proposal:comment", proposalResource(await loadProposal(db, options.proposalId)));
    await options.writer.flushProposal(options.proposalId);
  }
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:comment", proposalResource(proposal));
    let parentAuthorId: string | null = null;
    if (parsed.data.parentId) {
      const parent = await tx.comment.findUnique({ where: { id: parsed.data.parentId } });
      if (!parent || parent.proposalId !== proposal.id) throw new AppError("BAD_REQUEST", "unknownParentComment");
      parentAuthorId = parent.authorId;
    }
    if (parsed.data.sectionId && !proposal.sections.some((section) => section.sectionId === parsed.data.sectionId)) {
      throw new AppError("BAD_REQUEST", "proposalSectionNotFound");
    }
    if (parsed.data.range && parsed.data.sectionId && parsed.data.sectionId !== parsed.data.range.sectionId) {
      throw new AppError("BAD_REQUEST", "commentRangeInvalid");
    }
    const anchor = parsed.data.range && !parsed.data.parentId ? anchorForNewComment(proposal, parsed.data.range) : null;
    const comment = await tx.comment.create({
      data: {
        proposalId: proposal.id,
        authorId: options.actor.id,
        body: parsed.data.body,
        sectionId: parsed.data.sectionId ?? anchor?.sectionId ?? null,
        blockId: parsed.data.blockId ?? null,
        parentId: parsed.data.parentId ?? null,
        anchor: anchor ? serializeStoredAnchor(anchor) : null,
      },
    });
    await recordProposalChange(tx, { actorId: options.actor.id, action: "proposal.comment_added", targetType: "proposal", targetId: proposal.id, data: { commentId: comment.id } });
    const recipients = parentAuthorId ? [parentAuthorId] : proposal.authors.map((author) => author.userId);
    await notify(tx, {
      userIds: recipients,
      event: { kind: "comment", params: { authorName: options.actor.name, proposalTitle: proposal.title, reply: parentAuthorId !== null } },
      proposalId: proposal.id,
      exceptUserId: options.actor.id,
    });
    return comment;
  });
}
