import type { Extension } from "@hocuspocus/server";
import { collabUserOf, type CollabUser } from "../context";

/** Carets take the color the client chose when it is a plain hex color, nothing else. */
const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Colors given to users whose client chose none: readable on white, distinct from each other. */
const FALLBACK_COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#c2410c", "#0e7490", "#be185d", "#4d7c0f"] as const;

function fallbackColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return FALLBACK_COLORS[hash % FALLBACK_COLORS.length];
}

function identity(user: CollabUser, claimed: unknown): { id: string; name: string; color: string } {
  const color = typeof claimed === "object" && claimed !== null && "color" in claimed ? claimed.color : undefined;
  return { id: user.id, name: user.name, color: typeof color === "string" && SAFE_COLOR.test(color) ? color : fallbackColor(user.id) };
}

/**
 * Awareness (carets, names) is written by clients, so a client could show its caret under
 * a colleague's name or overwrite another connection's presence. Before Hocuspocus applies
 * an awareness update, every state in it gets the authenticated user as its `user`, and
 * states for client ids that belong to another connection are dropped.
 */
export function awarenessIdentityExtension(): Extension {
  return {
    extensionName: "awareness-identity",

    async beforeHandleAwareness({ connection, context, document, states }) {
      // Updates made by the server itself carry no connection and are trusted.
      if (!connection) return;
      const user = collabUserOf(context);
      const othersClients = new Set<number>();
      for (const other of document.getConnections()) {
        if (other === connection) continue;
        for (const clientId of document.getClients(other)) othersClients.add(clientId);
      }
      for (const [clientId, state] of states) {
        if (!user || othersClients.has(clientId)) {
          states.delete(clientId);
          continue;
        }
        state.user = identity(user, state.user);
      }
    },
  };
}
