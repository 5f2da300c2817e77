import { runTransaction } from "../../db/transaction";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { authorize, type Actor } from "../../policies";
import { recordProposalChange } from "../live/announce";
import { applyTransition } from "./proposal-transition";

export async function withdrawProposal(options: { actor: Actor; proposalId: string }) {
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const proposal = await loadProposal(tx, options.proposalId);
    authorize(options.actor, "proposal:withdraw", proposalResource(proposal));
    const status = await applyTransition(tx, proposal, "withdraw");
    await recordProposalChange(tx, { actorId: options.actor.id, action: "proposal.withdrawn", targetType: "proposal", targetId: proposal.id });
    return { status };
  });
}
