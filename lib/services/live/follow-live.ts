import { getDb } from "../../db/client";
import { loadProposal, proposalResource } from "../../db/proposals";
import { personTopic, proposalTopic, type LiveTopic } from "../../domain/live-events";
import { authorize, type Actor } from "../../policies";
import { countUnreadNotifications } from "../notifications/list-notifications";
import { liveEventBus, type LiveEventBus } from "./event-bus";

/** What a signed-in page hears: the proposal it shows changed, or the person's unread count is now this. */
export type LiveMessage = { type: "proposal"; change: string } | { type: "notifications"; unread: number };

export interface LiveFollow {
  /** The unread count when following began, so that a page that reconnects is corrected at once. */
  unread: number;
  stop(): void;
}

/**
 * Follows what a signed-in person's open page shows: their notifications, and the proposal the
 * page is about when it names one (which they must be allowed to read; NOT_FOUND or FORBIDDEN
 * otherwise, before anything is followed). Messages say only that something changed and the
 * unread count, which the person may see anyway; the page then reads itself again through the
 * usual permission checks.
 */
export async function followLive(options: {
  actor: Actor;
  proposalId: string | null;
  onMessage: (message: LiveMessage) => void;
  bus?: LiveEventBus;
}): Promise<LiveFollow> {
  authorize(options.actor, "workspace:enter");
  const db = await getDb();
  const topics: LiveTopic[] = [personTopic(options.actor.id)];
  if (options.proposalId !== null) {
    authorize(options.actor, "proposal:read", proposalResource(await loadProposal(db, options.proposalId)));
    topics.push(proposalTopic(options.proposalId));
  }
  const userId = options.actor.id;
  let stopped = false;
  const stop = await (options.bus ?? liveEventBus()).subscribe(topics, (event) => {
    if (stopped) return;
    if (event.kind === "proposal") {
      options.onMessage({ type: "proposal", change: event.change });
      return;
    }
    countUnreadNotifications({ userId, db }).then(
      (unread) => {
        if (!stopped) options.onMessage({ type: "notifications", unread });
      },
      (error: unknown) => console.error("[live] unread count failed:", error instanceof Error ? error.message : error),
    );
  });
  // Counted after subscribing: a notification arriving in between is in the count or in a message, never lost.
  const unread = await countUnreadNotifications({ userId, db });
  return {
    unread,
    stop: () => {
      stopped = true;
      stop();
    },
  };
}
