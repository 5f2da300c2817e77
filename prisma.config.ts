import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The JavaScript engine never runs Prisma's native engines, which cannot be downloaded on
// machines without access to Prisma's binary host; these only satisfy the CLI's download check.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;

const sqliteFile = path.resolve(process.env.SQLITE_PATH ?? "data/handbook.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${sqliteFile}` });
  },
});
