import { getDb, type DbOrTx } from "../../db/client";
import type { EmailDelivery } from "../../domain/email-delivery";
import { mailTokenSecret } from "../../mail/config";
import { verifyMailToken } from "../../mail/tokens";

export type UnsubscribeOutcome = { kind: "subscription" } | { kind: "person" } | { kind: "invalid" };

/**
 * One-click unsubscribe (RFC 8058) and the unsubscribe page's button, without signing in: the
 * signed token says what to stop. A subscription is deleted, address and all; a person's
 * notification emails are turned off (their notifications stay in the workspace). Doing it
 * twice is harmless: the second time there is nothing left to stop, and the answer is the same.
 */
export async function unsubscribeByToken(options: { token: string; db?: DbOrTx }): Promise<UnsubscribeOutcome> {
  const secret = mailTokenSecret();
  const db = options.db ?? (await getDb());
  const subscriptionId = await verifyMailToken("unsubscribe", options.token, secret);
  if (subscriptionId) {
    // Its queued emails lose their recipient and are cancelled by the worker.
    await db.emailSubscription.deleteMany({ where: { id: subscriptionId } });
    return { kind: "subscription" };
  }
  const userId = await verifyMailToken("person", options.token, secret);
  if (userId) {
    await db.user.updateMany({ where: { id: userId }, data: { emailDelivery: "NONE" satisfies EmailDelivery } });
    return { kind: "person" };
  }
  return { kind: "invalid" };
}
