/**
 * The one check for every `next` / `callbackUrl` the site honours (the language switch, the
 * sign-in page, next-auth's redirect callback): only a path on this site is followed. Browsers
 * and URL parsers disagree about backslashes, tabs and line breaks inside URLs, and some proxies
 * decode percent-escapes before passing a URL on, so anything that could be read as another
 * host by any of them is refused rather than repaired.
 */

/** Longer than any path of the site with its query; a longer value is not a link we made. */
export const MAX_REDIRECT_LENGTH = 2_048;
/** Percent-decoding rounds checked: double- and triple-encoded payloads are common in the wild. */
const DECODING_ROUNDS = 3;
/** The base a relative path is resolved against when the caller has no origin of its own. */
const PLACEHOLDER_ORIGIN = "http://redirect.invalid";

/**
 * C0 and C1 control characters (tab, CR and LF among them: URL parsers drop them, so `/\t/x`
 * becomes `//x`) and the backslash (read as `/` by browsers).
 */
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\\]/;

function looksSafe(candidate: string): boolean {
  return candidate.startsWith("/") && !candidate.startsWith("//") && !FORBIDDEN_CHARACTERS.test(candidate);
}

/** Safe as it is and after each round of percent-decoding. */
function passesChecks(candidate: string): boolean {
  let decoded = candidate;
  for (let round = 0; round <= DECODING_ROUNDS; round += 1) {
    if (!looksSafe(decoded)) return false;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      // A malformed escape is not something our own links contain.
      return false;
    }
    if (next === decoded) return true;
    decoded = next;
  }
  return looksSafe(decoded);
}

/**
 * The path (with query and fragment) to redirect to, or `fallback` when `value` is not a
 * same-origin relative path. `base` is the site's origin (defaults to a placeholder, which
 * is enough to tell relative from absolute). The resolved path is checked again: dot segments
 * such as `/%2e%2e//host` resolve to `//host`.
 */
export function safeRedirectPath(value: string | null | undefined, fallback: string, base: string = PLACEHOLDER_ORIGIN): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_REDIRECT_LENGTH) return fallback;
  if (!passesChecks(value)) return fallback;
  let origin: string;
  let resolved: URL;
  try {
    origin = new URL(base).origin;
    resolved = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== origin) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return passesChecks(path) ? path : fallback;
}

/**
 * For callbacks that may carry an absolute URL (next-auth sends the page's full address): an
 * absolute URL on `base`'s origin is reduced to its path first, then checked like any path.
 */
export function safeRedirectTarget(value: string | null | undefined, fallback: string, base: string): string {
  if (typeof value === "string" && !value.startsWith("/")) {
    let absolute: URL;
    try {
      absolute = new URL(value);
    } catch {
      return fallback;
    }
    if (absolute.origin !== new URL(base).origin || FORBIDDEN_CHARACTERS.test(value)) return fallback;
    return safeRedirectPath(`${absolute.pathname}${absolute.search}${absolute.hash}`, fallback, base);
  }
  return safeRedirectPath(value, fallback, base);
}
