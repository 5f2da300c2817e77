import { getDb, type DbOrTx } from "../../db/client";
import { parseNotificationEvent } from "../../domain/notification-events";
import type { Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";
import { notificationText } from "../../i18n/notification-text";
import { authorize, type Actor } from "../../policies";
import { announceNotifications } from "../live/announce";

/** Most notifications the workspace and the feed show; older ones are not lost, only not listed. */
export const NOTIFICATION_LIST_LIMIT = 30;

export interface RenderedNotification {
  id: string;
  kind: string;
  /** The notification in the reader's language (a row from before kinds carried parameters: its stored text). */
  text: string;
  proposalId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** A person's latest notifications, put into words in the language they read. */
export async function listNotifications(options: { userId: string; locale: Locale; db?: DbOrTx }): Promise<RenderedNotification[]> {
  const db = options.db ?? (await getDb());
  const rows = await db.notification.findMany({ where: { userId: options.userId }, orderBy: { createdAt: "desc" }, take: NOTIFICATION_LIST_LIMIT });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: renderRow(row, options.locale),
    proposalId: row.proposalId,
    createdAt: row.createdAt,
    readAt: row.readAt,
  }));
}

function renderRow(row: { kind: string; params: string; message: string | null }, locale: Locale): string {
  if (row.message !== null) return row.message;
  const event = parseNotificationEvent(row.kind, row.params);
  return event ? notificationText(event, locale) : messages(locale).notifications.unreadable;
}

/** How many notifications a person has not marked read (the header's count). */
export async function countUnreadNotifications(options: { userId: string; db?: DbOrTx }): Promise<number> {
  const db = options.db ?? (await getDb());
  return db.notification.count({ where: { userId: options.userId, readAt: null } });
}

/** Marks every notification of the signed-in person as read (theirs only); answers how many were unread. */
export async function markNotificationsRead(options: { actor: Actor; db?: DbOrTx }): Promise<number> {
  authorize(options.actor, "workspace:enter");
  const db = options.db ?? (await getDb());
  const { count } = await db.notification.updateMany({ where: { userId: options.actor.id, readAt: null }, data: { readAt: new Date() } });
  announceNotifications(db, [options.actor.id]);
  return count;
}
