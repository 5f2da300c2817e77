/**
 * How and when email goes out: a person's choice of delivery, the daily digest's boundary, and
 * the back-off between attempts when the mail server refuses or cannot be reached. Pure
 * functions of the time they are given, so the worker and the tests share one clock.
 */
export const EMAIL_DELIVERIES = ["IMMEDIATE", "DAILY", "NONE"] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

export function isEmailDelivery(value: string): value is EmailDelivery {
  return (EMAIL_DELIVERIES as readonly string[]).includes(value);
}

/**
 * How long an unconfirmed email subscription (double opt-in) waits for its confirmation before it
 * is removed: a weekend's worth of not reading email, and no longer holding a stranger's address.
 */
export const CONFIRMATION_TTL_HOURS = 48;

/** The moment before which an unconfirmed subscription asked for has expired. */
export function confirmationCutoff(now: Date): Date {
  return new Date(now.getTime() - CONFIRMATION_TTL_HOURS * 3_600_000);
}

/** Vietnam keeps UTC+7 all year (no daylight saving), so the digest hour is a fixed UTC instant. */
const VIETNAM_UTC_OFFSET_HOURS = 7;
/** The daily digest goes out at 07:00 in Vietnam: before the working day, about the day before. */
export const DIGEST_HOUR_LOCAL = 7;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The latest digest time at or before `now`. Notifications held before it belong to the digest
 * sent at that time; later ones wait for the next.
 */
export function latestDigestTime(now: Date): Date {
  const offsetMs = (DIGEST_HOUR_LOCAL - VIETNAM_UTC_OFFSET_HOURS) * HOUR_MS;
  return new Date(Math.floor((now.getTime() - offsetMs) / DAY_MS) * DAY_MS + offsetMs);
}

/** First pause after a failed attempt: a restarting mail server is usually back within a minute. */
export const FIRST_RETRY_DELAY_MS = 60_000;
/** Pauses double up to this, so a long outage is tried a few times an hour, not hammered. */
export const MAX_RETRY_DELAY_MS = 30 * 60_000;
/** Attempts before an email is marked failed: with the delays above, about six hours of trying. */
export const MAX_DELIVERY_ATTEMPTS = 16;

/** The pause before the next attempt, after `attempts` attempts have failed. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}
