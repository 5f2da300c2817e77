import type { DbOrTx } from "../../db/client";
import type { EmailDelivery } from "../../domain/email-delivery";
import type { NotificationKind, NotificationEvent } from "../../domain/notification-events";
import { isMailEnabled } from "../../mail/config";
import { OUTBOUND_STATUS, outboundColumns } from "../../mail/outbound";

/**
 * The notifications worth an email: reviewers when a proposal awaits them, authors when a
 * reviewer decided or their proposal was published. The others (comments, invitations, merge
 * conflicts) stay in the workspace and the feed.
 */
export const EMAILED_NOTIFICATION_KINDS: ReadonlySet<NotificationKind> = new Set([
  "review_requested",
  "decision",
  "published",
  // A commenter has no workspace habit: the answer and the publication reach them by email.
  "consultation_answer",
  "consultation_published",
]);

/**
 * Queues the emails for one notification, in the caller's transaction: immediately due for
 * people who chose immediate emails, held for the daily digest for those who chose it, nothing
 * for those who chose none. Nothing at all when email is off.
 */
export async function queueNotificationEmails(
  db: DbOrTx,
  input: { userIds: readonly string[]; event: NotificationEvent; proposalId: string | null },
): Promise<void> {
  if (!isMailEnabled() || !EMAILED_NOTIFICATION_KINDS.has(input.event.kind)) return;
  const people = await db.user.findMany({
    where: { id: { in: [...input.userIds] }, active: true, emailDelivery: { in: ["IMMEDIATE", "DAILY"] satisfies EmailDelivery[] } },
    select: { id: true, emailDelivery: true },
  });
  if (people.length === 0) return;
  const columns = outboundColumns("notification", { notification: input.event, proposalId: input.proposalId });
  await db.outboundEmail.createMany({
    data: people.map((person) => ({
      ...columns,
      userId: person.id,
      status: person.emailDelivery === ("DAILY" satisfies EmailDelivery) ? OUTBOUND_STATUS.held : OUTBOUND_STATUS.pending,
    })),
  });
}
