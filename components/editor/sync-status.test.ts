import { describe, expect, it } from "vitest";
import { INITIAL_SESSION_STATE, hasUnsentChanges, syncStatus, type SessionState } from "./sync-status";

const live: SessionState = { phase: "live", connection: "connected", synced: true, unsyncedChanges: 0, everConnected: true, writable: true };

describe("the editor's sync status", () => {
  it("says connecting until the first connection, then saved once everything is acknowledged", () => {
    expect(syncStatus(INITIAL_SESSION_STATE)).toBe("connecting");
    expect(syncStatus({ ...live, connection: "connecting", everConnected: false, synced: false })).toBe("connecting");
    expect(syncStatus(live)).toBe("saved");
  });

  it("says syncing while the first sync runs or typed changes wait for the server", () => {
    expect(syncStatus({ ...live, synced: false })).toBe("syncing");
    expect(syncStatus({ ...live, unsyncedChanges: 2 })).toBe("syncing");
  });

  it("says offline after losing a connection it had, and keeps warning about unsent text", () => {
    const offline = { ...live, connection: "disconnected" as const, synced: false, unsyncedChanges: 3 };
    expect(syncStatus(offline)).toBe("offline");
    expect(hasUnsentChanges(offline)).toBe(true);
  });

  it("never reports unsent changes for a viewer, whose editor cannot change the document", () => {
    const viewer = { ...live, writable: false, unsyncedChanges: 1 };
    expect(syncStatus(viewer)).toBe("saved");
    expect(hasUnsentChanges(viewer)).toBe(false);
  });

  it("reports a refusal or a failure as such", () => {
    expect(syncStatus({ ...live, phase: "denied" })).toBe("denied");
    expect(syncStatus({ ...live, phase: "failed" })).toBe("failed");
    expect(hasUnsentChanges({ ...live, phase: "failed", unsyncedChanges: 1 })).toBe(false);
  });
});
