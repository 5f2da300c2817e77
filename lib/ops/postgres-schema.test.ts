import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "./postgres-schema";

const root = path.resolve(__dirname, "../..");

describe("the PostgreSQL schema", () => {
  it("is exactly the SQLite source schema with the provider changed (run npm run db:sync-schema)", () => {
    const source = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    const committed = fs.readFileSync(path.join(root, "prisma/postgres/schema.prisma"), "utf8");
    expect(committed).toBe(postgresSchemaFrom(source));
    expect(committed).toContain('provider = "postgresql"');
  });

  it("has a migration folder for each engine with the same migration names", () => {
    const names = (dir: string) => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(names("prisma/postgres/migrations")).toEqual(names("prisma/migrations"));
  });
});
