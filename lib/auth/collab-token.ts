import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { requireSecret } from "./secrets";

/**
 * Short-lived tokens for the collaboration server, separate from the session: their own secret,
 * audience and issuer, bound to one document name, so a leaked token opens one draft for a few
 * minutes and nothing else. The session cookie's JWT never reaches JavaScript.
 */
export const COLLAB_TOKEN_AUDIENCE = "camnang-collab";
export const COLLAB_TOKEN_ISSUER = "camnang-web";
/** Long enough to connect and reconnect after a blip; the editor asks for a new one before expiry. */
export const COLLAB_TOKEN_TTL_SECONDS = 5 * 60;
const COLLAB_TOKEN_ALGORITHM = "HS256";

export interface CollabTokenClaims {
  userId: string;
  documentName: string;
  /**
   * The token may only watch: set when it was minted for read access (a reader, or anyone acting
   * through a read-only API token). The collaboration server still decides from the policy and
   * can only narrow further.
   */
  readOnly?: boolean;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function mintCollabToken(
  claims: CollabTokenClaims,
  options: { secret?: string; ttlSeconds?: number; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAtSeconds = issuedAt + (options.ttlSeconds ?? COLLAB_TOKEN_TTL_SECONDS);
  const token = await new SignJWT(claims.readOnly ? { doc: claims.documentName, ro: true } : { doc: claims.documentName })
    .setProtectedHeader({ alg: COLLAB_TOKEN_ALGORITHM, typ: "JWT" })
    .setSubject(claims.userId)
    .setAudience(COLLAB_TOKEN_AUDIENCE)
    .setIssuer(COLLAB_TOKEN_ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .sign(key(options.secret ?? requireSecret("COLLAB_TOKEN_SECRET")));
  return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
}

export type CollabTokenResult =
  | { ok: true; claims: CollabTokenClaims }
  | { ok: false; reason: "expired" | "invalid" | "wrong_document" };

/** Verifies signature (HS256 only: `alg: none` and other algorithms are refused), audience, issuer, expiry and document. */
export async function verifyCollabToken(
  token: string,
  documentName: string,
  options: { secret?: string } = {},
): Promise<CollabTokenResult> {
  try {
    const { payload } = await jwtVerify(token, key(options.secret ?? requireSecret("COLLAB_TOKEN_SECRET")), {
      algorithms: [COLLAB_TOKEN_ALGORITHM],
      audience: COLLAB_TOKEN_AUDIENCE,
      issuer: COLLAB_TOKEN_ISSUER,
      requiredClaims: ["sub", "exp", "doc"],
    });
    if (typeof payload.sub !== "string" || typeof payload.doc !== "string") return { ok: false, reason: "invalid" };
    if (payload.doc !== documentName) return { ok: false, reason: "wrong_document" };
    const claims: CollabTokenClaims = { userId: payload.sub, documentName: payload.doc };
    if (payload.ro === true) claims.readOnly = true;
    return { ok: true, claims };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "expired" };
    return { ok: false, reason: "invalid" };
  }
}
