import { getDb, type DbOrTx } from "../../db/client";
import { loadDatedVersions } from "../../db/documents";
import { effectiveTimeline, type TimelineEntry } from "../../domain/effective-dates";
import { authorize, type Actor } from "../../policies";
import { today } from "../clock";
import { requireDocument } from "../history/lookup";
import { loadVersionEvents } from "./version-events";

export type DatedTimelineEntry = TimelineEntry & { publishedAt: Date };

/** Every version's publication and effective days side by side, with its status today, oldest first; and the events recorded about them. */
export async function loadEffectiveTimeline(options: { slug: string; actor?: Actor | null; now?: Date; db?: DbOrTx }) {
  authorize(options.actor ?? null, "document:read");
  const db = options.db ?? (await getDb());
  const document = await requireDocument(db, options.slug);
  const dated = await loadDatedVersions(db, document.id);
  const day = today(options.now);
  const publishedAt = new Map(dated.map((version) => [version.number, version.publishedAt]));
  const entries: DatedTimelineEntry[] = effectiveTimeline(dated, day).map((entry) => ({ ...entry, publishedAt: publishedAt.get(entry.number)! }));
  return { today: day, entries, events: await loadVersionEvents(db, document.id) };
}
