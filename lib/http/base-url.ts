/**
 * The site's public origin for absolute links in feeds and exported files: NEXTAUTH_URL
 * (the address the site is configured to be reached at), else the origin of the request.
 */
export function publicBaseUrl(request: Request): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting falls back to the request's own origin.
    }
  }
  return new URL(request.url).origin;
}

/**
 * The site's public origin where no request is at hand (pages' metadata, identifiers): NEXTAUTH_URL,
 * else the local address npm start serves.
 */
export function siteBaseUrl(): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting falls back to the local address.
    }
  }
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}
