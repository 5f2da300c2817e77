"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/** How often the page asks whether the proposal changed (status, reviews, content): a calm pace for a review page. */
const POLL_INTERVAL_MS = 10_000;

/**
 * Keeps the proposal page current while it is open: when another person submits, reviews or
 * publishes, the server-rendered panels refresh. Editing itself is live through the editor.
 */
export function LiveStatus({ proposalId, fingerprint }: { proposalId: string; fingerprint: string }) {
  const router = useRouter();
  const current = useRef(fingerprint);
  current.current = fingerprint;
  useEffect(() => {
    const poll = async () => {
      if (document.hidden) return;
      try {
        const response = await fetch(`/api/v1/proposals/${proposalId}`, { cache: "no-store" });
        if (!response.ok) return;
        const view = (await response.json()) as { status: string; reviews: unknown[]; comments: unknown[]; conflicts: unknown[] };
        const next = `${view.status}|${view.reviews.length}|${view.comments.length}|${view.conflicts.length}`;
        if (next !== current.current) router.refresh();
      } catch {
        // Offline: the editor shows its own connection status.
      }
    };
    const timer = window.setInterval(() => void poll(), POLL_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [proposalId, router]);
  return null;
}
