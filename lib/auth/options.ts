import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers/index";
import { getDb } from "../db/client";
import { safeRedirectTarget } from "../domain/safe-redirect";
import { recordAudit } from "../db/audit";
import { linkedUserId, normalizeIssuer, resolveOidcUser, type OidcClaims } from "./oidc-identity";
import { requestClientAddress } from "./request-address";
import { verifyCredentials } from "./sign-in";

/**
 * Sessions are JWTs holding only the user id. Every page, route and action loads the user from
 * the database (lib/auth/actor.ts), so a role change or deactivation applies on the next request
 * even though a JWT cannot be revoked.
 */
/** A working day: long enough not to interrupt review, short enough to bound a stolen cookie. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** Where a sign-in lands when its callback URL is missing or not one of our own paths. */
export const DEFAULT_AFTER_SIGN_IN = "/lam-viec";

function oidcIssuer(): string | null {
  const issuer = process.env.OIDC_ISSUER;
  return issuer && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET ? normalizeIssuer(issuer) : null;
}

function oidcProvider(): Provider | null {
  const issuer = oidcIssuer();
  if (!issuer) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME ?? "Đăng nhập một lần (SSO)",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId: process.env.OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET,
    profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub };
    },
  };
}

const credentials = CredentialsProvider({
  id: "credentials",
  name: "Email",
  credentials: {
    email: { label: "Email", type: "email" },
    password: { label: "Mật khẩu", type: "password" },
  },
  async authorize(input, request) {
    // A SignInError's code becomes next-auth's `?error=`, which the sign-in page turns into words.
    return verifyCredentials({
      email: String(input?.email ?? ""),
      password: String(input?.password ?? ""),
      address: requestClientAddress(request?.headers as Record<string, unknown> | undefined),
    });
  },
});

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/dang-nhap", error: "/dang-nhap" },
  providers: [credentials, ...[oidcProvider()].filter((provider): provider is Provider => provider !== null)],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const issuer = oidcIssuer();
      if (!issuer) return "/dang-nhap?error=OidcUnknownUser";
      // Single sign-on admits only people the administrator created (lib/auth/oidc-identity.ts).
      const db = await getDb();
      const resolved = await resolveOidcUser(db, { issuer, claims: (profile ?? {}) as OidcClaims });
      if (!resolved.ok) return `/dang-nhap?error=${resolved.error}`;
      await recordAudit(db, { actorId: resolved.userId, action: "auth.sign_in", targetType: "user", targetId: resolved.userId, data: { method: "oidc" } });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc") {
        const issuer = oidcIssuer();
        const db = await getDb();
        const userId = issuer ? await linkedUserId(db, issuer, account.providerAccountId) : null;
        if (userId) {
          token.uid = userId;
          // The session names the person as they are here, not as the provider calls them now (its
          // email may have changed since the link, which is by subject).
          const local = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
          if (local) {
            token.email = local.email;
            token.name = local.name;
          }
        }
        return token;
      }
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user = { ...session.user, id: token.uid };
      return session;
    },
    async redirect({ url, baseUrl }) {
      return new URL(safeRedirectTarget(url, DEFAULT_AFTER_SIGN_IN, baseUrl), baseUrl).toString();
    },
  },
};
