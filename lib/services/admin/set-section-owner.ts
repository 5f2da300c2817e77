import { runTransaction } from "../../db/transaction";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordAudit } from "../../db/audit";

/** Assigns the ministry whose reviewers must approve changes to a section (null: no owner). */
export async function setSectionOwner(options: { actor: Actor; sectionId: string; organizationId: string | null }) {
  authorize(options.actor, "admin:manage");
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const section = await tx.section.findUnique({ where: { id: options.sectionId } });
    if (!section) throw new AppError("NOT_FOUND", "sectionNotFound");
    if (options.organizationId && !(await tx.organization.findUnique({ where: { id: options.organizationId } }))) {
      throw new AppError("BAD_REQUEST", "unknownOrganization");
    }
    await tx.section.update({ where: { id: section.id }, data: { ownerOrganizationId: options.organizationId } });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "section.owner_changed",
      targetType: "section",
      targetId: section.id,
      data: { from: section.ownerOrganizationId, to: options.organizationId },
    });
  });
}
