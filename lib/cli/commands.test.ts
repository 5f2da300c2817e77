import { afterEach, describe, expect, it, vi } from "vitest";
import { messages } from "../i18n/messages";
import { parseArgs, requireOption, UsageError } from "./commands";
import { diffCommand } from "./history-commands";
import { userCreateCommand } from "./user-commands";
import { monitorCommand } from "./log-commands";
import { COMMANDS, help } from "./registry";
import { cliLocale, cliText } from "./text";

const LOCALES = ["vi", "en"] as const;

describe("parseArgs (strict, per command)", () => {
  it("keeps a value holding '=' whole", () => {
    const args = parseArgs(["--email", "a@b.vn", "--password=a=b"], userCreateCommand.options);
    expect(args.options).toEqual({ email: "a@b.vn", password: "a=b" });
  });

  it.each(LOCALES)("refuses a flag the command does not know, naming it in the catalog's words (%s)", (locale) => {
    const t = messages(locale).cli;
    expect(() => parseArgs(["--email", "a@b.vn", "--passwrod", "x"], userCreateCommand.options, t)).toThrow(new UsageError(t.arguments.unknownOption("--passwrod")));
    expect(() => parseArgs(["-p", "x"], userCreateCommand.options, t)).toThrow(new UsageError(t.arguments.unknownOption("-p")));
  });

  it.each(LOCALES)("refuses an option given without its value (%s)", (locale) => {
    const t = messages(locale).cli;
    expect(() => parseArgs(["--email"], userCreateCommand.options, t)).toThrow(new UsageError(t.arguments.missingValue("--email")));
    expect(() => parseArgs(["--email", "--name", "Lan"], userCreateCommand.options, t)).toThrow(new UsageError(t.arguments.valueLooksLikeOption({ flag: "--email", value: "--name" })));
    // Written joined, a value may start with a dash.
    expect(parseArgs(["--email=-x"], userCreateCommand.options, t).options).toEqual({ email: "-x" });
  });

  it("reads switches as true and keeps positionals in order", () => {
    const args = parseArgs(["--files", "a.md", "b.md", "--json"], diffCommand.options);
    expect(args).toEqual({ positional: ["b.md"], options: { files: "a.md", json: true } });
  });

  it.each(LOCALES)("refuses a value given to a switch (%s)", (locale) => {
    const t = messages(locale).cli;
    expect(() => parseArgs(["--url", "http://x", "--once=yes"], monitorCommand.options, t)).toThrow(new UsageError(t.arguments.switchTakesNoValue("--once")));
  });
});

describe("the command line's language", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is HANDBOOK_LANG, else LANG's language, else Vietnamese", () => {
    expect(cliLocale({ HANDBOOK_LANG: "en", LANG: "vi_VN.UTF-8" })).toBe("en");
    expect(cliLocale({ LANG: "en_GB.UTF-8" })).toBe("en");
    expect(cliLocale({ HANDBOOK_LANG: "fr", LANG: "C.UTF-8" })).toBe("vi");
    expect(cliLocale({})).toBe("vi");
  });

  it("words a missing option in the language the environment picks", () => {
    const args = parseArgs([], userCreateCommand.options);
    vi.stubEnv("HANDBOOK_LANG", "en");
    expect(() => requireOption(args, "email")).toThrow(new UsageError("missing --email"));
    expect(cliText()).toBe(messages("en").cli);
    vi.stubEnv("HANDBOOK_LANG", "vi");
    expect(() => requireOption(args, "email")).toThrow(new UsageError(messages("vi").cli.missingOption("email")));
  });

  it.each(LOCALES)("gives every command a summary and a usage line in the help (%s)", (locale) => {
    const t = messages(locale).cli;
    const text = help(t);
    expect(text.split("\n")[0]).toBe(t.helpTitle);
    for (const command of COMMANDS) {
      expect(text).toContain(`${command.name.padEnd(14)} ${t.commands[command.words].summary}`);
      expect(text).toContain(t.commands[command.words].usage);
    }
    expect(new Set(COMMANDS.map((command) => command.words)).size).toBe(COMMANDS.length);
  });

  it("differs between the two languages", () => {
    expect(help(messages("en").cli)).toContain("Create a person");
    expect(help(messages("vi").cli)).toContain("Tạo người dùng");
  });
});
