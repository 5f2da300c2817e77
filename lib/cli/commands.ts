/**
 * The operators' command-line tool. Each command is a small function taking parsed options;
 * `lib/cli/main.ts` routes argv to them. Commands write through the same services as the web app.
 */
import { parseArgs as parseArgv } from "node:util";

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

/** What a command accepts: each option takes a value ("string") or is a switch ("boolean"). */
export type OptionSpec = Readonly<Record<string, "string" | "boolean">>;

/**
 * Parses argv with node:util's parseArgs in strict mode against the command's own options: an
 * unknown flag, a value given to a switch or a missing value is a usage error instead of being
 * ignored, and `--password=a=b` keeps its whole value `a=b`.
 */
export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgv({
      args: argv,
      options: Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }])),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // node:util names the offending flag in its message; keep that, drop its own advice.
    throw new UsageError(error instanceof Error ? error.message.split(". ")[0] : String(error));
  }
  const options: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === "string") options[name] = value;
    else if (value === true) options[name] = true;
  }
  return { positional: parsed.positionals, options };
}

export class UsageError extends Error {}

export function requireOption(args: ParsedArgs, name: string): string {
  const value = args.options[name];
  if (typeof value !== "string" || value.length === 0) throw new UsageError(`missing --${name}`);
  return value;
}

export function optionalOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === "string" ? value : undefined;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Every option the command accepts; anything else is refused before it runs. */
  options: OptionSpec;
  run(args: ParsedArgs): Promise<void>;
}
