import type { AtomEntry } from "../../domain/history/atom";
import type { VersionHistoryEntry } from "./list-versions";
import type { VersionEventEntry } from "../publication/version-events";
import { calendarDateOf } from "../../domain/effective-dates";
import { formatCalendarDate, organizationName } from "../../i18n/format";
import { messages } from "../../i18n/messages";
import { versionSummaryText } from "../../i18n/diff-summary";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";

/** What feed entries share: where a version lives, and the lines that describe who made it. */

/** Entries per feed: readers poll for what is new; the full record is on the history page and in the API. */
export const MAX_FEED_ENTRIES = 50;

/** Feed authorship when a version has no proposing ministry (the first import). */
export const FEED_AUTHOR = "Cẩm nang mở";

/** The query that asks a feed for a language (none for the default one, so existing subscriptions keep their address). */
export function feedLanguageQuery(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? "" : `?lang=${locale}`;
}

export function permalinkUrl(baseUrl: string, documentSlug: string, number: number, sectionSlug?: string): string {
  return `${baseUrl}/${documentSlug}/v/${number}${sectionSlug ? `/${sectionSlug}` : ""}`;
}

/** The diff that introduced a version; the first version has none, so its permalink instead. */
export function versionDiffUrl(baseUrl: string, documentSlug: string, number: number): string {
  if (number <= 1) return permalinkUrl(baseUrl, documentSlug, number);
  return `${baseUrl}/${documentSlug}/so-sanh?from=${number - 1}&to=${number}`;
}

export function entryTitle(version: VersionHistoryEntry, locale: Locale): string {
  return messages(locale).history.feedText.entryTitle(version.number, version.proposal?.title ?? null);
}

export function entryAuthor(version: VersionHistoryEntry): string {
  return version.organization?.name ?? version.publisher?.name ?? FEED_AUTHOR;
}

export function provenanceLines(version: VersionHistoryEntry, locale: Locale): string[] {
  const t = messages(locale).history.feedText;
  const lines: string[] = [];
  // Both dates of the version: when it was published and the day it takes (or took) effect.
  lines.push(
    messages(locale).publication.feedDates({
      published: formatCalendarDate(calendarDateOf(version.publishedAt), locale),
      effectiveFrom: formatCalendarDate(version.effectiveFrom, locale),
    }),
  );
  if (version.organization) lines.push(t.proposedBy(organizationName(version.organization, locale)));
  if (version.authors.length > 0) lines.push(t.contributors(version.authors.map((author) => author.name).join(", ")));
  if (version.approvals.length > 0) {
    lines.push(
      t.approvedBy(
        version.approvals
          .map((approval) => (approval.organization ? `${approval.reviewer.name} (${organizationName(approval.organization, locale)})` : approval.reviewer.name))
          .join(", "),
      ),
    );
  }
  if (version.publisher) lines.push(t.publishedBy(version.publisher.name));
  lines.push(t.hash(version.hash));
  return lines;
}

export function versionEntry(baseUrl: string, documentSlug: string, version: VersionHistoryEntry, locale: Locale): AtomEntry {
  const summary = versionSummaryText(version, locale);
  return {
    id: permalinkUrl(baseUrl, documentSlug, version.number),
    title: entryTitle(version, locale),
    updated: version.publishedAt,
    link: versionDiffUrl(baseUrl, documentSlug, version.number),
    summary: summary || entryTitle(version, locale),
    details: [summary, ...provenanceLines(version, locale)].filter((line) => line.length > 0),
    authorName: entryAuthor(version),
  };
}

/** A withdrawal of a version: its own entry, so that feed readers learn it the day it is recorded. */
export function withdrawalEntry(baseUrl: string, documentSlug: string, event: VersionEventEntry, locale: Locale): AtomEntry {
  const t = messages(locale).publication;
  const title = t.feedWithdrawnTitle({ number: event.version });
  return {
    id: `${permalinkUrl(baseUrl, documentSlug, event.version)}#rut`,
    title,
    updated: event.recordedAt,
    link: permalinkUrl(baseUrl, documentSlug, event.version),
    summary: `${title}: ${event.reason}`,
    details: [t.withdrawnOnSentence({ date: formatCalendarDate(event.effectiveOn, locale) }), t.withdrawalReason({ reason: event.reason })],
    authorName: FEED_AUTHOR,
  };
}
