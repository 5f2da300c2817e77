import { grantAppRole, migrationDatabaseUrl } from "../db/app-role";
import { requireOption, UsageError, type Command } from "./commands";
import { cliText } from "./text";

/** `db:grant-app-role`: gives the product's PostgreSQL role row access and nothing else (run with the owner's URL). */
export const grantAppRoleCommand: Command = {
  name: "db:grant-app-role",
  words: "grantAppRole",
  options: { role: "string" },
  async run(args) {
    const url = migrationDatabaseUrl();
    if (!url || !/^postgres(?:ql)?:\/\//.test(url)) throw new UsageError(cliText().db.needsOwnerUrl);
    const role = requireOption(args, "role");
    await grantAppRole(url, role);
    console.log(cliText().db.granted(role));
  },
};
