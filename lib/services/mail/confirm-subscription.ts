import { getDb, type DbOrTx } from "../../db/client";
import { confirmationCutoff } from "../../domain/email-delivery";
import { mailTokenSecret } from "../../mail/config";
import { verifyMailToken } from "../../mail/tokens";
import { subscriptionTarget, type SubscriptionTarget } from "./subscription-target";

/**
 * Follows the link of a confirmation email: the subscription starts. Following it again says the
 * same; a link whose subscription expired unconfirmed (or was removed) confirms nothing.
 */
export async function confirmSubscription(options: { token: string; now?: Date; db?: DbOrTx }): Promise<{ confirmed: true; target: SubscriptionTarget } | { confirmed: false }> {
  const subscriptionId = await verifyMailToken("confirm", options.token, mailTokenSecret());
  if (!subscriptionId) return { confirmed: false };
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const subscription = await db.emailSubscription.findUnique({ where: { id: subscriptionId } });
  if (!subscription) return { confirmed: false };
  if (!subscription.confirmedAt) {
    if (subscription.requestedAt < confirmationCutoff(now)) return { confirmed: false };
    await db.emailSubscription.updateMany({ where: { id: subscription.id, confirmedAt: null }, data: { confirmedAt: now } });
  }
  return { confirmed: true, target: await subscriptionTarget(db, subscription) };
}
