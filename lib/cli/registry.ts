import type { Command } from "./commands";
import { tokenCreateCommand, tokenRevokeCommand, userCreateCommand } from "./user-commands";
import { backupCommand, restoreCommand } from "./backup-commands";
import { HISTORY_COMMANDS } from "./history-commands";
import { LOG_COMMANDS } from "./log-commands";
import { KEY_COMMANDS } from "./key-commands";
import { grantAppRoleCommand } from "./db-commands";
import { mirrorCommand } from "./mirror-command";
import type { CliMessages } from "./text";

/** Every command of `handbook`; add new ones here, with their words in the catalog's `cli.commands`. */
export const COMMANDS: Command[] = [userCreateCommand, tokenCreateCommand, tokenRevokeCommand, ...HISTORY_COMMANDS, ...LOG_COMMANDS, backupCommand, restoreCommand, ...KEY_COMMANDS, grantAppRoleCommand, mirrorCommand];

/** Width of the command-name column in the help. */
const HELP_NAME_COLUMN = 14;

/** `handbook help`: every command with its summary and usage, in the catalog's words. */
export function help(t: CliMessages): string {
  return [t.helpTitle, "", ...COMMANDS.map((command) => `  ${command.name.padEnd(HELP_NAME_COLUMN)} ${t.commands[command.words].summary}\n      ${t.commands[command.words].usage}`)].join("\n");
}
