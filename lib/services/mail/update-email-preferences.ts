import { z } from "zod";
import { getDb, type DbOrTx } from "../../db/client";
import { EMAIL_DELIVERIES } from "../../domain/email-delivery";
import { AppError } from "../../errors";
import { LOCALES } from "../../i18n/locales";
import { authorize, type Actor } from "../../policies";

export const emailPreferencesInput = z.object({ locale: z.enum(LOCALES), delivery: z.enum(EMAIL_DELIVERIES) });

/**
 * Saves a person's language and email delivery choice. Notifications already held for a digest
 * stay in it; the choice applies to what happens next.
 */
export async function updateEmailPreferences(options: { actor: Actor; input: { locale: string; delivery: string }; db?: DbOrTx }) {
  authorize(options.actor, "workspace:enter");
  const parsed = emailPreferencesInput.safeParse(options.input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidEmailPreferences");
  const db = options.db ?? (await getDb());
  await db.user.update({ where: { id: options.actor.id }, data: { locale: parsed.data.locale, emailDelivery: parsed.data.delivery } });
  return parsed.data;
}
