import { grantAppRole, migrationDatabaseUrl } from "../db/app-role";
import { requireOption, UsageError, type Command } from "./commands";

/** `db:grant-app-role`: gives the product's PostgreSQL role row access and nothing else (run with the owner's URL). */
export const grantAppRoleCommand: Command = {
  name: "db:grant-app-role",
  summary: "PostgreSQL: let the product's role read and write rows, without DDL or trigger rights (quyền cơ sở dữ liệu)",
  usage: "DATABASE_MIGRATION_URL=postgresql://owner@host/db handbook db:grant-app-role --role handbook_app",
  options: { role: "string" },
  async run(args) {
    const url = migrationDatabaseUrl();
    if (!url || !/^postgres(?:ql)?:\/\//.test(url)) throw new UsageError("set DATABASE_MIGRATION_URL (or DATABASE_URL) to the owner's postgresql:// URL");
    const role = requireOption(args, "role");
    await grantAppRole(url, role);
    console.log(`granted ${role} row access on every table, now and for tables later migrations create`);
  },
};
