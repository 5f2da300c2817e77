import type { Locale } from "@/lib/i18n/locales";
import { HISTORY_LABELS } from "./labels";

/** Download links for one version: Markdown and a standalone HTML page. */
export function ExportLinks({ documentSlug, number, locale }: { documentSlug: string; number: number; locale: Locale }) {
  const t = HISTORY_LABELS[locale];
  const base = `/api/v1/documents/${documentSlug}/versions/${number}/export`;
  return (
    <span className="export-links">
      <span className="export-links__label">{t.exportHeading}:</span>
      <a href={`${base}?format=md`} download>{t.exportMarkdown}</a>
      <a href={`${base}?format=html&lang=${locale}`} download>{t.exportHtml}</a>
    </span>
  );
}
