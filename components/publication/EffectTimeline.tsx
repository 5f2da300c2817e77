import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { DatedTimelineEntry } from "@/lib/services/publication/timeline";
import type { VersionEventEntry } from "@/lib/services/publication/version-events";

/** "Dòng thời gian hiệu lực": each version's publication and effective dates side by side, newest first. */
export function EffectTimeline({ documentSlug, entries, events = [], locale }: { documentSlug: string; entries: DatedTimelineEntry[]; events?: VersionEventEntry[]; locale: Locale }) {
  const t = messages(locale).publication;
  return (
    <section aria-labelledby="effect-timeline" className="card effect-timeline">
      <h2 id="effect-timeline">{t.timelineHeading}</h2>
      <p className="meta">{t.timelineIntro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.timelineVersion}</th>
            <th scope="col">{t.published}</th>
            <th scope="col">{t.effectiveFrom}</th>
            <th scope="col">{t.effectiveUntil}</th>
            <th scope="col">{t.timelineWithdrawn}</th>
            <th scope="col">{t.timelineStatus}</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((entry) => (
            <tr key={entry.number} data-version={entry.number} data-status={entry.status}>
              <th scope="row"><Link href={`/${documentSlug}/v/${entry.number}`}>{t.versionLink({ number: entry.number })}</Link></th>
              <td><time dateTime={entry.publishedAt.toISOString()}>{formatDateTime(entry.publishedAt, locale)}</time></td>
              <td>
                <Link href={`/${documentSlug}/ngay/${entry.effectiveFrom}`}>
                  <time dateTime={entry.effectiveFrom}>{formatCalendarDate(entry.effectiveFrom, locale)}</time>
                </Link>
              </td>
              <td>{entry.supersededOn ? <time dateTime={entry.supersededOn}>{formatCalendarDate(entry.supersededOn, locale)}</time> : t.stillInForce}</td>
              <td>{entry.withdrawnFrom ? <time dateTime={entry.withdrawnFrom}>{formatCalendarDate(entry.withdrawnFrom, locale)}</time> : t.stillInForce}</td>
              <td>{t.status[entry.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length > 0 && (
        <>
          <h3>{t.timelineEvents}</h3>
          <ul data-version-events>
            {events.map((event, index) => (
              <li key={index} data-event-kind={event.kind} data-version={event.version}>
                <time dateTime={event.recordedAt.toISOString()}>{formatDateTime(event.recordedAt, locale)}</time>:{" "}
                {t.eventLine({ number: event.version, date: formatCalendarDate(event.effectiveOn, locale), reason: event.reason })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
