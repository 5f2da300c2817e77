import { recordAudit, type AuditInput } from "../../db/audit";
import type { DbOrTx } from "../../db/client";
import { afterCommit } from "../../db/transaction";
import type { LiveEvent } from "../../domain/live-events";
import { liveEventBus } from "./event-bus";

/**
 * How services tell open pages that something changed: through the live event bus, once the
 * change is committed (told earlier, a browser on another instance would read the page before the
 * change is there).
 */
function announce(db: DbOrTx, event: LiveEvent): void {
  afterCommit(db, () => {
    liveEventBus()
      .publish(event)
      .catch((error: unknown) => console.error("[live] announce failed:", error instanceof Error ? error.message : error));
  });
}

/**
 * Records a proposal's audit entry and announces the change to the proposal's open pages. Every
 * change a proposal page shows (a comment, a review, a status, its sections, its consultation) is
 * audited in the transaction that makes it, so the audit entry is the one place that sees them all.
 */
export async function recordProposalChange(db: DbOrTx, input: AuditInput & { targetType: "proposal" }): Promise<void> {
  await recordAudit(db, input);
  announce(db, { kind: "proposal", proposalId: input.targetId, change: input.action });
}

/** Announces new notifications to the pages these people have open (their header's count). */
export function announceNotifications(db: DbOrTx, userIds: readonly string[]): void {
  for (const userId of new Set(userIds)) announce(db, { kind: "notification", userId });
}
