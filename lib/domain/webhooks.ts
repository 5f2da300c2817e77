import { createHmac, randomBytes } from "node:crypto";
import ipaddr from "ipaddr.js";

/**
 * Webhooks as the Standard Webhooks specification (standardwebhooks.com) has them: every delivery
 * carries `webhook-id` (the message's id, the same on every retry, so a receiver can drop
 * duplicates), `webhook-timestamp` (seconds since the epoch, of this attempt) and
 * `webhook-signature` (`v1,` + base64 of HMAC-SHA256 over `id.timestamp.body`, keyed with the
 * secret's bytes). Also here: which events exist, the retry schedule, and which network addresses
 * a delivery may reach. Pure functions; the queue and the network are in lib/services/webhooks.
 */

export const WEBHOOK_EVENTS = ["version.published", "proposal.submitted", "proposal.reviewed", "consultation.opened"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** The specification asks for 24 to 64 random bytes; we make 32 (the HMAC-SHA256 block's half). */
export const WEBHOOK_SECRET_BYTES = 32;
export const MIN_WEBHOOK_SECRET_BYTES = 24;
export const MAX_WEBHOOK_SECRET_BYTES = 64;

/** A new secret in the specification's format: `whsec_` and base64 of random bytes. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(WEBHOOK_SECRET_BYTES).toString("base64");
}

/** The key bytes of a `whsec_…` secret, or null when it is not one (wrong prefix, not base64, too short or long). */
export function webhookSecretKey(secret: string): Buffer | null {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return null;
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return null;
  const key = Buffer.from(encoded, "base64");
  if (key.length < MIN_WEBHOOK_SECRET_BYTES || key.length > MAX_WEBHOOK_SECRET_BYTES) return null;
  return key;
}

/** The `webhook-signature` header's value for one attempt: `v1,<base64 HMAC-SHA256 of id.timestamp.body>`. */
export function signWebhook(input: { secret: string; id: string; timestampSeconds: number; body: string }): string {
  const key = webhookSecretKey(input.secret);
  if (!key) throw new Error("not a whsec_ secret");
  const mac = createHmac("sha256", key).update(`${input.id}.${input.timestampSeconds}.${input.body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers of one attempt, with the body's type. */
export function webhookHeaders(input: { secret: string; id: string; timestampSeconds: number; body: string }): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": input.id,
    "webhook-timestamp": String(input.timestampSeconds),
    "webhook-signature": signWebhook(input),
  };
}

/** The body every receiver gets: the specification's recommended envelope. */
export function webhookBody(input: { event: WebhookEvent; occurredAt: Date; data: unknown }): string {
  return JSON.stringify({ type: input.event, timestamp: input.occurredAt.toISOString(), data: input.data });
}

/**
 * Pauses after each failed attempt (the schedule the specification's reference service uses):
 * a receiver that blinked gets the message within seconds, one being redeployed within minutes,
 * one down for a day still gets it, and nobody is hammered. After the last pause's attempt fails
 * the delivery is marked failed (an admin can replay it).
 */
export const WEBHOOK_RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;
/** The first attempt and one after each pause. */
export const MAX_WEBHOOK_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** When the next attempt is due after `attempts` attempts failed, or null when there is none left. */
export function nextWebhookAttempt(attempts: number, failedAt: Date): Date | null {
  if (attempts < 1 || attempts >= MAX_WEBHOOK_ATTEMPTS) return null;
  return new Date(failedAt.getTime() + WEBHOOK_RETRY_DELAYS_MS[attempts - 1]!);
}

/** Whether an HTTP status counts as received (any 2xx); anything else, or no answer, is retried. */
export function isWebhookSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export type AddressClass = "public" | "private";

/**
 * Whether an IP address is on the public internet. ipaddr.js names every special-purpose range
 * of the IANA registries (loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast, reserved, documentation, the unspecified address...); only "unicast" is left for
 * public addresses. An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as IPv4, and the
 * translation and tunnelling ranges (6to4, Teredo, NAT64) count as private: they can carry a
 * private IPv4 address inside. Anything that is not an address at all is private too.
 */
export function classifyAddress(address: string): AddressClass {
  if (!ipaddr.isValid(address)) return "private";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast" ? "public" : "private";
}

/** Longest endpoint URL: far beyond any real receiver's, a bound on what is stored and logged. */
export const MAX_WEBHOOK_URL_LENGTH = 2_000;

export type WebhookUrlProblem = "invalid" | "scheme" | "credentials" | "tooLong";

/** An endpoint's URL: http or https, absolute, without user and password (secrets go in the signing secret). */
export function checkWebhookUrl(raw: string): { ok: true; url: URL } | { ok: false; problem: WebhookUrlProblem } {
  const text = raw.trim();
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, problem: "tooLong" };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: "invalid" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, problem: "scheme" };
  if (url.username || url.password) return { ok: false, problem: "credentials" };
  if (!url.hostname) return { ok: false, problem: "invalid" };
  return { ok: true, url };
}

/** The host of a URL as an address when it is one (`[::1]` → `::1`), else null (a name to resolve). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : null;
}
