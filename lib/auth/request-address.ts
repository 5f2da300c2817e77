import { isIpAddress } from "../domain/client-address";

/**
 * The client's address as the web app sees it. `proxy.ts` rewrites `X-Forwarded-For` on every
 * page, `/api/auth/*` and `/api/v1/search` request before anything reads it: it removes what the
 * client sent and either sets the address the trusted proxies reported (`TRUST_PROXY`) or leaves
 * the header empty, which makes Next fill it with the socket's address. Only those paths may call
 * this; elsewhere the header is still whatever the client wrote.
 */
export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";
/**
 * Used when no trustworthy address is known: requests the proxy did not see, a test. All such
 * requests share this one key, so a client cannot escape the limits by skipping the proxy.
 */
export const UNKNOWN_ADDRESS = "unknown";
/**
 * The largest body proxy.ts sees: its matcher skips requests with a chunked body or a
 * Content-Length of six digits or more (see its `missing` conditions), and their address
 * headers are then still the client's own.
 */
export const PROXIED_BODY_MAX_BYTES = 99_999;

type HeaderSource = Headers | Record<string, unknown> | undefined;

function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

/** Whether proxy.ts ran for a request with these headers (and so rewrote its address headers). */
export function passedThroughProxy(headers: HeaderSource): boolean {
  if (headerValue(headers, "transfer-encoding") !== null) return false;
  const length = headerValue(headers, "content-length");
  return length === null || (/^[0-9]{1,5}$/.test(length) && Number(length) <= PROXIED_BODY_MAX_BYTES);
}

export function requestClientAddress(headers: HeaderSource): string {
  if (!passedThroughProxy(headers)) return UNKNOWN_ADDRESS;
  const first = headerValue(headers, CLIENT_ADDRESS_HEADER)?.split(",")[0]?.trim() ?? "";
  return isIpAddress(first) ? first.toLowerCase() : UNKNOWN_ADDRESS;
}
