import { rateKeyFor, sharedRateLimiters } from "../../auth/rate-limit";
import { isAppError } from "../../errors";

/**
 * How often anyone may ask for a subscription email. Each request sends an email to an address
 * the requester need not own, so requests are counted per address asked for and per client, on
 * the shared rate limiter (lib/auth/rate-limit.ts: `subscriptionPerEmail`, `subscriptionPerClient`).
 *
 * The one place a subscription request is let through or refused, and counted.
 */
export async function allowSubscriptionRequest(request: { email: string; clientAddress: string }): Promise<boolean> {
  const limiters = await sharedRateLimiters();
  try {
    await limiters.consume("subscriptionPerEmail", `email:${request.email}`);
    await limiters.consume("subscriptionPerClient", rateKeyFor(null, request.clientAddress));
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === "RATE_LIMITED") return false;
    throw error;
  }
}
