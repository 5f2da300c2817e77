import { disconnectDb } from "../db/client";
import { isAppError } from "../errors";
import { runtimeEnv } from "../ops/runtime-env";
import { parseArgs, UsageError, type Command } from "./commands";
import { tokenCreateCommand, tokenRevokeCommand, userCreateCommand } from "./user-commands";
import { backupCommand, restoreCommand } from "./backup-commands";
import { HISTORY_COMMANDS } from "./history-commands";
import { CommandExit, LOG_COMMANDS } from "./log-commands";
import { KEY_COMMANDS } from "./key-commands";
import { grantAppRoleCommand } from "./db-commands";
import { mirrorCommand } from "./mirror-command";

/** Every command of `handbook`; add new ones here. */
const COMMANDS: Command[] = [userCreateCommand, tokenCreateCommand, tokenRevokeCommand, ...HISTORY_COMMANDS, ...LOG_COMMANDS, backupCommand, restoreCommand, ...KEY_COMMANDS, grantAppRoleCommand, mirrorCommand];

function help(): string {
  return [
    "Cẩm nang mở — operator commands",
    "",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(14)} ${command.summary}\n      ${command.usage}`),
  ].join("\n");
}

async function main(): Promise<number> {
  Object.assign(process.env, runtimeEnv());
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    console.log(help());
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`unknown command: ${name}\n\n${help()}`);
    return 2;
  }
  try {
    await command.run(parseArgs(rest, command.options));
    return 0;
  } catch (error) {
    if (error instanceof CommandExit) {
      console.error(error.message);
      return error.code;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    if (isAppError(error)) {
      console.error(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await disconnectDb();
  }
}

void main().then((code) => process.exit(code));
