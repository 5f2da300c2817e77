import { forwardedClientAddress } from "../domain/client-address";

/** Headers a client may write to pose as another address; only the proxy sets them, from trusted data. */
const SPOOFABLE_ADDRESS_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded"];

/**
 * Rewrites a request's address headers before anything reads them (proxy.ts): what the client
 * sent is dropped; the address reported by the trusted proxies, if any, becomes the only
 * `X-Forwarded-For` entry; with no trusted proxy the header is left empty and Next fills it with
 * the socket's address. lib/auth/request-address.ts reads the result.
 */
export function normalizeAddressHeaders(headers: Headers, trustedHops: number): void {
  const reported = forwardedClientAddress(headers.get("x-forwarded-for"), trustedHops);
  for (const name of SPOOFABLE_ADDRESS_HEADERS) headers.delete(name);
  if (reported) headers.set("x-forwarded-for", reported);
}
