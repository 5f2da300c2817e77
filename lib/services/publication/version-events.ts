import type { DbOrTx } from "../../db/client";
import { calendarDateOf } from "../../domain/effective-dates";

/** An event recorded about a published version (a withdrawal), as readers and the API see it. */
export interface VersionEventEntry {
  kind: string;
  /** The number of the version it is about. */
  version: number;
  /** The day it takes effect (YYYY-MM-DD, Vietnam). */
  effectiveOn: string;
  reason: string;
  recordedAt: Date;
}

/** Events about a document's versions (or one version), in the order they were recorded. */
export async function loadVersionEvents(db: DbOrTx, documentId: string, versionId?: string): Promise<VersionEventEntry[]> {
  const rows = await db.versionEvent.findMany({
    where: versionId ? { versionId } : { version: { documentId } },
    include: { version: { select: { number: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({
    kind: row.kind,
    version: row.version.number,
    effectiveOn: row.effectiveOn || calendarDateOf(row.createdAt),
    reason: row.reason,
    recordedAt: row.createdAt,
  }));
}

export function versionEventJson(event: VersionEventEntry) {
  return { kind: event.kind, version: event.version, effectiveOn: event.effectiveOn, reason: event.reason, recordedAt: event.recordedAt.toISOString() };
}
