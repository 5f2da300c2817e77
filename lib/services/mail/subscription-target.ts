import type { DbOrTx } from "../../db/client";
import { headVersion } from "../../db/documents";
import { lastTitleOfSection, loadVersionPlacements } from "../../db/version-sections";

/** What a subscription follows, by name as the current version calls it (titles belong to versions). */
export interface SubscriptionTarget {
  documentSlug: string;
  documentTitle: string;
  /** Null for the whole document. */
  sectionTitle: string | null;
}

export async function subscriptionTarget(db: DbOrTx, subscription: { documentId: string; sectionId: string }): Promise<SubscriptionTarget> {
  const document = await db.document.findUniqueOrThrow({ where: { id: subscription.documentId }, select: { slug: true, title: true } });
  if (subscription.sectionId === "") return { documentSlug: document.slug, documentTitle: document.title, sectionTitle: null };
  const head = await headVersion(db, subscription.documentId);
  const inHead = head ? (await loadVersionPlacements(db, head.id)).find((row) => row.sectionId === subscription.sectionId) : undefined;
  // A section removed since keeps the last title it had.
  const title = inHead?.title ?? (await lastTitleOfSection(db, subscription.documentId, subscription.sectionId)) ?? subscription.sectionId;
  return { documentSlug: document.slug, documentTitle: document.title, sectionTitle: title };
}
