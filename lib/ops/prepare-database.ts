import { getDb } from "../db/client";
import { databaseConfig } from "../db/config";
import { migrate } from "../db/migrate";
import { migrationDatabaseUrl } from "../db/app-role";
import { seedDatabase } from "../services/seed-database";
import { ensureLogKey } from "../log/log-signer";
import { backfillLog } from "../services/log/backfill-log";
import { signPendingCheckpoint } from "../services/log/checkpoints";
import { withDeployLock } from "./deploy-lock";

/**
 * Applies pending migrations, makes the log key on first start, seeds an empty database, gives
 * versions published before the transparency log their leaves, and signs the checkpoint. Safe
 * to run on every start, and from several instances at once: they take turns under the deploy
 * lock, so an empty database is seeded once.
 */
export async function prepareDatabase(): Promise<void> {
  const config = databaseConfig();
  await withDeployLock(config, () => migrateAndSeed(config));
}

async function migrateAndSeed(config: ReturnType<typeof databaseConfig>): Promise<void> {
  const logKey = ensureLogKey();
  console.log(`[log] ${logKey.signer.name}: key ${logKey.file}`);
  // On PostgreSQL the owner migrates (DATABASE_MIGRATION_URL); the product itself connects as a role without DDL rights.
  const report = await migrate(config.engine === "postgres" ? databaseConfig(migrationDatabaseUrl()) : config);
  const where = config.engine === "sqlite" ? config.file : "PostgreSQL";
  console.log(`[db] ${where}: ${report.applied.length} migration(s) applied, ${report.alreadyApplied} already present`);
  // Demo people only on the embedded engine (a trial install); a PostgreSQL deployment starts with
  // no account at all, and its first administrator is made with `npx handbook user:create`.
  const seed = await seedDatabase(await getDb(), { demoUsers: config.engine === "sqlite" && process.env.HANDBOOK_DEMO_ACCOUNTS !== "0" });
  console.log(seed.seeded ? `[db] seeded the handbook: ${seed.versions} version(s)` : `[db] ${seed.versions} published version(s)`);
  if (seed.seeded && (await (await getDb()).user.count()) === 0) {
    console.log('[db] no accounts yet: create the first administrator with `npx handbook user:create --role ADMIN --email … --name "…" --password …`');
  }
  const backfill = await backfillLog(await getDb());
  if (backfill.appended > 0) console.log(`[log] ${backfill.appended} earlier version(s) added to the transparency log`);
  const checkpoint = await signPendingCheckpoint();
  if (checkpoint) console.log(`[log] checkpoint: ${checkpoint.size} leaves`);
}
