import { recordAudit } from "../../db/audit";
import { getDb } from "../../db/client";
import { runTransaction } from "../../db/transaction";
import {
  MAX_CONSULTATION_MIN_DAYS,
  MAX_HIDE_AFTER_REPORTS,
  MIN_CONSULTATION_MIN_DAYS,
  MIN_HIDE_AFTER_REPORTS,
  isModerationMode,
} from "../../domain/consultation";
import { AppError } from "../../errors";
import { authorize, type Actor } from "../../policies";

/**
 * An administrator sets a document's consultation rules: the shortest window, and how comments
 * of first-time commenters are moderated (PRE: held; POST: shown, hidden after N reports).
 * Consultations already opened keep the rules they opened with.
 */
export async function setConsultationSettings(options: { actor: Actor; documentId: string; minDays: number; moderation: string; hideAfterReports: number }) {
  authorize(options.actor, "policy:edit");
  const { minDays, moderation, hideAfterReports } = options;
  if (
    !Number.isInteger(minDays) || minDays < MIN_CONSULTATION_MIN_DAYS || minDays > MAX_CONSULTATION_MIN_DAYS ||
    !Number.isInteger(hideAfterReports) || hideAfterReports < MIN_HIDE_AFTER_REPORTS || hideAfterReports > MAX_HIDE_AFTER_REPORTS ||
    !isModerationMode(moderation)
  ) {
    throw new AppError("BAD_REQUEST", "consultationSettingsInvalid", {
      minDaysMin: MIN_CONSULTATION_MIN_DAYS,
      minDaysMax: MAX_CONSULTATION_MIN_DAYS,
      reportsMin: MIN_HIDE_AFTER_REPORTS,
      reportsMax: MAX_HIDE_AFTER_REPORTS,
    });
  }
  const db = await getDb();
  return runTransaction(db, async (tx) => {
    const document = await tx.document.findUnique({ where: { id: options.documentId } });
    if (!document) throw new AppError("NOT_FOUND", "documentNotFound");
    await tx.document.update({ where: { id: document.id }, data: { consultationMinDays: minDays, consultationModeration: moderation, consultationHideAfterReports: hideAfterReports } });
    await recordAudit(tx, {
      actorId: options.actor.id,
      action: "consultation.settings_changed",
      targetType: "document",
      targetId: document.id,
      data: {
        from: { minDays: document.consultationMinDays, moderation: document.consultationModeration, hideAfterReports: document.consultationHideAfterReports },
        to: { minDays, moderation, hideAfterReports },
      },
    });
  });
}
