import { getDb, type DbOrTx } from "../../db/client";
import type { EmailDelivery } from "../../domain/email-delivery";
import { mailTokenSecret } from "../../mail/config";
import { verifyMailToken } from "../../mail/tokens";
import { subscriptionTarget, type SubscriptionTarget } from "./subscription-target";

export type UnsubscribeLink =
  /** `target` is null when the subscription is already gone. */
  | { kind: "subscription"; target: SubscriptionTarget | null }
  /** `emailsOff` once the person's notification emails are off (or the person is gone). */
  | { kind: "person"; email: string | null; emailsOff: boolean }
  | { kind: "invalid" };

/** What an unsubscribe link would stop, for the page that asks before doing it (link scanners only ever GET). */
export async function describeUnsubscribeLink(options: { token: string; db?: DbOrTx }): Promise<UnsubscribeLink> {
  const secret = mailTokenSecret();
  const db = options.db ?? (await getDb());
  const subscriptionId = await verifyMailToken("unsubscribe", options.token, secret);
  if (subscriptionId) {
    const subscription = await db.emailSubscription.findUnique({ where: { id: subscriptionId } });
    return { kind: "subscription", target: subscription ? await subscriptionTarget(db, subscription) : null };
  }
  const userId = await verifyMailToken("person", options.token, secret);
  if (userId) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailDelivery: true } });
    return { kind: "person", email: user?.email ?? null, emailsOff: !user || user.emailDelivery === ("NONE" satisfies EmailDelivery) };
  }
  return { kind: "invalid" };
}
