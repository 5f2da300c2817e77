import type { DbOrTx } from "../../db/client";
import { loadPlacements, PLACEMENT_SELECT, sectionSlugs } from "../../db/version-sections";
import { summaryFactsFromStats } from "../../domain/diff";
import { isMailEnabled } from "../../mail/config";
import { OUTBOUND_STATUS, outboundColumns } from "../../mail/outbound";

/**
 * Tells subscribers that a version was published, in the publishing transaction: everyone who
 * confirmed a subscription to the document, and those following one section when that section
 * changed (its text, title or place, or it was added or removed). One email per address, even
 * when it follows the document and a section. Nothing when email is off.
 */
export async function queuePublicationEmails(tx: DbOrTx, input: { versionId: string }): Promise<void> {
  if (!isMailEnabled()) return;
  const version = await tx.version.findUniqueOrThrow({ where: { id: input.versionId }, include: { document: true } });
  const subscriptions = await tx.emailSubscription.findMany({
    where: { documentId: version.documentId, confirmedAt: { not: null } },
    orderBy: [{ sectionId: "asc" }, { createdAt: "asc" }],
  });
  if (subscriptions.length === 0) return;

  const previous =
    version.number > 1
      ? await tx.version.findUnique({ where: { documentId_number: { documentId: version.documentId, number: version.number - 1 } }, select: PLACEMENT_SELECT })
      : null;
  const placements = await loadPlacements(tx, previous ? [version, previous] : [version]);
  const sections = placements.get(version.id) ?? [];
  const previousSections = previous ? (placements.get(previous.id) ?? []) : [];
  const before = new Map(previousSections.map((row) => [row.sectionId, row]));
  const after = new Set(sections.map((row) => row.sectionId));
  const changed = [
    ...sections.filter((row) => {
      const old = before.get(row.sectionId);
      return !old || old.revisionId !== row.revisionId || old.title !== row.title || old.position !== row.position;
    }),
    ...previousSections.filter((row) => !after.has(row.sectionId)),
  ];
  const changedIds = new Set(changed.map((row) => row.sectionId));

  // Document-wide subscriptions sort first (empty sectionId), so an address following both gets that one.
  const chosen = new Map<string, (typeof subscriptions)[number]>();
  for (const subscription of subscriptions) {
    if (subscription.sectionId !== "" && !changedIds.has(subscription.sectionId)) continue;
    if (!chosen.has(subscription.email)) chosen.set(subscription.email, subscription);
  }
  if (chosen.size === 0) return;
  const slugs = await sectionSlugs(tx, changed);
  const changedSections = changed.map((row) => ({ slug: slugs.get(row.sectionId) ?? "", title: row.title }));
  await tx.outboundEmail.createMany({
    data: [...chosen.values()].map((subscription) => ({
      ...outboundColumns("version_published", {
        documentSlug: version.document.slug,
        documentTitle: version.document.title,
        versionNumber: version.number,
        publishedAt: version.publishedAt.toISOString(),
        changedSections,
        changes: summaryFactsFromStats(version.stats),
      }),
      subscriptionId: subscription.id,
      status: OUTBOUND_STATUS.pending,
    })),
  });
}
