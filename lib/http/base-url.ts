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
