/**
 * Prisma fixes the provider inside a schema file, so PostgreSQL gets a copy of the SQLite source
 * schema with the datasource and the generated client's location changed. This function is the
 * one way that copy is produced; a test fails when the committed copy differs.
 */
export const POSTGRES_SCHEMA_HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:sync-schema`: do not edit.\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.db"', 'url      = "postgresql://localhost/unused"')
    .replace('output     = "../lib/db/generated/sqlite"', 'output     = "../../lib/db/generated/postgres"');
  return POSTGRES_SCHEMA_HEADER + replaced;
}
