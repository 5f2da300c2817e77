import pg from "pg";

/**
 * Separation of powers on PostgreSQL: migrations run as the database's owner
 * (`DATABASE_MIGRATION_URL`), the running product as a role that may read and write rows but
 * owns nothing, so it cannot drop or disable the append-only triggers, alter or truncate tables.
 * `handbook db:grant-app-role --role <name>` (run with the owner's URL) grants exactly that,
 * now and for the tables later migrations create.
 */

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The statements that give `role` row access and nothing else. The role itself is made (with its password) by the DBA. */
export function appRoleGrants(role: string): string[] {
  if (!ROLE_NAME.test(role)) throw new Error(`${role} is not a plain PostgreSQL role name (lowercase letters, digits, _)`);
  return [
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA public TO "${role}"`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${role}"`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${role}"`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${role}"`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "${role}"`,
  ];
}

/** Runs appRoleGrants as the owner (`ownerUrl`), in one transaction. */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const statement of appRoleGrants(role)) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The URL migrations use: the owner's when DATABASE_MIGRATION_URL is set, else DATABASE_URL's. */
export function migrationDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_MIGRATION_URL?.trim() || env.DATABASE_URL;
}
