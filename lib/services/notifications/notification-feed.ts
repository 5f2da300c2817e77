import { getDb, type DbOrTx } from "../../db/client";
import { buildAtomFeed } from "../../domain/history/atom";
import { isLocale, type Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";
import type { Actor } from "../../policies";
import { FEED_AUTHOR } from "../history/feed-entries";
import { listNotifications } from "./list-notifications";

/**
 * A person's notifications as an Atom feed, in their language: the one the request chose (the
 * language switch), else the one they keep in the workspace, since feed readers send no cookie.
 */
export async function notificationFeed(options: { actor: Actor; baseUrl: string; locale: Locale | null; db?: DbOrTx }): Promise<string> {
  const db = options.db ?? (await getDb());
  const base = options.baseUrl.replace(/\/+$/, "");
  const stored = (await db.user.findUnique({ where: { id: options.actor.id }, select: { locale: true } }))?.locale;
  const locale = options.locale ?? (isLocale(stored) ? stored : "vi");
  const notifications = await listNotifications({ userId: options.actor.id, locale, db });
  const selfUrl = `${base}/api/v1/me/notifications.atom`;
  return buildAtomFeed({
    id: `urn:camnang:notifications:${options.actor.id}`,
    title: messages(locale).notifications.feedTitle({ name: options.actor.name }),
    selfUrl,
    pageUrl: `${base}/lam-viec`,
    authorName: FEED_AUTHOR,
    language: locale,
    entries: notifications.map((notification) => ({
      id: `urn:camnang:notification:${notification.id}`,
      title: notification.text,
      updated: notification.createdAt,
      link: notification.proposalId ? `${base}/lam-viec/de-xuat/${notification.proposalId}` : `${base}/lam-viec`,
      summary: notification.text,
      details: [notification.text],
      authorName: FEED_AUTHOR,
    })),
    fallbackUpdated: new Date(0),
  });
}
