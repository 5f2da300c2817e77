import { isIpAddress } from "../domain/client-address";

/**
 * The client's address as the web app sees it. `proxy.ts` rewrites `X-Forwarded-For` on every
 * page, `/api/auth/*` and `/api/v1/search` request before anything reads it: it removes what the
 * client sent and either sets the address the trusted proxies reported (`TRUST_PROXY`) or leaves
 * the header empty, which makes Next fill it with the socket's address. Only those paths may call
 * this; elsewhere the header is still whatever the client wrote.
 */
export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";
/** Used when no address is known (a test, a misconfigured proxy): all such requests share one key. */
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = Headers | Record<string, unknown> | undefined;

function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

export function requestClientAddress(headers: HeaderSource): string {
  const first = headerValue(headers, CLIENT_ADDRESS_HEADER)?.split(",")[0]?.trim() ?? "";
  return isIpAddress(first) ? first.toLowerCase() : UNKNOWN_ADDRESS;
}
