"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { CollabAccessError, createTokenSource, fetchCollabAccess, refreshDelay, type TokenSource } from "./collab-access";
import { INITIAL_SESSION_STATE, type SessionState } from "./sync-status";

export interface CollabSession {
  doc: Y.Doc;
  provider: HocuspocusProvider;
}

/** After a failed token refresh (offline, server restarting), try again this soon. */
const TOKEN_RETRY_MS = 15_000;

/** Expired or stale tokens are renewed and retried this many times before giving up. */
const MAX_TOKEN_RETRIES = 2;

/** Refusals that a fresh token can cure; any other refusal is final. */
const TOKEN_REASONS = new Set(["token-expired", "invalid-token", "wrong-document"]);
const DENIED_REASONS = new Set(["forbidden", "not-found", "unknown-user"]);

/** The web app answers these when the person may not open the draft. */
const DENIED_STATUSES = new Set([401, 403, 404]);

/**
 * Opens one section's live document: fetches a token from the web app, then creates the Y.Doc
 * and the Hocuspocus provider. Both are created in an effect, never during render: a provider
 * made while rendering on the server would connect from the Next server itself.
 */
export function useCollabSession(options: { tokenUrl: string; editable: boolean }): { session: CollabSession | null; state: SessionState } {
  const { tokenUrl, editable } = options;
  const [session, setSession] = useState<CollabSession | null>(null);
  const [state, setState] = useState<SessionState>(INITIAL_SESSION_STATE);

  useEffect(() => {
    let disposed = false;
    let provider: HocuspocusProvider | null = null;
    let doc: Y.Doc | null = null;
    let tokens: TokenSource | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let tokenRetries = 0;
    const update = (patch: Partial<SessionState>) => {
      if (!disposed) setState((previous) => ({ ...previous, ...patch }));
    };

    const refresh = async () => {
      if (disposed || !tokens) return;
      try {
        await tokens.renew();
        // The server decides again with the new token (a revoked co-author drops to read-only).
        await provider?.sendToken();
        scheduleRefresh(refreshDelay(tokens.current(), Date.now()));
      } catch {
        scheduleRefresh(TOKEN_RETRY_MS);
      }
    };
    const scheduleRefresh = (delay: number) => {
      refreshTimer = setTimeout(() => void refresh(), delay);
    };

    const recoverFromRefusal = async (reason: string) => {
      if (DENIED_REASONS.has(reason)) return update({ phase: "denied" });
      if (!TOKEN_REASONS.has(reason) || tokenRetries >= MAX_TOKEN_RETRIES || !tokens || !provider) return update({ phase: "failed" });
      tokenRetries += 1;
      try {
        await tokens.renew();
      } catch (error) {
        return update({ phase: error instanceof CollabAccessError && DENIED_STATUSES.has(error.status) ? "denied" : "failed" });
      }
      // A new socket authenticates and syncs from the start with the fresh token.
      provider.disconnect();
      void provider.connect();
    };

    const open = async () => {
      let access;
      try {
        access = await fetchCollabAccess(tokenUrl);
      } catch (error) {
        update({ phase: error instanceof CollabAccessError && DENIED_STATUSES.has(error.status) ? "denied" : "failed" });
        return;
      }
      if (disposed) return;
      const source = createTokenSource(tokenUrl, access);
      tokens = source;
      doc = new Y.Doc();
      // Read from the provider on every event rather than from the event's payload: the provider
      // emits "synced" only on a change to true, so after a silent drop the payload alone goes stale.
      const progress = (): Pick<SessionState, "synced" | "unsyncedChanges"> => ({
        synced: provider?.isSynced ?? false,
        unsyncedChanges: provider?.unsyncedChanges ?? 0,
      });
      provider = new HocuspocusProvider({
        url: access.url,
        name: access.document,
        document: doc,
        token: () => source.token(),
        onStatus: ({ status }) => update({ connection: status, ...(status === "connected" ? { everConnected: true } : {}), ...progress() }),
        onSynced: () => update(progress()),
        onUnsyncedChanges: () => update(progress()),
        onAuthenticated: ({ scope }) => {
          tokenRetries = 0;
          update({ writable: editable && scope !== "readonly", ...progress() });
        },
        onAuthenticationFailed: ({ reason }) => void recoverFromRefusal(reason),
        onClose: ({ event }) => {
          update(progress());
          // The server closed this document (not the socket): a renewed token was refused.
          if (TOKEN_REASONS.has(event.reason) || DENIED_REASONS.has(event.reason)) void recoverFromRefusal(event.reason);
        },
      });
      setSession({ doc, provider });
      update({ phase: "live", writable: editable && access.access !== "read" });
      scheduleRefresh(refreshDelay(access, Date.now()));
    };
    void open();

    return () => {
      disposed = true;
      clearTimeout(refreshTimer);
      provider?.destroy();
      doc?.destroy();
      setSession(null);
      setState(INITIAL_SESSION_STATE);
    };
  }, [tokenUrl, editable]);

  return { session, state };
}
