import type { DbOrTx } from "../../db/client";
import type { NotificationEvent } from "../../domain/notification-events";
import { announceNotifications } from "../live/announce";
import { queueNotificationEmails } from "../mail/queue-notification-emails";

/**
 * Tells people that something happened: one Notification row each, stored as the event's kind
 * and parameters (put into words when read, in the reader's language), and, for the kinds that
 * go by email, an outbox row in the same transaction, so the email is neither lost nor sent for
 * something that was rolled back. Once committed, the people's open pages hear of it (their
 * header's count, lib/services/live).
 */
export async function notify(
  db: DbOrTx,
  input: { userIds: Iterable<string>; event: NotificationEvent; proposalId?: string | null; exceptUserId?: string },
): Promise<void> {
  const recipients = [...new Set(input.userIds)].filter((userId) => userId !== input.exceptUserId);
  if (recipients.length === 0) return;
  const proposalId = input.proposalId ?? null;
  await db.notification.createMany({
    data: recipients.map((userId) => ({ userId, kind: input.event.kind, params: JSON.stringify(input.event.params), proposalId })),
  });
  await queueNotificationEmails(db, { userIds: recipients, event: input.event, proposalId });
  announceNotifications(db, recipients);
}
