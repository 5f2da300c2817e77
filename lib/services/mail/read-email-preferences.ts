import { getDb, type DbOrTx } from "../../db/client";
import type { EmailDelivery } from "../../domain/email-delivery";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../i18n/locales";
import { isMailEnabled } from "../../mail/config";
import { authorize, type Actor } from "../../policies";

export interface EmailPreferences {
  locale: Locale;
  delivery: EmailDelivery;
  /** Whether this server sends email at all (SMTP_URL); the choices are kept either way. */
  mailEnabled: boolean;
}

/** A person's own choices: the language of their emails and feed, and how notifications reach them by email. */
export async function readEmailPreferences(options: { actor: Actor; db?: DbOrTx }): Promise<EmailPreferences> {
  authorize(options.actor, "workspace:enter");
  const db = options.db ?? (await getDb());
  const user = await db.user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { locale: true, emailDelivery: true } });
  return {
    locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
    delivery: user.emailDelivery,
    mailEnabled: isMailEnabled(),
  };
}
