/**
 * What HANDBOOK_CLOCK may say. Unset, the clock is the system's. Tests and demonstrations set it
 * to see a prospective version take effect without waiting for its day:
 * - a calendar day `2025-03-15`: noon of that day in Vietnam, always;
 * - an instant `2025-03-15T08:30:00+07:00` (ISO 8601 with an offset or Z), always;
 * - `file:/path/to/clock`: the file holds a day or an instant and is read again on every call,
 *   so a running server's clock can be moved (a missing or empty file means the system clock).
 */
export type ClockSetting = { kind: "system" } | { kind: "fixed"; at: Date } | { kind: "file"; path: string };

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant with an explicit offset: a bare "2025-03-15T08:30" would depend on the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A fixed time from a day or an instant; null when the text is neither. */
export function parseClockTime(text: string): Date | null {
  const value = text.trim();
  const iso = CALENDAR_DAY.test(value) ? `${value}T12:00:00+07:00` : INSTANT.test(value) ? value : null;
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  // Date accepts "2025-02-30" by rolling over; a clock set to a day that does not exist is a mistake.
  if (CALENDAR_DAY.test(value) && at.toISOString().slice(0, 10) !== value) return null;
  return at;
}

export function parseClockSetting(value: string | undefined): ClockSetting {
  const text = value?.trim() ?? "";
  if (text === "") return { kind: "system" };
  if (text.startsWith("file:")) {
    const path = text.slice("file:".length);
    if (path === "") throw new RangeError("HANDBOOK_CLOCK=file: needs a path");
    return { kind: "file", path };
  }
  const at = parseClockTime(text);
  if (!at) throw new RangeError(`HANDBOOK_CLOCK must be YYYY-MM-DD, an ISO 8601 instant with an offset, or file:<path>; got ${JSON.stringify(text)}`);
  return { kind: "fixed", at };
}
