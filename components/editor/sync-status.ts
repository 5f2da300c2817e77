/**
 * What the editor tells its user about their text, derived from the provider's state. Kept
 * free of React and of the provider so that every combination is tested directly.
 */
export type ConnectionState = "connecting" | "connected" | "disconnected";

export interface SessionState {
  /** Fetching the token, or refused by the web app or the collaboration server. */
  phase: "loading" | "live" | "denied" | "failed";
  connection: ConnectionState;
  /** The provider finished its first sync since it last (re)connected. */
  synced: boolean;
  /** Local updates the server has not acknowledged yet. */
  unsyncedChanges: number;
  /** The user has been connected at least once: a later disconnection is "offline", not "connecting". */
  everConnected: boolean;
  /** Whether the user may write (the page's decision and the server's, both). */
  writable: boolean;
}

export type SyncStatus = "connecting" | "saved" | "syncing" | "offline" | "denied" | "failed";

export const INITIAL_SESSION_STATE: SessionState = {
  phase: "loading",
  connection: "connecting",
  synced: false,
  unsyncedChanges: 0,
  everConnected: false,
  writable: false,
};

export function syncStatus(state: SessionState): SyncStatus {
  if (state.phase === "denied" || state.phase === "failed") return state.phase;
  if (state.phase === "loading") return "connecting";
  if (state.connection !== "connected") return state.everConnected ? "offline" : "connecting";
  if (!state.synced) return "syncing";
  // A viewer's editor cannot change the document; nothing of theirs is waiting to be saved.
  if (state.writable && state.unsyncedChanges > 0) return "syncing";
  return "saved";
}

/** Closing the tab now would lose text that only this browser holds. */
export function hasUnsentChanges(state: SessionState): boolean {
  return state.phase === "live" && state.writable && state.unsyncedChanges > 0;
}
