import { getDb } from "../db/client";
import { databaseConfig } from "../db/config";
import { migrate } from "../db/migrate";
import { seedDatabase } from "../services/seed-database";

/** Applies pending migrations and seeds an empty database. Safe to run on every start. */
export async function prepareDatabase(): Promise<void> {
  const config = databaseConfig();
  const report = await migrate(config);
  const where = config.engine === "sqlite" ? config.file : "PostgreSQL";
  console.log(`[db] ${where}: ${report.applied.length} migration(s) applied, ${report.alreadyApplied} already present`);
  const seed = await seedDatabase(await getDb());
  console.log(seed.seeded ? `[db] seeded the handbook: ${seed.versions} versions` : `[db] ${seed.versions} published version(s)`);
}
