import type { Db, DbOrTx } from "../db/client";
import { runTransaction } from "../db/transaction";
import { recordAudit } from "../db/audit";
import { failedTargetId, MAX_EMAIL_LENGTH } from "./sign-in";

/**
 * Which local person a single sign-on identity is. An identity provider's `email` claim is not
 * proof of anything unless the provider says it verified it, and an email can later change or be
 * given to someone else; its subject (`sub`) is stable and unique per issuer. So the first sign-in
 * is matched by a verified email to an account the administrator created, and links the account to
 * (issuer, sub); from then on only (issuer, sub) is looked at. A new subject presenting the email
 * of an account already linked to another subject of the same issuer is refused, never re-linked.
 */

/** OpenID Connect limits `sub` to 255 ASCII characters. */
export const MAX_OIDC_SUBJECT_LENGTH = 255;
/** Longer than any real issuer URL; bounds what is stored. */
export const MAX_OIDC_ISSUER_LENGTH = 500;

export type OidcRefusal = "OidcNoEmail" | "OidcEmailNotVerified" | "OidcUnknownUser" | "OidcIdentityConflict";
export type OidcResolution = { ok: true; userId: string; linked: boolean } | { ok: false; error: OidcRefusal };

export interface OidcClaims {
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
}

/** The configured issuer as identities are stored under it: no trailing slash. */
export function normalizeIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, "");
}

async function refuse(db: DbOrTx, error: OidcRefusal, userId: string | null, email: string, issuer: string): Promise<OidcResolution> {
  await recordAudit(db, {
    actorId: userId,
    action: "auth.sign_in_failed",
    targetType: "user",
    targetId: failedTargetId(userId, email),
    data: { method: "oidc", reason: error, issuer: issuer.slice(0, MAX_OIDC_ISSUER_LENGTH) },
  });
  return { ok: false, error };
}

export async function resolveOidcUser(db: Db, input: { issuer: string; claims: OidcClaims }): Promise<OidcResolution> {
  const issuer = normalizeIssuer(input.issuer);
  const subject = typeof input.claims.sub === "string" ? input.claims.sub : "";
  const email = typeof input.claims.email === "string" ? input.claims.email.trim().toLowerCase() : "";
  if (!subject || subject.length > MAX_OIDC_SUBJECT_LENGTH || issuer.length > MAX_OIDC_ISSUER_LENGTH) {
    return refuse(db, "OidcUnknownUser", null, email.slice(0, MAX_EMAIL_LENGTH), issuer);
  }

  const linked = await db.externalIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, include: { user: true } });
  if (linked) {
    if (!linked.user.active) return refuse(db, "OidcUnknownUser", linked.userId, email, issuer);
    return { ok: true, userId: linked.userId, linked: false };
  }

  if (!email || email.length > MAX_EMAIL_LENGTH) return refuse(db, "OidcNoEmail", null, email.slice(0, MAX_EMAIL_LENGTH), issuer);
  // Only the boolean true: a provider that does not say, or says "true" as text, has not verified it.
  if (input.claims.email_verified !== true) return refuse(db, "OidcEmailNotVerified", null, email, issuer);
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !user.active) return refuse(db, "OidcUnknownUser", user?.id ?? null, email, issuer);

  return runTransaction<OidcResolution>(db, async (tx) => {
    const existing = await tx.externalIdentity.findUnique({ where: { userId_issuer: { userId: user.id, issuer } } });
    if (existing) {
      if (existing.subject === subject) return { ok: true, userId: user.id, linked: false };
      return refuse(tx, "OidcIdentityConflict", user.id, email, issuer);
    }
    await tx.externalIdentity.create({ data: { issuer, subject, userId: user.id, email } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.identity_linked",
      targetType: "user",
      targetId: user.id,
      data: { issuer, subject, email },
    });
    return { ok: true, userId: user.id, linked: true };
  });
}

/** The person an already linked identity belongs to (the session callback after `resolveOidcUser`). */
export async function linkedUserId(db: DbOrTx, issuer: string, subject: string): Promise<string | null> {
  const link = await db.externalIdentity.findUnique({ where: { issuer_subject: { issuer: normalizeIssuer(issuer), subject } } });
  return link?.userId ?? null;
}
