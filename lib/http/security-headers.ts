/**
 * The Content Security Policy and transport headers of every page, set by `proxy.ts`.
 *
 * Scripts run only with the nonce of their response (`'strict-dynamic'` lets Next's own scripts
 * load the chunks they need), so markup that slips into a page cannot run. Styles keep
 * `'unsafe-inline'`: the editor (ProseMirror, Tiptap's carets) and React set `style` attributes,
 * which nonces cannot cover, and inline styles cannot run code. Connections go only to this site
 * and to the collaboration server's WebSocket origin (`COLLAB_PUBLIC_URL`).
 */

/** 128 bits, as CSP's spec asks of a nonce; base64url so it needs no escaping anywhere in HTML. */
const NONCE_BYTES = 16;
/** One year, the usual HSTS lifetime; no includeSubDomains, which would bind a ministry's other sites. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const DEFAULT_COLLAB_PORT = "3001";

export function createNonce(): string {
  const bytes = new Uint8Array(NONCE_BYTES);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A nonce as createNonce makes them; anything else is not one of ours. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The origin browsers open the collaboration WebSocket on, as a CSP source. Mirrors
 * lib/collab/client.ts `collabPublicUrl()` (npm start always sets COLLAB_PUBLIC_URL).
 */
export function collabConnectSource(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const raw = env.COLLAB_PUBLIC_URL?.trim() || `ws://localhost:${env.COLLAB_PORT?.trim() || DEFAULT_COLLAB_PORT}`;
  try {
    const url = new URL(raw);
    if (!["ws:", "wss:", "http:", "https:"].includes(url.protocol)) return null;
    const scheme = url.protocol === "http:" ? "ws:" : url.protocol === "https:" ? "wss:" : url.protocol;
    return `${scheme}//${url.host}`;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(options: { nonce: string; collabSource: string | null; development: boolean }): string {
  // Development builds evaluate code for hot reloading and React's debugging aids.
  const evalSource = options.development ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${evalSource}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${options.collabSource ? ` ${options.collabSource}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Whether the site is served over HTTPS: its configured public URL says so, or a trusted proxy
 * (TRUST_PROXY > 0) reports that the client connected with HTTPS. A client's own
 * `X-Forwarded-Proto` is not believed.
 */
export function servedOverHttps(options: { publicUrl: string | undefined; forwardedProto: string | null; trustedHops: number }): boolean {
  if (options.publicUrl?.trim().toLowerCase().startsWith("https://")) return true;
  if (options.trustedHops <= 0 || !options.forwardedProto) return false;
  // Each proxy may append its own; the outermost (first) is what the client used.
  return options.forwardedProto.split(",")[0].trim().toLowerCase() === "https";
}

export function hstsValue(): string {
  return `max-age=${HSTS_MAX_AGE_SECONDS}`;
}
