import { getDb } from "../db/client";

/**
 * Audit actions that never change what a reader's page shows. Anyone can cause the first kind
 * (a failed sign-in needs no account), and API use writes the second on every request with a
 * write token; were they to move the epoch, they would keep the reader's page cache cold.
 */
const NOT_CONTENT_PREFIXES = ["auth.", "api_token."];

/**
 * The content epoch of the reader's page cache (lib/http/page-cache.ts): the id of the latest
 * audit event that may change a page (a publish, an owner or policy change, a rename).
 */
export async function contentEpoch(): Promise<string> {
  const db = await getDb();
  const latest = await db.auditEvent.findFirst({
    where: { NOT: NOT_CONTENT_PREFIXES.map((prefix) => ({ action: { startsWith: prefix } })) },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return String(latest?.id ?? 0);
}
