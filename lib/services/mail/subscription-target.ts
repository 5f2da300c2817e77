import type { DbOrTx } from "../../db/client";
import { headVersion } from "../../db/documents";

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
  const inHead = head ? await db.versionSection.findUnique({ where: { versionId_sectionId: { versionId: head.id, sectionId: subscription.sectionId } } }) : null;
  // A section removed since keeps the last title it had.
  const title =
    inHead?.title ??
    (await db.versionSection.findFirst({ where: { sectionId: subscription.sectionId }, orderBy: { version: { number: "desc" } }, select: { title: true } }))?.title ??
    subscription.sectionId;
  return { documentSlug: document.slug, documentTitle: document.title, sectionTitle: title };
}
