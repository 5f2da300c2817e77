import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";

/** A search box that works without JavaScript (GET /tim-kiem?q=); `compact` for toolbars. */
export function SearchForm({ locale, query = "", compact = false }: { locale: Locale; query?: string; compact?: boolean }) {
  const t = messages(locale).history;
  const id = compact ? "search-q-compact" : "search-q";
  return (
    <form role="search" action="/tim-kiem" method="get" className={`search-form${compact ? " search-form--compact" : ""}`}>
      <label htmlFor={id} className={compact ? "visually-hidden" : undefined}>{t.searchLabel}</label>
      <input id={id} type="search" name="q" defaultValue={query} placeholder={t.searchPlaceholder} maxLength={200} autoComplete="off" />
      <button type="submit" className="button button--small">{t.searchSubmit}</button>
    </form>
  );
}
