/**
 * Effective dates (hiệu lực từ): which published version is the text in force on a given day.
 *
 * A version takes effect on a calendar day, in Vietnam's time (UTC+7 all year): the day it is
 * published, or a later one (a prospective version, "sắp có hiệu lực"). Versions form one chain,
 * each containing the changes of the ones before it, so their effective days never go back: a
 * version cannot take effect before the version it was built on. The text in force on a day is
 * then the highest-numbered version, not withdrawn, whose effective day has come; it is
 * superseded on the effective day of the next version that is not withdrawn.
 *
 * Nothing here is stored as a state: superseded, prospective and in force follow from the dates
 * and the clock, and withdrawal is a logged event (VersionEvent), never an edit of the version.
 */

/** The time zone effective dates are counted in. */
export const EFFECTIVE_DATE_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Kinds of events recorded about a published version (model VersionEvent). */
export const VERSION_EVENT_KINDS = ["WITHDRAWN"] as const;
export type VersionEventKind = (typeof VERSION_EVENT_KINDS)[number];

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar day written YYYY-MM-DD ("2025-02-30" is not). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() >= 1 && date.toISOString().slice(0, 10) === value;
}

const vietnamDay = new Intl.DateTimeFormat("en-CA", { timeZone: EFFECTIVE_DATE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day (YYYY-MM-DD) an instant falls on in Vietnam. */
export function calendarDateOf(instant: Date): string {
  return vietnamDay.format(instant);
}

/** The day after a calendar day. */
export function nextCalendarDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** What a timeline needs to know about a version. */
export interface DatedVersion {
  number: number;
  effectiveFrom: string;
  withdrawn: boolean;
}

/** in force · not yet in force · replaced by a later version · withdrawn before taking effect */
export type VersionStatus = "in_force" | "prospective" | "superseded" | "withdrawn";

function byNumber(versions: readonly DatedVersion[]): DatedVersion[] {
  return [...versions].sort((a, b) => a.number - b.number);
}

/** The number of the version in force on a day, or null before the first took effect. */
export function versionInForceOn(versions: readonly DatedVersion[], date: string): number | null {
  let inForce: number | null = null;
  for (const version of byNumber(versions)) {
    if (!version.withdrawn && version.effectiveFrom <= date) inForce = version.number;
  }
  return inForce;
}

/**
 * The day a version stopped (or will stop) being the text in force: the effective day of the
 * next version that is not withdrawn; null while none follows it.
 */
export function supersededOn(versions: readonly DatedVersion[], number: number): string | null {
  const next = byNumber(versions).find((version) => version.number > number && !version.withdrawn);
  return next ? next.effectiveFrom : null;
}

export function versionStatus(versions: readonly DatedVersion[], number: number, today: string): VersionStatus {
  const version = versions.find((candidate) => candidate.number === number);
  if (!version) throw new RangeError(`no version ${number}`);
  if (version.withdrawn) return "withdrawn";
  if (version.effectiveFrom > today) return "prospective";
  return versionInForceOn(versions, today) === number ? "in_force" : "superseded";
}

/** Versions published but not yet in force on `today`, not withdrawn, oldest first. */
export function prospectiveVersions(versions: readonly DatedVersion[], today: string): DatedVersion[] {
  return byNumber(versions).filter((version) => !version.withdrawn && version.effectiveFrom > today);
}

/**
 * The next day on which the text in force changes after `today` (a prospective version takes
 * effect), or null when none is waiting: anything that keeps a copy of the current text must
 * let it go by then.
 */
export function nextEffectiveChange(versions: readonly DatedVersion[], today: string): string | null {
  return prospectiveVersions(versions, today)[0]?.effectiveFrom ?? null;
}

/**
 * The earliest day a new version may take effect: today, and never before the version it
 * follows (which it contains).
 */
export function earliestEffectiveDate(today: string, previousEffectiveFrom: string | null): string {
  return previousEffectiveFrom !== null && previousEffectiveFrom > today ? previousEffectiveFrom : today;
}

export type EffectiveDateCheck =
  | { ok: true; date: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "too_early"; earliest: string };

/**
 * The effective day of a version about to be published: the one asked for, or the earliest
 * allowed when none is asked for. A day in the past would rewrite what was in force then, and
 * one before the previous version's would take effect without the changes it is built on.
 */
export function checkEffectiveDate(input: { requested?: string | null; today: string; previousEffectiveFrom: string | null }): EffectiveDateCheck {
  const earliest = earliestEffectiveDate(input.today, input.previousEffectiveFrom);
  const requested = input.requested?.trim();
  if (!requested) return { ok: true, date: earliest };
  if (!isCalendarDate(requested)) return { ok: false, reason: "invalid" };
  if (requested < earliest) return { ok: false, reason: "too_early", earliest };
  return { ok: true, date: requested };
}

/** One version's place on the timeline: when it was published, in force from and until. */
export interface TimelineEntry {
  number: number;
  effectiveFrom: string;
  /** The effective day of the next version that is not withdrawn, if any. */
  supersededOn: string | null;
  status: VersionStatus;
}

/** Every version's interval of efficacy and status on `today`, oldest first. */
export function effectiveTimeline(versions: readonly DatedVersion[], today: string): TimelineEntry[] {
  return byNumber(versions).map((version) => ({
    number: version.number,
    effectiveFrom: version.effectiveFrom,
    supersededOn: version.withdrawn ? null : supersededOn(versions, version.number),
    status: versionStatus(versions, version.number, today),
  }));
}
