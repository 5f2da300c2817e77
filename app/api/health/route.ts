import { requestLocale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { checkDatabaseHealth } from "@/lib/services/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 only after a query reached the database; a failure says so in the reader's language. */
export async function GET(request: Request) {
  const health = await checkDatabaseHealth();
  if (health.ok) return Response.json({ status: "ok", database: health.database, time: new Date().toISOString() });
  const message = messages(requestLocale(request.headers)).errors.databaseUnreachable();
  return Response.json({ status: "error", database: health.database, message }, { status: 503 });
}
