import { createApiToken } from "../auth/api-tokens";
import { getDb } from "../db/client";
import { isRole } from "../domain/roles";
import { createUser } from "../services/admin/create-user";
import { optionalOption, requireOption, UsageError, type Command } from "./commands";

export const userCreateCommand: Command = {
  name: "user:create",
  summary: "Create a person (tạo người dùng)",
  usage: "handbook user:create --email a@b.vn --name \"Họ Tên\" --role CONTRIBUTOR|REVIEWER|ADMIN|READER [--org bo-tai-chinh] --password ...",
  async run(args) {
    const role = requireOption(args, "role").toUpperCase();
    if (!isRole(role)) throw new UsageError(`unknown role ${role}`);
    const password = optionalOption(args, "password") ?? process.env.HANDBOOK_NEW_PASSWORD;
    if (!password) throw new UsageError("missing --password (or HANDBOOK_NEW_PASSWORD)");
    const user = await createUser({
      actor: null,
      input: { email: requireOption(args, "email"), name: requireOption(args, "name"), role, organizationSlug: optionalOption(args, "org") ?? null, password },
    });
    console.log(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
  },
};

export const tokenCreateCommand: Command = {
  name: "token:create",
  summary: "Create a personal API token for a person (tạo khóa API)",
  usage: "handbook token:create --email a@b.vn --name \"CI\" [--days 90]",
  async run(args) {
    const db = await getDb();
    const email = requireOption(args, "email").toLowerCase();
    const user = await db.user.findUnique({ where: { email } });
    if (!user) throw new UsageError(`no user ${email}`);
    const days = optionalOption(args, "days");
    const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000) : null;
    const token = await createApiToken(db, { userId: user.id, name: requireOption(args, "name"), expiresAt });
    console.log(token.secret);
  },
};
