import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers/index";
import { getDb } from "../db/client";
import { recordAudit } from "../services/audit";
import { verifyCredentials } from "./sign-in";

/**
 * Sessions are JWTs holding only the user id. Every page, route and action loads the user from
 * the database (lib/auth/actor.ts), so a role change or deactivation applies on the next request
 * even though a JWT cannot be revoked.
 */
/** A working day: long enough not to interrupt review, short enough to bound a stolen cookie. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded.length > 0) return forwarded.split(",")[0].trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real.length > 0 ? real : "local";
}

function oidcProvider(): Provider | null {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME ?? "Đăng nhập một lần (SSO)",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId,
    clientSecret,
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
    return verifyCredentials({
      email: String(input?.email ?? ""),
      password: String(input?.password ?? ""),
      address: clientAddress(request?.headers as Record<string, unknown> | undefined),
    });
  },
});

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/dang-nhap", error: "/dang-nhap" },
  providers: [credentials, ...[oidcProvider()].filter((provider): provider is Provider => provider !== null)],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      // Single sign-on admits only people the administrator created, matched by email.
      if (!user.email) return "/dang-nhap?error=OidcNoEmail";
      const db = await getDb();
      const known = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
      if (!known || !known.active) return "/dang-nhap?error=OidcUnknownUser";
      await recordAudit(db, { actorId: known.id, action: "auth.sign_in", targetType: "user", targetId: known.id, data: { method: "oidc" } });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc" && user.email) {
        const db = await getDb();
        const known = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
        if (known) token.uid = known.id;
        return token;
      }
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user = { ...session.user, id: token.uid };
      return session;
    },
  },
};
