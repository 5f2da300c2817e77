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
  const { document, version, effect, edition } = published;
  const day = (date: string) => formatCalendarDate(date, locale);
  const { withdrawal } = effect;
  // Seen on the day read, the period in force ends with a later version, with this one's own withdrawal, or not yet.
  const seenOn = effect.asOf ?? effect.today;
  const withdrawalEnds = withdrawal !== null && effect.supersededOn === null;
  const sinceUntil = (
    <>
      {t.inForceSentence({ effectiveFrom: day(effect.effectiveFrom) })},{" "}
      {effect.supersededOn
        ? effect.supersededOn <= effect.today
          ? t.supersededSentence({ supersededOn: day(effect.supersededOn) })
          : t.willBeSupersededSentence({ supersededOn: day(effect.supersededOn) })
        : withdrawalEnds && withdrawal.effectiveOn > seenOn
          ? t.willBeWithdrawnClause({ date: day(withdrawal.effectiveOn) })
          : t.stillInForceSentence}
      .
    </>
  );
  const withdrawalNote = withdrawal && (
    <p data-withdrawal data-withdrawn-on={withdrawal.effectiveOn}>
      <strong>
        {withdrawal.effectiveOn <= effect.today ? t.withdrawnOnSentence({ date: day(withdrawal.effectiveOn) }) : t.willBeWithdrawnSentence({ date: day(withdrawal.effectiveOn) })}.
      </strong>{" "}
      {t.withdrawalReason({ reason: withdrawal.reason })}
    </p>
  );
  const seeInForce = effect.inForceNumber !== null && effect.inForceNumber !== version.number && (
    <>
      {" "}
      {t.inForceNow({ number: effect.inForceNumber })} <Link href={currentHref}>{t.seeInForce}</Link>
    </>
  );
  const editionNote = edition && (
    <div className="notice" role="note" data-edition={edition.slug}>
      <p>
        <strong>{t.editionBanner({ name: edition.name, number: version.number })}</strong> {edition.note}
      </p>
      <p className="meta">{t.editionReadingIntro}</p>
    </div>
  );

  if (effect.asOf) {
    return (
      <div className={`notice ${effect.status === "in_force" ? "" : "notice--warn"}`} role="note" data-effect-status={effect.status}>
        <p>
          {t.asOfLead({ date: day(effect.asOf), number: version.number })} {sinceUntil}
          {seeInForce}
        </p>
        {withdrawalNote}
      </div>
    );
  }
  if (permalink) {
    const lead =
      effect.status === "prospective"
        ? t.prospectiveLead({ effectiveFrom: day(effect.effectiveFrom) })
        : effect.status === "withdrawn" && withdrawal
          ? withdrawal.effectiveOn <= effect.effectiveFrom
            ? t.withdrawnLead
            : t.withdrawnFromLead({ date: day(withdrawal.effectiveOn) })
          : sinceUntil;
    return (
      <>
        {editionNote}
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
          {withdrawalNote}
        </div>
      </>
    );
  }
  if (effect.prospective.length === 0 && effect.withdrawnLater.length === 0 && !withdrawal) return null;
  return (
    <div className="notice" role="status" data-effect-status={effect.prospective.length > 0 ? "prospective" : effect.status}>
      {effect.withdrawnLater.map((withdrawn) => (
        <p key={`w${withdrawn.number}`} data-withdrawn-later={withdrawn.number}>
          {t.withdrawnLaterNotice({ number: withdrawn.number, date: day(withdrawn.effectiveOn), reason: withdrawn.reason })}{" "}
          <Link href={`/${document.slug}/v/${withdrawn.number}`}>{t.upcomingRead({ number: withdrawn.number })}</Link>
        </p>
      ))}
      {withdrawalNote}
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
