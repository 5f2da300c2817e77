import { getDb } from "../../db/client";
import { authorize, type Actor } from "../../policies";
import { requireDocument } from "../history/lookup";
import { loadEditions } from "./editions";
import { loadEffectiveTimeline } from "./timeline";
import { loadVersionEvents } from "./version-events";

/**
 * What the document's administration page shows: versions, editions, events, and the rules its
 * public consultations open with (lib/services/admin/set-consultation-settings.ts).
 */
export async function loadPublicationAdmin(options: { actor: Actor; slug: string; now?: Date }) {
  authorize(options.actor, "edition:create");
  const db = await getDb();
  const document = await requireDocument(db, options.slug);
  const [timeline, editions, events] = await Promise.all([
    loadEffectiveTimeline({ slug: document.slug, actor: options.actor, now: options.now, db }),
    loadEditions(db, document.id),
    loadVersionEvents(db, document.id),
  ]);
  const consultation = { minDays: document.consultationMinDays, moderation: document.consultationModeration, hideAfterReports: document.consultationHideAfterReports };
  return { document: { id: document.id, slug: document.slug, title: document.title }, consultation, today: timeline.today, versions: timeline.entries, editions, events };
}
