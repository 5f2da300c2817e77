"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** One suggestion as GET /api/v1/proposals/{id}/suggestions answers it. */
export interface SuggestionItem {
  id: string;
  sectionId: string;
  blockId: string;
  kind: "insert" | "delete" | "replace" | "format";
  status: "PENDING" | "ACCEPTED" | "REJECTED";
  offset: number;
  exact: string;
  prefix: string;
  suffix: string;
  text: string;
  /** A formatting suggestion's mark and whether it is added or removed; null for a change of words. */
  format: { mark: "bold" | "italic"; action: "add" | "remove" } | null;
  /** `id` only for the proposal's authors (who decide per person). */
  author: { id?: string; name: string };
  createdAt: string;
  outdated: boolean;
}

/**
 * How often an open editor asks for suggestions: others' new suggestions and decisions show
 * within this time (the proposal page itself polls every 10 s; suggestions matter while typing).
 */
export const SUGGESTION_POLL_MS = 5_000;

/** The proposal's suggestions, polled while the tab is visible; `refresh` asks at once. */
export function useSuggestions(proposalId: string): { suggestions: SuggestionItem[]; refresh: () => Promise<void> } {
  const [suggestions, setSuggestions] = useState<SuggestionItem[]>([]);
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const ask = ++latest.current;
    try {
      const response = await fetch(`/api/v1/proposals/${encodeURIComponent(proposalId)}/suggestions`, { cache: "no-store", headers: { accept: "application/json" } });
      if (!response.ok) return;
      const body = (await response.json()) as { suggestions: SuggestionItem[] };
      // An older answer arriving after a newer one is dropped.
      if (ask === latest.current) setSuggestions(body.suggestions);
    } catch {
      // Offline: the editor shows its own connection status; the next poll tries again.
    }
  }, [proposalId]);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => {
      if (!document.hidden) void refresh();
    }, SUGGESTION_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  return { suggestions, refresh };
}
