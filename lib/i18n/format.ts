import type { Locale } from "./locales";

/** An organization's name in the reader's language (organizations are named in both). */
export function organizationName(organization: { name: string; nameEn: string }, locale: Locale): string {
  const names: Record<Locale, string> = { vi: organization.name, en: organization.nameEn };
  return names[locale];
}

const TIME_ZONE = "Asia/Ho_Chi_Minh";

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(date);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 ngày trước" / "3 days ago". */
export function formatRelative(date: Date, locale: Locale, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { numeric: "auto" });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "minute");
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date written YYYY-MM-DD (an effective date: a day, not a moment) as people read
 * it, "1 tháng 7, 2026" / "1 July 2026". Throws on anything that is not a real date.
 */
export function formatCalendarDate(isoDate: string, locale: Locale): string {
  const match = CALENDAR_DATE.exec(isoDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== isoDate) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${isoDate}`);
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}
