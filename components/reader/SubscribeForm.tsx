import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/** The email subscription form: an address, and the whole document or one section. Works without JavaScript. */
export function SubscribeForm({
  action,
  t,
  locale,
  documentSlug,
  sections,
  selectedSection,
}: {
  action: (form: FormData) => Promise<void>;
  t: Messages["email"]["pages"];
  locale: Locale;
  documentSlug: string;
  sections: { slug: string; title: string }[];
  selectedSection?: string;
}) {
  const selected = sections.some((section) => section.slug === selectedSection) ? selectedSection : "";
  return (
    <form action={action} className="stack" data-testid="subscribe-form">
      <p>{t.subscribeIntro}</p>
      <input type="hidden" name="document" value={documentSlug} />
      <input type="hidden" name="locale" value={locale} />
      <div>
        <label htmlFor="subscribe-email">{t.emailLabel}</label>
        <input id="subscribe-email" name="email" type="email" required maxLength={254} autoComplete="email" />
      </div>
      <div>
        <label htmlFor="subscribe-scope">{t.scopeLabel}</label>
        <select id="subscribe-scope" name="section" defaultValue={selected}>
          <option value="">{t.wholeDocument}</option>
          {sections.map((section) => (
            <option key={section.slug} value={section.slug}>
              {t.sectionOption({ sectionTitle: section.title })}
            </option>
          ))}
        </select>
      </div>
      <p className="field-hint">{t.privacy}</p>
      <p>
        <button className="button" type="submit">{t.submit}</button>
      </p>
    </form>
  );
}
