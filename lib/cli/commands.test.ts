import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./commands";
import { diffCommand } from "./history-commands";
import { userCreateCommand } from "./user-commands";
import { monitorCommand } from "./log-commands";

describe("parseArgs (strict, per command)", () => {
  it("keeps a value holding '=' whole", () => {
    const args = parseArgs(["--email", "a@b.vn", "--password=a=b"], userCreateCommand.options);
    expect(args.options).toEqual({ email: "a@b.vn", password: "a=b" });
  });

  it("refuses a flag the command does not know, naming it", () => {
    expect(() => parseArgs(["--email", "a@b.vn", "--passwrod", "x"], userCreateCommand.options)).toThrow(UsageError);
    expect(() => parseArgs(["--passwrod", "x"], userCreateCommand.options)).toThrow(/passwrod/);
  });

  it("refuses an option given without its value", () => {
    expect(() => parseArgs(["--email"], userCreateCommand.options)).toThrow(UsageError);
  });

  it("reads switches as true and keeps positionals in order", () => {
    const args = parseArgs(["--files", "a.md", "b.md", "--json"], diffCommand.options);
    expect(args).toEqual({ positional: ["b.md"], options: { files: "a.md", json: true } });
  });

  it("refuses a value given to a switch", () => {
    expect(() => parseArgs(["--url", "http://x", "--once=yes"], monitorCommand.options)).toThrow(UsageError);
  });
});
