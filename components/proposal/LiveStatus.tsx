"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { useLiveEvents } from "@/components/live/live-events";

/**
 * Changes often come in bursts (a publish records several entries at once): the first refreshes at
 * once, and those within this long after it are gathered into one more refresh at its end.
 */
const REFRESH_SPACING_MS = 300;

/**
 * Keeps the proposal page current while it is open: when anyone, through any web instance,
 * comments, reviews, submits, publishes or changes the proposal, the server-rendered panels are
 * read again (the live event bus, /api/live). Editing itself is live through the editor.
 */
export function LiveStatus({ proposalId }: { proposalId: string }) {
  const router = useRouter();
  const lastRefresh = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const refreshSoon = useCallback(() => {
    const wait = lastRefresh.current + REFRESH_SPACING_MS - Date.now();
    if (wait <= 0) {
      lastRefresh.current = Date.now();
      router.refresh();
      return;
    }
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      lastRefresh.current = Date.now();
      router.refresh();
    }, wait);
  }, [router]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useLiveEvents(
    `/api/live?proposal=${encodeURIComponent(proposalId)}`,
    (message) => {
      if (message.type === "proposal") refreshSoon();
    },
    refreshSoon,
  );
  return null;
}
