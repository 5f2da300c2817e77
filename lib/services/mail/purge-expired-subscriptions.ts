import type { DbOrTx } from "../../db/client";
import { confirmationCutoff } from "../../domain/email-delivery";

/** Removes subscriptions never confirmed in time: an address nobody confirmed is not kept. */
export async function purgeExpiredSubscriptions(options: { db: DbOrTx; now: Date }): Promise<number> {
  const { count } = await options.db.emailSubscription.deleteMany({ where: { confirmedAt: null, requestedAt: { lt: confirmationCutoff(options.now) } } });
  return count;
}
