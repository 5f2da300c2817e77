"use client";

import Link from "next/link";
import { useState } from "react";
import { useLiveEvents } from "@/components/live/live-events";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";

/**
 * The header's link to the person's notifications with the count of unread ones, kept current
 * while the page is open (a notification made through any web instance arrives within about a second).
 */
export function NotificationCount({ initial, locale }: { initial: number; locale: Locale }) {
  const t = messages(locale).site;
  const [fromServer, setFromServer] = useState(initial);
  const [count, setCount] = useState(initial);
  // A fresh render of the page (navigation, refresh) brings a fresh count.
  if (fromServer !== initial) {
    setFromServer(initial);
    setCount(initial);
  }
  useLiveEvents("/api/live", (message) => {
    if (message.type === "notifications") setCount(message.unread);
  });
  return (
    <Link href="/lam-viec#notifications" className="site-nav__notifications" data-testid="notification-count" data-count={count}>
      {t.notifications}
      {count > 0 && (
        <>
          {" "}
          <span className="badge badge--accent" aria-label={t.unreadNotifications({ count })}>{count}</span>
        </>
      )}
    </Link>
  );
}
