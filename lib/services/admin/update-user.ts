import { runTransaction } from "../../db/transaction";
import { z } from "zod";
import { getDb } from "../../db/client";
import { ROLES } from "../../domain/roles";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordAudit } from "../../db/audit";

export const updateUserInput = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
  organizationId: z.string().min(1).nullable(),
  active: z.boolean(),
});

/** Changes a person's role, ministry or access; takes effect on their next request. */
export async function updateUser(options: { actor: Actor; input: z.infer<typeof updateUserInput> }) {
  authorize(options.actor, "admin:manage");
  const parsed = updateUserInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidData");
  const input = parsed.data;
  if (input.userId === options.actor.id && (input.role !== "ADMIN" || !input.active)) {
    throw new AppError("BAD_REQUEST", "cannotDemoteSelf");
  }
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId } });
    if (!before) throw new AppError("NOT_FOUND", "userNotFound");
    if (input.organizationId) {
      const organization = await tx.organization.findUnique({ where: { id: input.organizationId } });
      if (!organization) throw new AppError("BAD_REQUEST", "unknownOrganization");
    }
    const user = await tx.user.update({
      where: { id: input.userId },
      data: { role: input.role, organizationId: input.organizationId, active: input.active },
    });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "user.updated",
      targetType: "user",
      targetId: user.id,
      data: {
        before: { role: before.role, organizationId: before.organizationId, active: before.active },
        after: { role: user.role, organizationId: user.organizationId, active: user.active },
      },
    });
    return user;
  });
}
