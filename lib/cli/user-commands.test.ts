import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveApiToken } from "../auth/api-tokens";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { parseArgs, UsageError, type Command } from "./commands";
import { cliText } from "./text";
import { tokenCreateCommand, tokenRevokeCommand } from "./user-commands";

/** Runs a command and returns what it printed to stdout. */
async function run(command: Command, argv: string[]): Promise<string> {
  const printed: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...values: unknown[]) => {
    printed.push(values.map(String).join(" "));
  });
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await command.run(parseArgs(argv, command.options));
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return printed.join("\n");
}

describe("API token commands (SQLite)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("token:create needs an explicit scope and takes a lifetime in days", async () => {
    await expect(run(tokenCreateCommand, ["--email", "lan@mof.gov.vn", "--name", "CI"])).rejects.toThrow(new UsageError(cliText().missingOption("scope")));
    await expect(run(tokenCreateCommand, ["--email", "lan@mof.gov.vn", "--name", "CI", "--scope", "admin"])).rejects.toThrow(cliText().user.scopeReadOrWrite("admin"));
    await expect(run(tokenCreateCommand, ["--email", "lan@mof.gov.vn", "--name", "CI", "--scope", "read", "--days", "400"])).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const secret = (await run(tokenCreateCommand, ["--email", "lan@mof.gov.vn", "--name", "CI", "--scope", "read", "--days", "30"])).trim();
    const token = await database.db.apiToken.findFirstOrThrow({ where: { prefix: secret.slice(0, 10) } });
    expect(token.scope).toBe("read");
    expect(Math.round((token.expiresAt!.getTime() - token.createdAt.getTime()) / 86_400_000)).toBe(30);
    expect(await resolveApiToken(database.db, secret)).toMatchObject({ scope: "read" });
  });

  it("token:revoke revokes by id or by prefix", async () => {
    const first = (await run(tokenCreateCommand, ["--email", "hoa@mof.gov.vn", "--name", "Một", "--scope", "write"])).trim();
    const second = (await run(tokenCreateCommand, ["--email", "hoa@mof.gov.vn", "--name", "Hai", "--scope", "read"])).trim();
    await expect(run(tokenRevokeCommand, [])).rejects.toThrow(cliText().user.idOrPrefix);
    expect(JSON.parse(await run(tokenRevokeCommand, ["--prefix", first.slice(0, 10)]))).toMatchObject({ revoked: true, alreadyRevoked: false });
    const secondRow = await database.db.apiToken.findFirstOrThrow({ where: { prefix: second.slice(0, 10) } });
    expect(JSON.parse(await run(tokenRevokeCommand, ["--id", secondRow.id]))).toMatchObject({ id: secondRow.id, revoked: true });
    expect(await resolveApiToken(database.db, first)).toBeNull();
    expect(await resolveApiToken(database.db, second)).toBeNull();
    await expect(run(tokenRevokeCommand, ["--id", "khong-co"])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
