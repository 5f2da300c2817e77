import { disconnectDb } from "../db/client";
import { isAppError, renderErrorMessage } from "../errors";
import { messages } from "../i18n/messages";
import { runtimeEnv } from "../ops/runtime-env";
import { parseArgs, UsageError } from "./commands";
import { CommandExit } from "./log-commands";
import { COMMANDS, help } from "./registry";
import { cliLocale } from "./text";

async function main(): Promise<number> {
  Object.assign(process.env, runtimeEnv());
  const locale = cliLocale();
  const t = messages(locale).cli;
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    console.log(help(t));
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`${t.unknownCommand(name)}\n\n${help(t)}`);
    return 2;
  }
  try {
    await command.run(parseArgs(rest, command.options, t));
    return 0;
  } catch (error) {
    if (error instanceof CommandExit) {
      console.error(error.message);
      return error.code;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${t.usage(t.commands[command.words].usage)}`);
      return 2;
    }
    if (isAppError(error)) {
      console.error(`${error.code}: ${renderErrorMessage(error, locale)}`);
      return 1;
    }
    throw error;
  } finally {
    await disconnectDb();
  }
}

void main().then((code) => process.exit(code));
