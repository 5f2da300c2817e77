import { runTransaction } from "../../db/transaction";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { openConflicts } from "../../db/stored-columns";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { notify } from "../notifications/notify";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";
import { evaluateProposalPolicy } from "./approval-state";
import type { DraftSectionWriter } from "./draft-writer";
import { applyTransition } from "./proposal-transition";

/**
 * “Gửi thẩm định”: the authors hand the draft to reviewers. The live documents are stored
 * first, so reviewers read (and approve) the words the authors saw when they submitted.
 */
export async function submitProposal(options: { actor: Actor; proposalId: string; writer: DraftSectionWriter }) {
  const db = await getDb();
  // Permission first: someone who may not submit must not make the collaboration server store anything.
  authorize(options.actor, "proposal:submit", proposalResource(await loadProposal(db, options.proposalId)));
  await options.writer.flushProposal(options.proposalId);
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:submit", proposalResource(proposal));
    if (openConflicts(proposal).length > 0) {
      throw new AppError("MERGE_CONFLICT", "unresolvedConflicts");
    }
    const { touchedSectionIds: touched } = await evaluateProposalPolicy(tx, proposal);
    if (touched.length === 0) {
      throw new AppError("BAD_REQUEST", "nothingChanged");
    }
    const status = await applyTransition(tx, proposal, "submit", { submittedAt: new Date() });
    await recordProposalChange(tx, { actorId: options.actor.id, action: "proposal.submitted", targetType: "proposal", targetId: proposal.id });
    await enqueueWebhookEvent(tx, "proposal.submitted", {
      proposal: { id: proposal.id, title: proposal.title, status, documentSlug: proposal.document.slug, organization: { slug: proposal.organization.slug, name: proposal.organization.name } },
      touchedSectionIds: touched,
    });
    const reviewers = await tx.user.findMany({ where: { role: { in: ["REVIEWER", "ADMIN"] }, active: true }, select: { id: true } });
    await notify(tx, {
      userIds: reviewers.map((reviewer) => reviewer.id).filter((id) => !proposal.authors.some((author) => author.userId === id)),
      event: { kind: "review_requested", params: { proposalTitle: proposal.title, organizationName: proposal.organization.name } },
      proposalId: proposal.id,
    });
    return { status };
  });
}
