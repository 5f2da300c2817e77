import fs from "node:fs";
import { parseClockSetting, parseClockTime, type ClockSetting } from "../domain/clock";
import { calendarDateOf } from "../domain/effective-dates";

/**
 * The one clock that decides which version is in force: the system's, unless HANDBOOK_CLOCK sets
 * it (lib/domain/clock.ts). Services take an optional `now` parameter that wins over both, so
 * integration tests pass a time instead of setting the environment.
 */
let parsed: { raw: string | undefined; setting: ClockSetting } | null = null;

function setting(): ClockSetting {
  const raw = process.env.HANDBOOK_CLOCK;
  if (!parsed || parsed.raw !== raw) parsed = { raw, setting: parseClockSetting(raw) };
  return parsed.setting;
}

export function now(): Date {
  const current = setting();
  if (current.kind === "fixed") return new Date(current.at.getTime());
  if (current.kind === "file") {
    let text = "";
    try {
      text = fs.readFileSync(current.path, "utf8");
    } catch {
      // No file yet: the system clock, until a test writes one.
    }
    if (text.trim() !== "") {
      const at = parseClockTime(text);
      if (!at) throw new RangeError(`the clock file ${current.path} must hold YYYY-MM-DD or an ISO 8601 instant with an offset`);
      return at;
    }
  }
  return new Date();
}

/** Today's calendar day in Vietnam by this clock (or by `at` when given). */
export function today(at?: Date): string {
  return calendarDateOf(at ?? now());
}
