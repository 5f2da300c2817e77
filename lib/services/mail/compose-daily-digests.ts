import type { Db } from "../../db/client";
import { runTransaction } from "../../db/transaction";
import { latestDigestTime } from "../../domain/email-delivery";
import { OUTBOUND_STATUS, outboundColumns, parseOutboundEmail, type OutboundParams } from "../../mail/outbound";

/** Another worker folded the same rows first; this transaction is rolled back and nothing is lost. */
class DigestTakenElsewhere extends Error {}

/**
 * The daily digest: for each person who chose it, folds the notification emails held before the
 * latest digest time (07:00 in Vietnam) into one digest email, due at once. Per person, in one
 * transaction: the digest is written and its rows marked BATCHED by a compare-and-set, so with
 * two workers each held row lands in exactly one digest. Returns the number of digests written.
 */
export async function composeDailyDigests(options: { db: Db; now: Date }): Promise<number> {
  const { db, now } = options;
  const before = latestDigestTime(now);
  const people = await db.outboundEmail.findMany({
    where: { status: OUTBOUND_STATUS.held, createdAt: { lt: before }, userId: { not: null } },
    distinct: ["userId"],
    select: { userId: true },
  });
  let written = 0;
  for (const { userId } of people) {
    if (!userId) continue;
    try {
      const wrote = await runTransaction(db, async (tx) => {
        const held = await tx.outboundEmail.findMany({
          where: { userId, status: OUTBOUND_STATUS.held, createdAt: { lt: before } },
          orderBy: { createdAt: "asc" },
        });
        if (held.length === 0) return false;
        const items: OutboundParams<"digest">["items"] = [];
        for (const row of held) {
          const content = parseOutboundEmail(row.kind, row.params);
          if (content?.kind === "notification") items.push({ ...content.params, createdAt: row.createdAt.toISOString() });
        }
        const digest =
          items.length > 0
            ? await tx.outboundEmail.create({ data: { ...outboundColumns("digest", { items }), userId, status: OUTBOUND_STATUS.pending, nextAttemptAt: now } })
            : null;
        const { count } = await tx.outboundEmail.updateMany({
          where: { id: { in: held.map((row) => row.id) }, status: OUTBOUND_STATUS.held },
          data: digest ? { status: OUTBOUND_STATUS.batched, digestId: digest.id } : { status: OUTBOUND_STATUS.failed, lastError: "unreadable kind or parameters" },
        });
        if (count !== held.length) throw new DigestTakenElsewhere();
        return digest !== null;
      });
      if (wrote) written += 1;
    } catch (error) {
      if (!(error instanceof DigestTakenElsewhere)) throw error;
    }
  }
  return written;
}
