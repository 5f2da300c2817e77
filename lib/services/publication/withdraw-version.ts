import { recordAudit } from "../../db/audit";
import { getDb } from "../../db/client";
import { loadDatedVersions } from "../../db/documents";
import { isUniqueViolation } from "../../db/errors";
import { runTransaction } from "../../db/transaction";
import { checkWithdrawal, WITHDRAWAL_REASON_MAX_LENGTH } from "../../domain/effective-dates";
import { normalizeText } from "../../domain/text";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";
import { today } from "../clock";
import { forgetContentEpoch } from "../content-epoch";
import { requireDocument, requireVersion } from "../history/lookup";

export interface WithdrawnVersion {
  number: number;
  effectiveOn: string;
  reason: string;
}

/**
 * Withdraws a published version by appending a WITHDRAWN event (the version row is never
 * touched): from `effectiveOn` (today by the clock when not given, never earlier) the version is
 * skipped when the text in force is chosen (lib/domain/effective-dates.ts). A reason is required
 * and published. Audited in the same transaction; the unique (version, kind) index makes a
 * second, concurrent withdrawal fail rather than be recorded twice.
 */
export async function withdrawVersion(options: {
  actor: Actor;
  slug: string;
  number: number;
  reason: string;
  effectiveOn?: string | null;
  now?: Date;
}): Promise<WithdrawnVersion> {
  authorize(options.actor, "version:withdraw");
  const reason = normalizeText(options.reason.trim());
  if (reason.length === 0 || reason.length > WITHDRAWAL_REASON_MAX_LENGTH) {
    throw new AppError("BAD_REQUEST", "withdrawalReasonRequired", { max: WITHDRAWAL_REASON_MAX_LENGTH });
  }
  const db = await getDb();
  try {
    const withdrawn = await runTransaction(db, async (tx) => {
      const document = await requireDocument(tx, options.slug);
      const version = await requireVersion(tx, document.id, options.number);
      const check = checkWithdrawal({ versions: await loadDatedVersions(tx, document.id), number: version.number, today: today(options.now), requested: options.effectiveOn });
      if (!check.ok) {
        switch (check.reason) {
          case "invalid":
            throw new AppError("BAD_REQUEST", "invalidDate");
          case "too_early":
            throw new AppError("BAD_REQUEST", "withdrawalDateTooEarly", { earliest: check.earliest });
          case "already_withdrawn":
            throw new AppError("CONFLICT", "versionAlreadyWithdrawn", { number: version.number });
          case "leaves_nothing_in_force":
            throw new AppError("CONFLICT", "withdrawalLeavesNothing", { date: check.date });
        }
      }
      await tx.versionEvent.create({ data: { versionId: version.id, kind: "WITHDRAWN", reason, effectiveOn: check.date, actorId: options.actor.id } });
      await recordAudit(tx, {
        actorId: options.actor.id,
        action: "version.withdrawn",
        targetType: "version",
        targetId: version.id,
        data: { document: document.slug, number: version.number, effectiveOn: check.date, reason },
      });
      return { number: version.number, effectiveOn: check.date, reason };
    });
    forgetContentEpoch();
    return withdrawn;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "versionAlreadyWithdrawn", { number: options.number });
    throw error;
  }
}
