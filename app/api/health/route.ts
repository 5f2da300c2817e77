import { checkDatabaseHealth } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 only after a query reached the database. */
export async function GET() {
  const health = await checkDatabaseHealth();
  if (health.ok) return Response.json({ status: "ok", database: health.database, time: new Date().toISOString() });
  return Response.json({ status: "error", database: health.database, message: "Không kết nối được cơ sở dữ liệu (database unreachable)." }, { status: 503 });
}
