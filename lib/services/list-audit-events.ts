import { auditData } from "../db/audit";
import { getDb } from "../db/client";
import { authorize, type Actor } from "../policies";

/** Page size of the audit log view; an export streams everything that matches. */
export const AUDIT_PAGE_SIZE = 100;
/** Upper bound on one export, so a request cannot hold the database for long. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;

export interface AuditFilter {
  action?: string;
  actorEmail?: string;
  targetId?: string;
}

export async function listAuditEvents(options: { actor: Actor | null; filter: AuditFilter; limit?: number }) {
  authorize(options.actor, "audit:read");
  const db = await getDb();
  let actorId: string | undefined;
  if (options.filter.actorEmail) {
    const user = await db.user.findUnique({ where: { email: options.filter.actorEmail.trim().toLowerCase() } });
    actorId = user?.id ?? "__nobody__";
  }
  const events = await db.auditEvent.findMany({
    where: {
      action: options.filter.action ? { startsWith: options.filter.action } : undefined,
      actorId,
      targetId: options.filter.targetId || undefined,
    },
    orderBy: { id: "desc" },
    take: Math.min(options.limit ?? AUDIT_PAGE_SIZE, MAX_AUDIT_EXPORT_ROWS),
  });
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => id !== null))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } });
  const byId = new Map(actors.map((user) => [user.id, user]));
  return events.map((event) => ({
    id: event.id,
    at: event.createdAt.toISOString(),
    action: event.action,
    actor: event.actorId ? byId.get(event.actorId) ?? { id: event.actorId, name: "?", email: "" } : null,
    targetType: event.targetType,
    targetId: event.targetId,
    data: auditData(event),
  }));
}
