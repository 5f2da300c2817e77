import { SignJWT, jwtVerify } from "jose";

/**
 * Signed links in emails, so that confirming or unsubscribing works without signing in and
 * cannot be forged for someone else: the token names what it is for (its audience) and the row
 * it acts on (its subject). Unsubscribe links never expire (an old email must keep working);
 * a confirmation link lives as long as its unconfirmed subscription (CONFIRMATION_TTL_HOURS).
 */
export const MAIL_TOKEN_PURPOSES = {
  /** Confirms an EmailSubscription. */
  confirm: "camnang-mail-confirm",
  /** Removes an EmailSubscription. */
  unsubscribe: "camnang-mail-unsubscribe",
  /** Turns a person's notification emails off. */
  person: "camnang-mail-person",
  /** Confirms a ReaderRegistration: the account is made. */
  register: "camnang-mail-register",
} as const;
export type MailTokenPurpose = keyof typeof MAIL_TOKEN_PURPOSES;

const MAIL_TOKEN_ISSUER = "camnang-mail";
const MAIL_TOKEN_ALGORITHM = "HS256";

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export function signMailToken(purpose: MailTokenPurpose, subject: string, secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: MAIL_TOKEN_ALGORITHM })
    .setIssuer(MAIL_TOKEN_ISSUER)
    .setAudience(MAIL_TOKEN_PURPOSES[purpose])
    .setSubject(subject)
    .sign(key(secret));
}

/** The subject (row id) a valid token of this purpose names, else null (bad signature, other purpose, garbage). */
export async function verifyMailToken(purpose: MailTokenPurpose, token: string, secret: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: [MAIL_TOKEN_ALGORITHM],
      issuer: MAIL_TOKEN_ISSUER,
      audience: MAIL_TOKEN_PURPOSES[purpose],
      requiredClaims: ["sub"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
