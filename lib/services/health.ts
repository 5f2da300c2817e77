import { databaseEngine, getDb } from "../db/client";

/** Liveness and readiness: true only after a query reached the database. */
export async function checkDatabaseHealth(): Promise<{ ok: boolean; database: string }> {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true, database: databaseEngine() };
  } catch (error) {
    console.error("[health] database check failed", error);
    return { ok: false, database: databaseEngine() };
  }
}
