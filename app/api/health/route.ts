import { getDb, databaseEngine } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 only after a query reached the database. */
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", database: databaseEngine(), time: new Date().toISOString() });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "error", database: databaseEngine(), message: "Không kết nối được cơ sở dữ liệu (database unreachable)." }, { status: 503 });
  }
}
