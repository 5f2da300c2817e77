import { createHash } from "node:crypto";
import { getDb } from "../db/client";
import { recordAudit } from "../db/audit";
import { DEMO_PASSWORD, demoAccountsAllowed, hashPassword, verifyPassword } from "./password";
import { sharedSignInThrottle, type SignInThrottle } from "./sign-in-throttle";

/**
 * Longest email accepted: RFC 5321 allows a 256-octet path, 254 characters of address without
 * its angle brackets. Checked before anything is stored or counted.
 */
export const MAX_EMAIL_LENGTH = 254;
/**
 * Longest password accepted: long passphrases fit with room to spare, while a megabyte
 * "password" cannot make every attempt hash a megabyte.
 */
export const MAX_PASSWORD_LENGTH = 1_024;

/**
 * What a failed sign-in says, as a code: next-auth passes it to the sign-in page in `?error=`,
 * and the page shows the catalog's words for it (`signInErrors` in lib/i18n/vi/auth.ts and en/auth.ts), never the
 * query string itself.
 */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  rateLimited: "RateLimited",
  demoDisabled: "DemoDisabled",
} as const;

export type SignInErrorCode = (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS];

export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code);
  }
}

/** Whether the typed identifiers are within the named limits. */
export function withinSignInLimits(email: string, password: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && password.length <= MAX_PASSWORD_LENGTH;
}

/**
 * How a failed attempt's target is written to the append-only audit log: the person's id when
 * the account exists, else a digest of what was typed (never the text itself: anonymous input
 * has no place in a permanent record, and a digest still groups repeated attempts).
 */
export function failedTargetId(userId: string | null, email: string): string {
  return userId ?? `email-sha256:${createHash("sha256").update(email, "utf8").digest("hex").slice(0, 32)}`;
}

/** A hash to verify against when the account does not exist, so that both cases take as long. */
let unknownAccountHash: Promise<string> | null = null;

/**
 * Checks an email and password: throttled (lib/auth/sign-in-throttle.ts), every counted failure
 * written to the audit log with bounded fields, demo passwords refused in production. Returns the
 * person on success.
 */
export async function verifyCredentials(input: {
  email: string;
  password: string;
  address: string;
  throttle?: SignInThrottle;
}): Promise<{ id: string; email: string; name: string }> {
  if (!withinSignInLimits(input.email, input.password)) throw new SignInError(SIGN_IN_ERRORS.invalid);
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) throw new SignInError(SIGN_IN_ERRORS.invalid);
  const throttle = input.throttle ?? (await sharedSignInThrottle());
  const decision = await throttle.check(email, input.address);
  if (!decision.allowed) throw new SignInError(SIGN_IN_ERRORS.rateLimited, decision.retryAfterSeconds);

  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const usable = !!user && user.active && !!user.passwordHash;
  unknownAccountHash ??= hashPassword("camnang-unknown-account");
  const valid = (await verifyPassword(usable && user.passwordHash ? user.passwordHash : await unknownAccountHash, input.password)) && usable;
  if (!valid || !user) {
    await throttle.recordFailure(email, input.address);
    await recordAudit(db, {
      actorId: user?.id ?? null,
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: failedTargetId(user?.id ?? null, email),
      data: { method: "credentials", address: input.address },
    });
    throw new SignInError(SIGN_IN_ERRORS.invalid);
  }
  if (input.password === DEMO_PASSWORD && !demoAccountsAllowed()) throw new SignInError(SIGN_IN_ERRORS.demoDisabled);
  // A clean record (the usual case) has nothing to clear: two store writes fewer per sign-in.
  if (decision.pastFailures) await throttle.recordSuccess(email, input.address);
  await recordAudit(db, { actorId: user.id, action: "auth.sign_in", targetType: "user", targetId: user.id, data: { method: "credentials" } });
  return { id: user.id, email: user.email, name: user.name };
}
