import { runTransaction } from "../../db/transaction";
import { z } from "zod";
import { getDb } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { slugify } from "../../domain/slug";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordAudit } from "../../db/audit";
import { inputIssues } from "../../domain/input-issues";

export const createOrganizationInput = z.object({
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).optional(),
});

export async function createOrganization(options: { actor: Actor; input: z.infer<typeof createOrganizationInput> }) {
  authorize(options.actor, "admin:manage");
  const parsed = createOrganizationInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) });
  const db = await getDb();
  try {
    return await runTransaction(db, async (tx) => {
      const organization = await tx.organization.create({
        data: { slug: slugify(parsed.data.name), name: parsed.data.name, nameEn: parsed.data.nameEn || parsed.data.name },
      });
      await recordAudit(tx, { actorId: options.actor.id, action: "organization.created", targetType: "organization", targetId: organization.id, data: { name: organization.name } });
      return organization;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "organizationExists");
    throw error;
  }
}
