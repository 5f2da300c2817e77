import { runTransaction } from "../../db/transaction";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { AppError } from "../../errors";
import { authorize, canJoinAsCoauthor, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { notify } from "../notifications/notify";

/** Adds a co-author (Người đóng góp) from the proposing ministry, or any ministry when an admin allowed it. */
export async function inviteCoauthor(options: { actor: Actor; proposalId: string; email: string }) {
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:invite", proposalResource(proposal));
    const invitee = await tx.user.findUnique({ where: { email: options.email.trim().toLowerCase() } });
    if (!invitee || !invitee.active) throw new AppError("NOT_FOUND", "userEmailNotFound");
    if (!canJoinAsCoauthor({ role: invitee.role, organizationId: invitee.organizationId }, proposal)) {
      throw new AppError("FORBIDDEN", "cannotCoauthor");
    }
    if (proposal.authors.some((author) => author.userId === invitee.id)) return { added: false };
    await tx.proposalAuthor.create({ data: { proposalId: proposal.id, userId: invitee.id, role: "COAUTHOR" } });
    await recordProposalChange(tx, { actorId: options.actor.id, action: "proposal.coauthor_added", targetType: "proposal", targetId: proposal.id, data: { userId: invitee.id } });
    await notify(tx, {
      userIds: [invitee.id],
      event: { kind: "coauthor_added", params: { inviterName: options.actor.name, proposalTitle: proposal.title } },
      proposalId: proposal.id,
    });
    return { added: true };
  });
}

/** Lets an admin open a proposal to co-authors of other ministries (or close it again), on the record. */
export async function allowOtherOrganizations(options: { actor: Actor; proposalId: string; allow: boolean }) {
  authorize(options.actor, "admin:manage");
  const db = await getDb();
  await runTransaction(db, async (tx) => {
    const proposal = await tx.proposal.findUnique({ where: { id: options.proposalId }, select: { id: true, allowOtherOrgs: true } });
    if (!proposal) throw new AppError("NOT_FOUND", "proposalNotFound");
    if (proposal.allowOtherOrgs === options.allow) return;
    await tx.proposal.update({ where: { id: proposal.id }, data: { allowOtherOrgs: options.allow } });
    await recordProposalChange(tx, {
      actorId: options.actor.id,
      action: "proposal.other_orgs_changed",
      targetType: "proposal",
      targetId: proposal.id,
      data: { allowOtherOrgs: options.allow },
    });
  });
}
