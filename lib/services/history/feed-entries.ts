import type { AtomEntry } from "../../domain/history/atom";
import type { SectionChangeKind } from "../../domain/history/section-history";
import type { VersionHistoryEntry } from "./list-versions";
import type { VersionEventEntry } from "../publication/version-events";
import { calendarDateOf } from "../../domain/effective-dates";
import { formatCalendarDate } from "../../i18n/format";
import { messages } from "../../i18n/messages";

/** What feed entries share: where a version lives, and the lines that describe who made it. */

/** Entries per feed: readers poll for what is new; the full record is on the history page and in the API. */
export const MAX_FEED_ENTRIES = 50;

/** Feed authorship when a version has no proposing ministry (the first import). */
export const FEED_AUTHOR = "Cẩm nang mở";

export function permalinkUrl(baseUrl: string, documentSlug: string, number: number, sectionSlug?: string): string {
  return `${baseUrl}/${documentSlug}/v/${number}${sectionSlug ? `/${sectionSlug}` : ""}`;
}

/** The diff that introduced a version; the first version has none, so its permalink instead. */
export function versionDiffUrl(baseUrl: string, documentSlug: string, number: number): string {
  if (number <= 1) return permalinkUrl(baseUrl, documentSlug, number);
  return `${baseUrl}/${documentSlug}/so-sanh?from=${number - 1}&to=${number}`;
}

export function entryTitle(version: VersionHistoryEntry): string {
  return version.proposal ? `Phiên bản ${version.number}: ${version.proposal.title}` : `Phiên bản ${version.number}`;
}

export function entryAuthor(version: VersionHistoryEntry): string {
  return version.organization?.name ?? version.publisher?.name ?? FEED_AUTHOR;
}

export function provenanceLines(version: VersionHistoryEntry): string[] {
  const lines: string[] = [];
  // Both dates of the version: when it was published and the day it takes (or took) effect.
  lines.push(
    messages("vi").publication.feedDates({
      published: formatCalendarDate(calendarDateOf(version.publishedAt), "vi"),
      effectiveFrom: formatCalendarDate(version.effectiveFrom, "vi"),
    }),
  );
  if (version.organization) lines.push(`Cơ quan đề xuất: ${version.organization.name}`);
  if (version.authors.length > 0) lines.push(`Người đóng góp: ${version.authors.map((author) => author.name).join(", ")}`);
  if (version.approvals.length > 0) {
    lines.push(`Phê duyệt: ${version.approvals.map((approval) => approval.organization ? `${approval.reviewer.name} (${approval.organization.name})` : approval.reviewer.name).join(", ")}`);
  }
  if (version.publisher) lines.push(`Ban hành bởi: ${version.publisher.name}`);
  lines.push(`Mã băm SHA-256: ${version.hash}`);
  return lines;
}

const CHANGE_WORDS: Record<SectionChangeKind, string> = {
  added: "thêm mục",
  removed: "xóa mục",
  content: "sửa nội dung",
  renamed: "đổi tên",
  moved: "chuyển vị trí",
};

export function sectionChangeSummary(kinds: readonly SectionChangeKind[], wordsAdded: number, wordsRemoved: number, previousTitle: string | null): string {
  const parts = kinds.map((kind) => (kind === "renamed" && previousTitle ? `đổi tên từ “${previousTitle}”` : CHANGE_WORDS[kind]));
  if (wordsAdded > 0) parts.push(`thêm ${wordsAdded} từ`);
  if (wordsRemoved > 0) parts.push(`xóa ${wordsRemoved} từ`);
  const text = parts.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function versionEntry(baseUrl: string, documentSlug: string, version: VersionHistoryEntry): AtomEntry {
  return {
    id: permalinkUrl(baseUrl, documentSlug, version.number),
    title: entryTitle(version),
    updated: version.publishedAt,
    link: versionDiffUrl(baseUrl, documentSlug, version.number),
    summary: version.summary || entryTitle(version),
    details: [version.summary, ...provenanceLines(version)].filter((line) => line.length > 0),
    authorName: entryAuthor(version),
  };
}

/** A withdrawal of a version: its own entry, so that feed readers learn it the day it is recorded. */
export function withdrawalEntry(baseUrl: string, documentSlug: string, event: VersionEventEntry): AtomEntry {
  const t = messages("vi").publication;
  const title = t.feedWithdrawnTitle({ number: event.version });
  return {
    id: `${permalinkUrl(baseUrl, documentSlug, event.version)}#rut`,
    title,
    updated: event.recordedAt,
    link: permalinkUrl(baseUrl, documentSlug, event.version),
    summary: `${title}: ${event.reason}`,
    details: [t.withdrawnOnSentence({ date: formatCalendarDate(event.effectiveOn, "vi") }), t.withdrawalReason({ reason: event.reason })],
    authorName: FEED_AUTHOR,
  };
}
