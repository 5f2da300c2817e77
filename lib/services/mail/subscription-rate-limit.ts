import { FailureLimiter } from "../../auth/rate-limit";

/**
 * How often anyone may ask for a subscription email. Each request sends an email to an address
 * the requester need not own, so requests are counted per address asked for and per client.
 * Kept in the web process's memory, like the sign-in counters: a restart forgetting them only
 * lets a few more requests through.
 */
export const SUBSCRIPTION_WINDOW_MS = 60 * 60 * 1000;
/** Requests for one email address per window: a retry or two after a typo, not a mail bomb. */
export const MAX_SUBSCRIPTION_REQUESTS_PER_EMAIL = 3;
/** Requests from one client address per window: an office behind one NAT can still subscribe its staff. */
export const MAX_SUBSCRIPTION_REQUESTS_PER_CLIENT = 30;

const limiter = new FailureLimiter(SUBSCRIPTION_WINDOW_MS);

/**
 * The one place a subscription request is let through or refused, and counted when let
 * through. A shared rate limiter can replace the body of this function without its callers changing.
 */
export function allowSubscriptionRequest(request: { email: string; clientAddress: string }): boolean {
  const emailKey = `email:${request.email}`;
  const clientKey = `client:${request.clientAddress}`;
  if (limiter.count(emailKey) >= MAX_SUBSCRIPTION_REQUESTS_PER_EMAIL || limiter.count(clientKey) >= MAX_SUBSCRIPTION_REQUESTS_PER_CLIENT) return false;
  limiter.record(emailKey);
  limiter.record(clientKey);
  return true;
}
