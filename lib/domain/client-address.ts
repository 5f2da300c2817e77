/**
 * Which address a request comes from, for rate limits and the audit log. `X-Forwarded-For` is
 * written by whoever sends the request, so it is believed only as far as the operator says
 * (`TRUST_PROXY`: how many proxies of their own stand in front of the web app). Each proxy
 * appends the address it received the request from, so with N trusted proxies the client is the
 * N-th entry from the right; everything left of it is what the client claimed.
 */

/** More proxies than this in front of one web app is a configuration error, not a deployment. */
export const MAX_TRUSTED_PROXY_HOPS = 5;

/** An IPv4 or IPv6 address as proxies write it (no port, no brackets). */
const ADDRESS_PATTERN = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]{2,39}(?:%[0-9A-Za-z]{1,16})?|[0-9a-fA-F:]{2,29}:[0-9]{1,3}(?:\.[0-9]{1,3}){3})$/;

export function isIpAddress(value: string): boolean {
  return ADDRESS_PATTERN.test(value);
}

/**
 * `TRUST_PROXY`: unset, empty, "0" or "false" trust no proxy (the socket's address is used);
 * a number 1..5 trusts that many. Anything else is refused, so that a typo cannot make the
 * limits trust every client.
 */
export function parseTrustProxy(raw: string | undefined): number {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "" || value === "0" || value === "false") return 0;
  if (!/^[0-9]$/.test(value) || Number(value) > MAX_TRUSTED_PROXY_HOPS) {
    throw new Error(`TRUST_PROXY must be a number of proxies from 0 to ${MAX_TRUSTED_PROXY_HOPS}, not "${raw}"`);
  }
  return Number(value);
}

/**
 * The client's address according to the trusted proxies, or null when none is trusted or the
 * header does not hold a usable address (the socket's address is used then).
 */
export function forwardedClientAddress(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (trustedHops <= 0 || !forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return null;
  // Fewer entries than trusted hops: the leftmost is still the closest thing to the client.
  const candidate = entries[Math.max(0, entries.length - trustedHops)];
  return isIpAddress(candidate) ? candidate.toLowerCase() : null;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  const [body] = address.split("%");
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  return groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group)) ? groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, "")) : null;
}

/**
 * The key an address is counted under. One IPv6 customer usually holds a whole /64, so counting
 * single IPv6 addresses would give every attacker billions of fresh keys; an IPv4 address mapped
 * into IPv6 counts as itself.
 */
export function addressRateKey(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:([0-9]{1,3}(?:\.[0-9]{1,3}){3})$/.exec(lower);
  if (mapped) return mapped[1];
  if (!lower.includes(":")) return lower;
  const groups = ipv6Groups(lower);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : lower.slice(0, 45);
}
