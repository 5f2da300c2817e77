import { mintCollabToken } from "../../auth/collab-token";
import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { collabDocumentName } from "../../domain/collab-names";
import { AppError } from "../../errors";
import { collaborationAccess, type Actor } from "../../policies";

/**
 * Mints the short-lived token for one section's live draft. The collaboration server checks
 * the same policy again when the token is used, so a token never grants more than the policy.
 */
export async function issueCollabAccess(options: { actor: Actor; proposalId: string; sectionId: string }) {
  const db = await getDb();
  const proposal = await loadProposal(db, options.proposalId);
  const access = collaborationAccess(options.actor, proposalResource(proposal));
  if (access === "none") throw new AppError("FORBIDDEN", "draftForbidden");
  if (!proposal.sections.some((section) => section.sectionId === options.sectionId)) {
    throw new AppError("NOT_FOUND", "proposalSectionNotFound");
  }
  const document = collabDocumentName(proposal.id, options.sectionId);
  const { token, expiresAt } = await mintCollabToken({ userId: options.actor.id, documentName: document, readOnly: access !== "write" });
  return { document, token, expiresAt: expiresAt.toISOString(), access };
}
