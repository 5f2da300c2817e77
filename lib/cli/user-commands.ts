import { createApiToken, isTokenScope, parseTokenDays, revokeApiToken } from "../auth/api-tokens";
import { getDb } from "../db/client";
import { isRole } from "../domain/roles";
import { createUser } from "../services/admin/create-user";
import { optionalOption, requireOption, UsageError, type Command } from "./commands";
import { cliText } from "./text";

export const userCreateCommand: Command = {
  name: "user:create",
  words: "userCreate",
  options: { email: "string", name: "string", role: "string", org: "string", password: "string" },
  async run(args) {
    const role = requireOption(args, "role").toUpperCase();
    if (!isRole(role)) throw new UsageError(cliText().user.unknownRole(role));
    const password = optionalOption(args, "password") ?? process.env.HANDBOOK_NEW_PASSWORD;
    if (!password) throw new UsageError(cliText().user.missingPassword);
    const user = await createUser({
      actor: null,
      input: { email: requireOption(args, "email"), name: requireOption(args, "name"), role, organizationSlug: optionalOption(args, "org") ?? null, password },
    });
    console.log(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
  },
};

export const tokenCreateCommand: Command = {
  name: "token:create",
  words: "tokenCreate",
  options: { email: "string", name: "string", scope: "string", days: "string" },
  async run(args) {
    const db = await getDb();
    const email = requireOption(args, "email").toLowerCase();
    const user = await db.user.findUnique({ where: { email } });
    if (!user) throw new UsageError(cliText().user.noUser(email));
    // No default scope: a script that needs to write says so, and one that reads gets no more.
    const scope = requireOption(args, "scope");
    if (!isTokenScope(scope)) throw new UsageError(cliText().user.scopeReadOrWrite(scope));
    const days = parseTokenDays(optionalOption(args, "days"));
    const token = await createApiToken(db, { userId: user.id, name: requireOption(args, "name"), scope, days, actorId: user.id });
    console.error(cliText().user.tokenCreated({ prefix: token.prefix, scope: token.scope, expiresAt: token.expiresAt.toISOString() }));
    console.log(token.secret);
  },
};

export const tokenRevokeCommand: Command = {
  name: "token:revoke",
  words: "tokenRevoke",
  options: { id: "string", prefix: "string" },
  async run(args) {
    const tokenId = optionalOption(args, "id");
    const prefix = optionalOption(args, "prefix");
    if (!tokenId === !prefix) throw new UsageError(cliText().user.idOrPrefix);
    const revoked = await revokeApiToken(await getDb(), { tokenId, prefix, actorId: null });
    console.log(JSON.stringify({ id: revoked.id, prefix: revoked.prefix, revoked: true, alreadyRevoked: revoked.alreadyRevoked }));
  },
};
