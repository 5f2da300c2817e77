/**
 * The short-lived collaboration token, fetched from the web app (never stored anywhere but
 * memory) and fetched again shortly before it expires, so that a reconnection after a
 * network blip never presents an expired token.
 */
export interface CollabAccess {
  url: string;
  document: string;
  token: string;
  expiresAt: string;
  access?: "write" | "read";
}

/** Fetch a new token this long before the current one expires (tokens live five minutes). */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

export class CollabAccessError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "CollabAccessError";
    this.status = status;
  }
}

function isCollabAccess(value: unknown): value is CollabAccess {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return ["url", "document", "token", "expiresAt"].every((key) => typeof record[key] === "string");
}

export async function fetchCollabAccess(tokenUrl: string, fetcher: typeof fetch = fetch): Promise<CollabAccess> {
  const response = await fetcher(tokenUrl, { cache: "no-store", credentials: "same-origin", headers: { accept: "application/json" } });
  if (!response.ok) throw new CollabAccessError(response.status, `token request failed with ${response.status}`);
  const body: unknown = await response.json();
  if (!isCollabAccess(body)) throw new CollabAccessError(502, "malformed token response");
  return body;
}

/** Milliseconds until the token should be replaced (never negative). */
export function refreshDelay(access: CollabAccess, now: number): number {
  return Math.max(0, Date.parse(access.expiresAt) - TOKEN_REFRESH_MARGIN_MS - now);
}

/**
 * Hands the provider a token that is still valid for a while, fetching a new one only when
 * the current one is close to expiry. Concurrent callers share one request.
 */
export function createTokenSource(tokenUrl: string, initial: CollabAccess, options: { fetcher?: typeof fetch; now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  let current = initial;
  let pending: Promise<CollabAccess> | null = null;

  const renew = (): Promise<CollabAccess> => {
    pending ??= fetchCollabAccess(tokenUrl, options.fetcher).then(
      (access) => {
        current = access;
        pending = null;
        return access;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };

  return {
    current: () => current,
    /** The token to present now. */
    async token(): Promise<string> {
      if (refreshDelay(current, now()) > 0) return current.token;
      return (await renew()).token;
    },
    renew,
  };
}

export type TokenSource = ReturnType<typeof createTokenSource>;
