/**
 * What the collaboration server knows about a connection once it is authenticated. Every
 * extension reads the user from here, never from what the client says about itself.
 */
export interface CollabUser {
  id: string;
  name: string;
}

export interface CollabContext {
  user: CollabUser;
  access: "write" | "read";
  proposalId: string;
  sectionId: string;
}

/** Hocuspocus hands hooks an untyped context; this reads ours back, or null before authentication. */
export function collabUserOf(context: unknown): CollabUser | null {
  if (typeof context !== "object" || context === null || !("user" in context)) return null;
  const user: unknown = context.user;
  if (typeof user !== "object" || user === null || !("id" in user) || !("name" in user)) return null;
  if (typeof user.id !== "string" || typeof user.name !== "string") return null;
  return { id: user.id, name: user.name };
}
