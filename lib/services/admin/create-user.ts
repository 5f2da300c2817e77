import { z } from "zod";
import { getDb, type DbOrTx } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../../auth/password";
import { ROLES } from "../../domain/roles";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { recordAudit } from "../../db/audit";
import { inputIssues } from "../../domain/input-issues";

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  organizationSlug: z.string().trim().min(1).nullable().optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200).nullable().optional(),
});

export type CreateUserInput = z.infer<typeof createUserInput>;

/** Creates a person. `actor` null means an operator at the command line, who needs no role. */
export async function createUser(options: { actor: Actor | null; input: CreateUserInput; db?: DbOrTx }) {
  if (options.actor) authorize(options.actor, "admin:manage");
  const parsed = createUserInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidInput", { issues: inputIssues(parsed.error) });
  const input = parsed.data;
  const db = options.db ?? (await getDb());
  let organizationId: string | null = null;
  if (input.organizationSlug) {
    const organization = await db.organization.findUnique({ where: { slug: input.organizationSlug } });
    if (!organization) throw new AppError("BAD_REQUEST", "organizationSlugNotFound", { slug: input.organizationSlug });
    organizationId = organization.id;
  }
  try {
    const user = await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        organizationId,
        passwordHash: input.password ? await hashPassword(input.password) : null,
      },
    });
    await recordAudit(db, {
      actorId: options.actor?.id ?? null,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      data: { email: user.email, role: user.role, organizationId },
    });
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "emailTaken", { email: input.email });
    throw error;
  }
}
