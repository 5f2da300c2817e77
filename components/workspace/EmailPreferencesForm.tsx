import { EMAIL_DELIVERIES, type EmailDelivery } from "@/lib/domain/email-delivery";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/** A person's language and email delivery choice; a plain form, so it works without JavaScript. */
export function EmailPreferencesForm({
  action,
  t,
  current,
}: {
  action: (form: FormData) => Promise<void>;
  t: Messages["notifications"]["preferences"];
  current: { locale: Locale; delivery: EmailDelivery; mailEnabled: boolean };
}) {
  return (
    <form action={action} className="stack" data-testid="email-preferences">
      {!current.mailEnabled && <p className="meta">{t.mailOff}</p>}
      <div>
        <label htmlFor="preferred-locale">{t.language}</label>
        <select id="preferred-locale" name="locale" defaultValue={current.locale}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {t.languages[locale]}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t.delivery}</legend>
        {EMAIL_DELIVERIES.map((delivery) => (
          <label key={delivery} className="choice">
            <input type="radio" name="delivery" value={delivery} defaultChecked={current.delivery === delivery} /> {t.deliveryOptions[delivery]}
          </label>
        ))}
      </fieldset>
      <p>
        <button className="button button--small" type="submit">{t.save}</button>
      </p>
    </form>
  );
}
