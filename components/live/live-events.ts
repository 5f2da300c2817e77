"use client";

import { useEffect, useRef } from "react";

/** What /api/live sends (lib/services/live/follow-live.ts LiveMessage). */
export type LiveMessage = { type: "proposal"; change: string } | { type: "notifications"; unread: number };

function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== "string") return null;
  try {
    const value = JSON.parse(data) as Partial<{ type: unknown; change: unknown; unread: unknown }>;
    if (value.type === "proposal" && typeof value.change === "string") return { type: "proposal", change: value.change };
    if (value.type === "notifications" && typeof value.unread === "number" && Number.isInteger(value.unread) && value.unread >= 0) {
      return { type: "notifications", unread: value.unread };
    }
  } catch {
    // Not a message of ours.
  }
  return null;
}

/**
 * Follows /api/live (server-sent events) while the component is mounted. The browser reconnects
 * by itself when the stream drops (an instance restarted, a network change); `onReconnect` runs
 * then, since events sent while it was away are not repeated.
 */
export function useLiveEvents(path: string, onMessage: (message: LiveMessage) => void, onReconnect?: () => void): void {
  const handlers = useRef({ onMessage, onReconnect });
  useEffect(() => {
    handlers.current = { onMessage, onReconnect };
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(path);
    let opened = false;
    source.onopen = () => {
      if (opened) handlers.current.onReconnect?.();
      opened = true;
    };
    source.onmessage = (event: MessageEvent) => {
      const message = parseLiveMessage(event.data);
      if (message) handlers.current.onMessage(message);
    };
    return () => source.close();
  }, [path]);
}
