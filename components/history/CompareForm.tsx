import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

/** Picks two versions and a layout with a GET form, so a comparison is a URL that can be shared. */
export function CompareForm({
  documentSlug,
  versions,
  from,
  to,
  view,
  locale,
}: {
  documentSlug: string;
  /** Newest first. */
  versions: readonly { number: number; publishedAt: Date }[];
  from: number;
  to: number;
  view: "inline" | "side";
  locale: Locale;
}) {
  const t = messages(locale).history;
  const options = versions.map((version) => (
    <option key={version.number} value={version.number}>
      {t.versionN(version.number)} · {formatDateTime(version.publishedAt, locale)}
    </option>
  ));
  return (
    <form method="get" action={`/${documentSlug}/so-sanh`} className="compare-form" aria-label={t.compareTitle}>
      <div>
        <label htmlFor="compare-from">{t.from}</label>
        <select id="compare-from" name="from" defaultValue={String(from)}>{options}</select>
      </div>
      <div>
        <label htmlFor="compare-to">{t.to}</label>
        <select id="compare-to" name="to" defaultValue={String(to)}>{options}</select>
      </div>
      <fieldset>
        <legend>{t.view}</legend>
        <label><input type="radio" name="view" value="inline" defaultChecked={view === "inline"} /> {t.inline}</label>
        <label><input type="radio" name="view" value="side" defaultChecked={view === "side"} /> {t.sideBySide}</label>
      </fieldset>
      <button type="submit" className="button button--small">{t.compareSubmit}</button>
      <a href={`/${documentSlug}/so-sanh?from=${to}&to=${from}${view === "side" ? "&view=side" : ""}`}>{t.swap}</a>
    </form>
  );
}
