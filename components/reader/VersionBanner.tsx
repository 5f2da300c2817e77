import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";

/** Shown on permalinks to past versions: what the reader is looking at and where the current text is. */
export function VersionBanner({
  locale,
  documentSlug,
  number,
  headNumber,
  publishedAt,
  currentHref,
}: {
  locale: Locale;
  documentSlug: string;
  number: number;
  headNumber: number;
  publishedAt: Date;
  currentHref: string;
}) {
  const isCurrent = number === headNumber;
  const when = formatDateTime(publishedAt, locale);
  const t = messages(locale).reader;
  return (
    <div className={`notice ${isCurrent ? "" : "notice--warn"}`} role="note">
      <p>
        {t.viewing} <strong>{t.viewingVersion(number)}</strong>{t.viewingPublished(when)}{" "}
        {isCurrent ? t.currentVersion : <>{t.notCurrentVersion(headNumber)}</>}
        {!isCurrent && <Link href={currentHref}>{t.seeCurrent}</Link>}{" "}
        · <Link href={`/${documentSlug}/so-sanh?from=${Math.max(1, number - 1)}&to=${number}`}>{messages(locale).history.compareWithPrevious}</Link>
      </p>
    </div>
  );
}
