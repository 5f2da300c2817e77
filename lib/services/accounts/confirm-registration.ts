import { getDb, type DbOrTx } from "../../db/client";
import { recordAudit } from "../../db/audit";
import { runTransaction } from "../../db/transaction";
import { confirmationCutoff } from "../../domain/email-delivery";
import { mailTokenSecret } from "../../mail/config";
import { verifyMailToken } from "../../mail/tokens";
import type { Db } from "../../db/client";

/**
 * Follows the link of a registration email: the reader account is made (role READER, no
 * ministry) with the name and password given, and the registration removed. A second click, an
 * expired or unknown link, or an address that meanwhile got an account confirms nothing new.
 */
export async function confirmRegistration(options: { token: string; now?: Date; db?: Db }): Promise<{ confirmed: true; email: string } | { confirmed: false }> {
  const registrationId = await verifyMailToken("register", options.token, mailTokenSecret());
  if (!registrationId) return { confirmed: false };
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  return runTransaction(db, async (tx: DbOrTx) => {
    const registration = await tx.readerRegistration.findUnique({ where: { id: registrationId } });
    if (!registration || registration.requestedAt < confirmationCutoff(now)) return { confirmed: false as const };
    const existing = await tx.user.findUnique({ where: { email: registration.email }, select: { id: true } });
    if (!existing) {
      const user = await tx.user.create({
        data: { email: registration.email, name: registration.name, passwordHash: registration.passwordHash, role: "READER", locale: registration.locale },
      });
      await recordAudit(tx, { actorId: user.id, action: "reader.registered", targetType: "user", targetId: user.id, data: { selfRegistered: true } });
    }
    await tx.outboundEmail.updateMany({ where: { registrationId: registration.id }, data: { registrationId: null } });
    await tx.readerRegistration.delete({ where: { id: registration.id } });
    return { confirmed: true as const, email: registration.email };
  });
}
