import type { Db } from "../db/client";
import { headVersion, loadVersionSnapshot } from "../db/documents";
import { loadActor } from "../auth/actor";
import { repairWebArtifacts } from "../domain/web-artifacts";
import { canonicalJson } from "../domain/canonical";
import { createProposal } from "./proposals/create-proposal";
import { offlineDraftWriter } from "./proposals/draft-writer";
import { publishProposal } from "./proposals/publish-proposal";
import { createThrowawaySigner } from "./proposals/throwaway-signer";
import { submitProposal } from "./proposals/submit-proposal";
import { SEED_REPAIR_PROPOSAL } from "./seed-data";

/** The people of the seed's history: a contributor proposes, reviewers of the owning ministries approve. */
const AUTHOR = "lan@mof.gov.vn";
const APPROVERS = ["minh@mic.gov.vn", "thu@moha.gov.vn"];

/**
 * Version 2 of the seed, made the way every later version is: a proposal that repairs the
 * flaws of the web copy, reviewed by two ministries and published. A fresh install thus
 * starts with real history, and this path is exercised on every start of an empty database.
 */
export async function publishSeedRepair(db: Db, input: { documentId: string; users: Map<string, string> }): Promise<void> {
  const actorFor = async (email: string) => {
    const userId = input.users.get(email);
    const actor = userId ? await loadActor(db, userId) : null;
    if (!actor) throw new Error(`Seed user ${email} is missing`);
    return actor;
  };
  const document = await db.document.findUniqueOrThrow({ where: { id: input.documentId } });
  const head = await headVersion(db, document.id);
  if (!head) throw new Error("Seed version 1 is missing");
  const current = await loadVersionSnapshot(db, document, head.id);

  const author = await actorFor(AUTHOR);
  const proposal = await createProposal({ actor: author, documentSlug: document.slug, input: SEED_REPAIR_PROPOSAL, db });
  for (const section of current.sections) {
    const repaired = repairWebArtifacts(section.content);
    if (canonicalJson(repaired) === canonicalJson(section.content)) continue;
    await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: section.id, content: repaired, actorId: author.id });
  }
  await submitProposal({ actor: author, proposalId: proposal.id, writer: offlineDraftWriter });
  // Signed with keys made for this moment and forgotten: the statement of version 2 carries
  // real signatures, and the reviewers' own keys (made in their browsers) replace these.
  const signer = createThrowawaySigner(db);
  for (const email of APPROVERS) {
    await signer.approve(await actorFor(email), proposal.id, "Chỉ sửa lỗi định dạng, nội dung giữ nguyên.");
  }
  const outcome = await publishProposal({ actor: await actorFor(APPROVERS[0]), proposalId: proposal.id, writer: offlineDraftWriter, db });
  if (outcome.kind !== "published") throw new Error("Seed repair could not be published");
}
