import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { PublishedDocument } from "@/lib/services/read-document";

/**
 * Where the text on screen stands in time: on the text in force on a day, "văn bản có hiệu lực
 * ngày …, đã được thay thế ngày …"; on a version's permalink, its status; on the current text, the
 * prospective versions waiting to replace it.
 */
export function EffectBanner({ published, locale, permalink, currentHref }: { published: PublishedDocument; locale: Locale; permalink: boolean; currentHref: string }) {
  const t = messages(locale).publication;
  const { document, version, effect } = published;
  const day = (date: string) => formatCalendarDate(date, locale);
  const sinceUntil = (
    <>
      {t.inForceSentence({ effectiveFrom: day(effect.effectiveFrom) })},{" "}
      {effect.supersededOn
        ? effect.supersededOn <= effect.today
          ? t.supersededSentence({ supersededOn: day(effect.supersededOn) })
          : t.willBeSupersededSentence({ supersededOn: day(effect.supersededOn) })
        : t.stillInForceSentence}
      .
    </>
  );
  const seeInForce = effect.inForceNumber !== null && effect.inForceNumber !== version.number && (
    <>
      {" "}
      {t.inForceNow({ number: effect.inForceNumber })} <Link href={currentHref}>{t.seeInForce}</Link>
    </>
  );

  if (effect.asOf) {
    return (
      <div className={`notice ${effect.status === "in_force" ? "" : "notice--warn"}`} role="note" data-effect-status={effect.status}>
        <p>
          {t.asOfLead({ date: day(effect.asOf), number: version.number })} {sinceUntil}
          {seeInForce}
        </p>
      </div>
    );
  }
  if (permalink) {
    const lead =
      effect.status === "prospective"
        ? t.prospectiveLead({ effectiveFrom: day(effect.effectiveFrom) })
        : effect.status === "withdrawn"
          ? t.withdrawnLead
          : sinceUntil;
    return (
      <div className={`notice ${effect.status === "in_force" ? "" : "notice--warn"}`} role="note" data-effect-status={effect.status}>
        <p>
          {t.versionLead({ number: version.number, published: formatDateTime(version.publishedAt, locale) })} <strong>{t.status[effect.status]}</strong>. {lead}
          {seeInForce}
          {version.number > 1 && (
            <>
              {" "}· <Link href={`/${document.slug}/so-sanh?from=${version.number - 1}&to=${version.number}`}>{t.compareWithPrevious}</Link>
            </>
          )}
        </p>
      </div>
    );
  }
  if (effect.prospective.length === 0) return null;
  return (
    <div className="notice" role="status" data-effect-status="prospective">
      {effect.prospective.map((upcoming) => (
        <p key={upcoming.number}>
          <strong>{t.status.prospective}.</strong> {t.upcoming({ number: upcoming.number, effectiveFrom: day(upcoming.effectiveFrom) })}{" "}
          <Link href={`/${document.slug}/so-sanh?from=${version.number}&to=${upcoming.number}`}>{t.upcomingDiff}</Link> ·{" "}
          <Link href={`/${document.slug}/v/${upcoming.number}`}>{t.upcomingRead({ number: upcoming.number })}</Link>
        </p>
      ))}
    </div>
  );
}

/** "Read the text in force on …": a day picker that opens /{document}/ngay/{day}. */
export function InForceDatePicker({ documentSlug, locale, value }: { documentSlug: string; locale: Locale; value?: string }) {
  const t = messages(locale).publication;
  return (
    <form className="inline-form no-print" method="get" action={`/${documentSlug}/ngay`}>
      <label htmlFor="in-force-on">{t.pickDateLabel}</label>
      <input id="in-force-on" name="d" type="date" required defaultValue={value} />
      <button className="button button--small" type="submit">{t.pickDateButton}</button>
    </form>
  );
}
