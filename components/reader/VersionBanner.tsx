import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { formatDateTime } from "@/lib/i18n/format";

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
  return (
    <div className={`notice ${isCurrent ? "" : "notice--warn"}`} role="note">
      {locale === "vi" ? (
        <p>
          Bạn đang xem <strong>phiên bản {number}</strong>, ban hành {when}.{" "}
          {isCurrent ? "Đây là phiên bản hiện hành." : <>Đây không phải phiên bản hiện hành (phiên bản {headNumber}). </>}
          {!isCurrent && <Link href={currentHref}>Xem bản hiện hành</Link>}{" "}
          · <Link href={`/${documentSlug}/so-sanh?from=${Math.max(1, number - 1)}&to=${number}`}>So sánh với phiên bản trước</Link>
        </p>
      ) : (
        <p>
          You are viewing <strong>version {number}</strong>, published {when}.{" "}
          {isCurrent ? "This is the current version." : <>This is not the current version (version {headNumber}). </>}
          {!isCurrent && <Link href={currentHref}>See the current text</Link>}{" "}
          · <Link href={`/${documentSlug}/so-sanh?from=${Math.max(1, number - 1)}&to=${number}`}>Compare with the previous version</Link>
        </p>
      )}
    </div>
  );
}
