/**
 * Effective dates (hiệu lực từ): which published version is the text in force on a given day.
 *
 * A version takes effect on a calendar day, in Vietnam's time (UTC+7 all year): the day it is
 * published, or a later one (a prospective version, "sắp có hiệu lực"). Versions form one chain,
 * each containing the changes of the ones before it, so their effective days never go back: a
 * version cannot take effect before the version it was built on. The text in force on a day is
 * then the highest-numbered version whose effective day has come and whose withdrawal's day (if
 * any) has not; it is superseded on the effective day of the next version that takes effect.
 *
 * Withdrawal (rút) is a logged event (VersionEvent WITHDRAWN, with a reason and the day it takes
 * effect, today or later), never an edit of the version. It looks only forward: on days before
 * it the version stays what it was, in force or not; from its day on the version is skipped, so
 * the text in force falls back to the latest other version that counts (usually the one before).
 * A version withdrawn before its effective day never takes effect. "Superseded" is never recorded:
 * it follows from the next version's effective day, and that version's publication is the event.
 *
 * Nothing here is stored as a state: superseded, prospective, withdrawn and in force follow from
 * the dates, the events and the clock.
 */

/** The time zone effective dates are counted in. */
export const EFFECTIVE_DATE_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Kinds of events recorded about a published version (model VersionEvent). */
export const VERSION_EVENT_KINDS = ["WITHDRAWN"] as const;
export type VersionEventKind = (typeof VERSION_EVENT_KINDS)[number];

/**
 * A withdrawal's reason is published with the version: a sentence or a short paragraph naming
 * why and, usually, the decision behind it; longer texts belong in a new version.
 */
export const WITHDRAWAL_REASON_MAX_LENGTH = 1000;

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
  /** The day its withdrawal takes effect (a WITHDRAWN event), or null while none was recorded. */
  withdrawnFrom: string | null;
}

/** in force · not yet in force · replaced by a later version · withdrawn (from its withdrawal's day on) */
export type VersionStatus = "in_force" | "prospective" | "superseded" | "withdrawn";

function byNumber(versions: readonly DatedVersion[]): DatedVersion[] {
  return [...versions].sort((a, b) => a.number - b.number);
}

/**
 * Whether a version may be the text in force on a day: its day has come and its withdrawal's
 * has not. Days before a withdrawal keep the version (what was in force then stays as it was).
 */
export function countsOn(version: DatedVersion, date: string): boolean {
  return version.effectiveFrom <= date && (version.withdrawnFrom === null || date < version.withdrawnFrom);
}

/** Whether a version is withdrawn on a day (its withdrawal's day has come). */
export function isWithdrawnOn(version: DatedVersion, date: string): boolean {
  return version.withdrawnFrom !== null && version.withdrawnFrom <= date;
}

/** The number of the version in force on a day, or null before the first took effect. */
export function versionInForceOn(versions: readonly DatedVersion[], date: string): number | null {
  let inForce: number | null = null;
  for (const version of byNumber(versions)) {
    if (countsOn(version, date)) inForce = version.number;
  }
  return inForce;
}

/** Every day on which the text in force can change: effective days and withdrawal days, in order. */
function changeDays(versions: readonly DatedVersion[]): string[] {
  const days = new Set<string>();
  for (const version of versions) {
    days.add(version.effectiveFrom);
    if (version.withdrawnFrom !== null) days.add(version.withdrawnFrom);
  }
  return [...days].sort();
}

/** A stretch of days during which one version was the text in force: [from, until). */
export interface PeriodInForce {
  from: string;
  /** The first day it no longer was, or null while it still is (or will be) with nothing after it. */
  until: string | null;
  /** Why it ended: a later version took effect, or this version's own withdrawal. */
  endedBy: "superseded" | "withdrawn" | null;
}

/**
 * The periods in which a version is the text in force, oldest first: usually one, none for a
 * version withdrawn before its day came (or replaced on its very day), and two or more when a
 * later version was withdrawn after taking effect and this one came back into force.
 */
export function periodsInForce(versions: readonly DatedVersion[], number: number): PeriodInForce[] {
  const self = versions.find((candidate) => candidate.number === number);
  if (!self) throw new RangeError(`no version ${number}`);
  const periods: PeriodInForce[] = [];
  let open: string | null = null;
  for (const day of changeDays(versions)) {
    const inForce = versionInForceOn(versions, day) === number;
    if (inForce && open === null) open = day;
    if (!inForce && open !== null) {
      periods.push({ from: open, until: day, endedBy: self.withdrawnFrom === day ? "withdrawn" : "superseded" });
      open = null;
    }
  }
  if (open !== null) periods.push({ from: open, until: null, endedBy: null });
  return periods;
}

/**
 * The period in force that says where a version stands on a day: the one containing the day,
 * else the latest one begun before it, else the first one to come; null when it has none.
 */
