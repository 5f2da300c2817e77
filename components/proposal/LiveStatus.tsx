"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { useLiveEvents } from "@/components/live/live-events";

/**
 * Changes often come in bursts (a publish records several entries at once): they are gathered for
 * this long into one refresh, short enough that the page still shows a change well within a second.
 */
const REFRESH_GATHER_MS = 100;

/**
 * Keeps the proposal page current while it is open: when anyone, through any web instance,
 * comments, reviews, submits, publishes or changes the proposal, the server-rendered panels are
 * read again (the live event bus, /api/live). Editing itself is live through the editor.
 */
export function LiveStatus({ proposalId }: { proposalId: string }) {
  const router = useRouter();
  const timer = useRef<number | undefined>(undefined);
  const refreshSoon = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      router.refresh();
    }, REFRESH_GATHER_MS);
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
