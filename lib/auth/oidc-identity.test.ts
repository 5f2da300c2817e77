import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing/databases";
import { resolveOidcUser } from "./oidc-identity";
import { authOptions } from "./options";

const engines = await availableEngines();
const ISSUER = "https://sso.example/realms/gov";

describe.each(engines)("single sign-on identities on %s (issue item 8)", (engine) => {
  let database: TestDatabase;
  let ids: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { seed: true });
    const users = await database.db.user.findMany({ select: { id: true, email: true } });
    ids = Object.fromEntries(users.map((user) => [user.email, user.id]));
  });
  afterAll(async () => {
    await database.drop();
  });

  const links = (userId: string) => database.db.externalIdentity.findMany({ where: { userId } });

  it("refuses a first match on an email the provider did not verify", async () => {
    for (const email_verified of [false, undefined, "true", 1]) {
      const outcome = await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "attacker-1", email: "admin@camnang.gov.vn", email_verified } });
      expect(outcome).toEqual({ ok: false, error: "OidcEmailNotVerified" });
    }
    expect(await links(ids["admin@camnang.gov.vn"])).toEqual([]);
  });

  it("links a verified first match by (issuer, sub), audits it, then matches by sub alone", async () => {
    const first = await resolveOidcUser(database.db, { issuer: `${ISSUER}/`, claims: { sub: "lan-sub", email: "LAN@mof.gov.vn", email_verified: true } });
    expect(first).toEqual({ ok: true, userId: ids["lan@mof.gov.vn"], linked: true });
    expect(await links(ids["lan@mof.gov.vn"])).toMatchObject([{ issuer: ISSUER, subject: "lan-sub", email: "lan@mof.gov.vn" }]);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "auth.identity_linked", targetId: ids["lan@mof.gov.vn"] } });
    expect(JSON.parse(audit.data)).toEqual({ issuer: ISSUER, subject: "lan-sub", email: "lan@mof.gov.vn" });

    // The provider's email changed (even to another local person's): the subject decides.
    const moved = await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "lan-sub", email: "hoa@mof.gov.vn", email_verified: true } });
    expect(moved).toEqual({ ok: true, userId: ids["lan@mof.gov.vn"], linked: false });
    const unverified = await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "lan-sub" } });
    expect(unverified).toEqual({ ok: true, userId: ids["lan@mof.gov.vn"], linked: false });
  });

  it("never re-links an account to a new subject that presents its email", async () => {
    await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "minh-sub", email: "minh@mic.gov.vn", email_verified: true } });
    const takeover = await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "new-sub", email: "minh@mic.gov.vn", email_verified: true } });
    expect(takeover).toEqual({ ok: false, error: "OidcIdentityConflict" });
    expect((await links(ids["minh@mic.gov.vn"])).map((link) => link.subject)).toEqual(["minh-sub"]);
    const refused = await database.db.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in_failed", targetId: ids["minh@mic.gov.vn"] }, orderBy: { id: "desc" } });
    expect(JSON.parse(refused.data)).toMatchObject({ method: "oidc", reason: "OidcIdentityConflict" });
  });

  it("links each issuer separately and refuses unknown people, oversized subjects and deactivated accounts", async () => {
    expect(await resolveOidcUser(database.db, { issuer: "https://other.example", claims: { sub: "minh-other", email: "minh@mic.gov.vn", email_verified: true } })).toMatchObject({ ok: true, linked: true });
    expect(await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "x", email: "nobody@example.vn", email_verified: true } })).toEqual({ ok: false, error: "OidcUnknownUser" });
    expect(await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "y", email_verified: true } })).toEqual({ ok: false, error: "OidcNoEmail" });
    expect(await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "s".repeat(256), email: "thu@moha.gov.vn", email_verified: true } })).toEqual({ ok: false, error: "OidcUnknownUser" });
    await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "tuan-sub", email: "tuan@mic.gov.vn", email_verified: true } });
    await database.db.user.update({ where: { id: ids["tuan@mic.gov.vn"] }, data: { active: false } });
    expect(await resolveOidcUser(database.db, { issuer: ISSUER, claims: { sub: "tuan-sub", email: "tuan@mic.gov.vn", email_verified: true } })).toEqual({ ok: false, error: "OidcUnknownUser" });
  });

  it("is what next-auth's callbacks use: the session is the linked person's", async () => {
    const saved = { issuer: process.env.OIDC_ISSUER, id: process.env.OIDC_CLIENT_ID, secret: process.env.OIDC_CLIENT_SECRET };
    Object.assign(process.env, { OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "camnang", OIDC_CLIENT_SECRET: "s3cret" });
    try {
      const account: Account = { provider: "oidc", type: "oauth", providerAccountId: "khoa-sub" };
      const user: User = { id: "khoa-sub", email: "khoa@mof.gov.vn", name: "Khoa" };
      const signIn = authOptions.callbacks!.signIn!;
      const unverified: Profile & { email_verified: boolean } = { sub: "khoa-sub", email: "khoa@mof.gov.vn", email_verified: false };
      const verified: Profile & { email_verified: boolean } = { ...unverified, email_verified: true };
      expect(await signIn({ user, account, profile: unverified })).toBe("/dang-nhap?error=OidcEmailNotVerified");
      expect(await signIn({ user, account, profile: verified })).toBe(true);
      const token = (await authOptions.callbacks!.jwt!({ token: {} as JWT, user, account, trigger: "signIn" })) as JWT;
      expect(token.uid).toBe(ids["khoa@mof.gov.vn"]);
    } finally {
      for (const [name, value] of [["OIDC_ISSUER", saved.issuer], ["OIDC_CLIENT_ID", saved.id], ["OIDC_CLIENT_SECRET", saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