export function periodAround(versions: readonly DatedVersion[], number: number, date: string): PeriodInForce | null {
  const periods = periodsInForce(versions, number);
  const begun = periods.filter((period) => period.from <= date);
  return begun.at(-1) ?? periods[0] ?? null;
}

/**
 * The day a version stopped (or will stop) being the text in force because a later version took
 * effect, as seen on `date` (the day read, else the first period's end); null while nothing
 * replaces it, or when its own withdrawal ended it.
 */
export function supersededOn(versions: readonly DatedVersion[], number: number, date?: string): string | null {
  const period = date === undefined ? (periodsInForce(versions, number)[0] ?? null) : periodAround(versions, number, date);
  if (period) return period.endedBy === "superseded" ? period.until : null;
  // Never in force: replaced on its very day, or withdrawn first.
  const self = versions.find((candidate) => candidate.number === number)!;
  if (self.withdrawnFrom !== null && self.withdrawnFrom <= self.effectiveFrom) return null;
  return byNumber(versions).find((version) => version.number > number && countsOn(version, version.effectiveFrom))?.effectiveFrom ?? null;
}

export function versionStatus(versions: readonly DatedVersion[], number: number, today: string): VersionStatus {
  const version = versions.find((candidate) => candidate.number === number);
  if (!version) throw new RangeError(`no version ${number}`);
  if (isWithdrawnOn(version, today)) return "withdrawn";
  if (version.effectiveFrom > today) return "prospective";
  return versionInForceOn(versions, today) === number ? "in_force" : "superseded";
}

/** Versions published but not yet in force on `today`, not withdrawn before their day, oldest first. */
export function prospectiveVersions(versions: readonly DatedVersion[], today: string): DatedVersion[] {
  return byNumber(versions).filter((version) => version.effectiveFrom > today && countsOn(version, version.effectiveFrom));
}

/**
 * The next day after `today` on which the text in force changes (a prospective version takes
 * effect, or a withdrawal does), or null when none is waiting: anything that keeps a copy of the
 * current text must let it go by then.
 */
export function nextEffectiveChange(versions: readonly DatedVersion[], today: string): string | null {
  const current = versionInForceOn(versions, today);
  return changeDays(versions).find((day) => day > today && versionInForceOn(versions, day) !== current) ?? null;
}

export type WithdrawalCheck =
  | { ok: true; date: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "too_early"; earliest: string }
  | { ok: false; reason: "already_withdrawn" }
  | { ok: false; reason: "leaves_nothing_in_force"; date: string };

/**
 * Whether a version may be withdrawn from a day (today when none is asked for). Withdrawal is
 * recorded as an event, never as an edit, and only looks forward: a day in the past would
 * rewrite what was in force then. A version is withdrawn once. From the withdrawal's day on,
 * the text in force is the latest other version that counts (usually the one before it); a
 * withdrawal that would leave no text in force on some day is refused.
 *
 * Withdrawing a version takes its text out of force; later versions, which were built on it and
 * carry its changes, stand on their own text and are withdrawn by their own events.
 */
export function checkWithdrawal(input: { versions: readonly DatedVersion[]; number: number; today: string; requested?: string | null }): WithdrawalCheck {
  const self = input.versions.find((candidate) => candidate.number === input.number);
  if (!self) throw new RangeError(`no version ${input.number}`);
  if (self.withdrawnFrom !== null) return { ok: false, reason: "already_withdrawn" };
  const requested = input.requested?.trim();
  const date = requested || input.today;
  if (!isCalendarDate(date)) return { ok: false, reason: "invalid" };
  if (date < input.today) return { ok: false, reason: "too_early", earliest: input.today };
  const after = input.versions.map((version) => (version.number === input.number ? { ...version, withdrawnFrom: date } : version));
  const firstDay = byNumber(after)[0]?.effectiveFrom;
  for (const day of [date, ...changeDays(after).filter((candidate) => candidate > date)]) {
    if (firstDay !== undefined && day >= firstDay && versionInForceOn(after, day) === null) return { ok: false, reason: "leaves_nothing_in_force", date: day };
  }
  return { ok: true, date };
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
  /** The day a later version replaced (or will replace) it, if one does. */
  supersededOn: string | null;
  /** The day its withdrawal takes effect, if it was withdrawn. */
  withdrawnFrom: string | null;
  status: VersionStatus;
}

/** Every version's interval of efficacy and status on `today`, oldest first. */
export function effectiveTimeline(versions: readonly DatedVersion[], today: string): TimelineEntry[] {
  return byNumber(versions).map((version) => ({
    number: version.number,
    effectiveFrom: version.effectiveFrom,
    supersededOn: supersededOn(versions, version.number, today),
    withdrawnFrom: version.withdrawnFrom,
    status: versionStatus(versions, version.number, today),
  }));
}
