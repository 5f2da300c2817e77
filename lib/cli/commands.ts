/**
 * The operators' command-line tool. Each command is a small function taking parsed options;
 * `lib/cli/main.ts` routes argv to them. Commands write through the same services as the web app.
 * Every word they print comes from the catalog's `cli` namespace (./text.ts picks the language).
 */
import { parseArgs as parseArgv } from "node:util";
import { cliText, type CliMessages } from "./text";

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

/** What a command accepts: each option takes a value ("string") or is a switch ("boolean"). */
export type OptionSpec = Readonly<Record<string, "string" | "boolean">>;

/**
 * Parses argv with node:util's parseArgs in strict mode against the command's own options: an
 * unknown flag, a value given to a switch or a missing value is a usage error instead of being
 * ignored, and `--password=a=b` keeps its whole value `a=b`. The same refusals are found first
 * in parseArgs' tokens, so that they are worded from the catalog with the flag as typed.
 */
export function parseArgs(argv: string[], spec: OptionSpec, t: CliMessages = cliText()): ParsedArgs {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  const { tokens } = parseArgv({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const type = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (type === undefined) throw new UsageError(t.arguments.unknownOption(token.rawName));
    if (type === "boolean" && token.inlineValue) throw new UsageError(t.arguments.switchTakesNoValue(token.rawName));
    if (type === "string" && token.value === undefined) throw new UsageError(t.arguments.missingValue(token.rawName));
    // parseArgs' strict mode refuses `--email --name x` as ambiguous: the value looks like the next option.
    if (type === "string" && !token.inlineValue && token.value?.startsWith("-")) throw new UsageError(t.arguments.valueLooksLikeOption({ flag: token.rawName, value: token.value }));
  }
  let parsed;
  try {
    parsed = parseArgv({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    // A refusal the tokens above did not foresee: node:util's own first sentence, inside the catalog's words.
    throw new UsageError(t.arguments.refused(error instanceof Error ? error.message.split(". ")[0] : String(error)));
  }
  const values: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === "string") values[name] = value;
    else if (value === true) values[name] = true;
  }
  return { positional: parsed.positionals, options: values };
}

export class UsageError extends Error {}

export function requireOption(args: ParsedArgs, name: string): string {
  const value = args.options[name];
  if (typeof value !== "string" || value.length === 0) throw new UsageError(cliText().missingOption(name));
  return value;
}

export function optionalOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === "string" ? value : undefined;
}

/** A command's entry in the catalog's `cli.commands`: its summary and usage line in each language. */
export type CommandWords = keyof CliMessages["commands"];

export interface Command {
  name: string;
  /** Where its summary and usage are in the catalog. */
  words: CommandWords;
  /** Every option the command accepts; anything else is refused before it runs. */
  options: OptionSpec;
  run(args: ParsedArgs): Promise<void>;
}
