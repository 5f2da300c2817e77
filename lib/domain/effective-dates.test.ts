import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calendarDateOf,
  checkEffectiveDate,
  effectiveTimeline,
  isCalendarDate,
  nextCalendarDate,
  checkWithdrawal,
  nextEffectiveChange,
  periodsInForce,
  prospectiveVersions,
  supersededOn,
  versionInForceOn,
  versionStatus,
  type DatedVersion,
} from "./effective-dates";

const v = (number: number, effectiveFrom: string, withdrawnFrom: string | null = null): DatedVersion => ({ number, effectiveFrom, withdrawnFrom });
const dayOf = (offset: number) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);
const TWO = [v(1, "2025-01-01"), v(2, "2025-06-01")];

describe("calendar days", () => {
  it("accepts real days only", () => {
    expect(isCalendarDate("2025-03-15")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    for (const bad of ["2025-02-29", "2025-13-01", "2025-3-15", "15-03-2025", "2025-03-15T00:00", "", "2025-00-10"]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
  });

  it("counts the day in Vietnam, seven hours ahead of UTC", () => {
    expect(calendarDateOf(new Date("2025-05-31T16:59:59Z"))).toBe("2025-05-31");
    expect(calendarDateOf(new Date("2025-05-31T17:00:00Z"))).toBe("2025-06-01");
  });

  it("steps to the next day across months and leap years", () => {
    expect(nextCalendarDate("2024-02-28")).toBe("2024-02-29");
    expect(nextCalendarDate("2025-02-28")).toBe("2025-03-01");
    expect(nextCalendarDate("2025-12-31")).toBe("2026-01-01");
  });
});

describe("the text in force on a day", () => {
  it("is the latest version whose day has come, none before the first", () => {
    expect(versionInForceOn(TWO, "2024-12-31")).toBeNull();
    expect(versionInForceOn(TWO, "2025-01-01")).toBe(1);
    expect(versionInForceOn(TWO, "2025-03-15")).toBe(1);
    expect(versionInForceOn(TWO, "2025-05-31")).toBe(1);
    expect(versionInForceOn(TWO, "2025-06-01")).toBe(2);
    expect(supersededOn(TWO, 1)).toBe("2025-06-01");
    expect(supersededOn(TWO, 2)).toBeNull();
  });

  it("names statuses by the clock's day", () => {
    expect(versionStatus(TWO, 1, "2025-03-15")).toBe("in_force");
    expect(versionStatus(TWO, 2, "2025-03-15")).toBe("prospective");
    expect(versionStatus(TWO, 1, "2025-06-01")).toBe("superseded");
    expect(prospectiveVersions(TWO, "2025-03-15").map((version) => version.number)).toEqual([2]);
    expect(nextEffectiveChange(TWO, "2025-03-15")).toBe("2025-06-01");
    expect(nextEffectiveChange(TWO, "2025-06-01")).toBeNull();
  });

  it("skips a version withdrawn before its day: it is never in force and supersedes nothing", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-06-01", "2025-05-20")];
    expect(versionInForceOn(versions, "2025-06-01")).toBe(1);
    expect(versionInForceOn(versions, "2026-01-01")).toBe(1);
    expect(supersededOn(versions, 1, "2026-01-01")).toBeNull();
    expect(periodsInForce(versions, 2)).toEqual([]);
    expect(versionStatus(versions, 2, "2025-05-19")).toBe("prospective");
    expect(versionStatus(versions, 2, "2025-05-20")).toBe("withdrawn");
    expect(prospectiveVersions(versions, "2025-05-19")).toEqual([]);
    expect(effectiveTimeline(versions, "2026-01-01").map((entry) => entry.status)).toEqual(["in_force", "withdrawn"]);
  });

  it("a withdrawal looks forward only: before its day the version stays in force, from its day on the one before it is back", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-06-01", "2025-09-10")];
    expect(versionInForceOn(versions, "2025-09-09")).toBe(2);
    expect(versionStatus(versions, 2, "2025-09-09")).toBe("in_force");
    expect(nextEffectiveChange(versions, "2025-09-09")).toBe("2025-09-10");
    expect(versionInForceOn(versions, "2025-09-10")).toBe(1);
    expect(versionStatus(versions, 2, "2025-09-10")).toBe("withdrawn");
    expect(versionStatus(versions, 1, "2025-09-10")).toBe("in_force");
    expect(periodsInForce(versions, 2)).toEqual([{ from: "2025-06-01", until: "2025-09-10", endedBy: "withdrawn" }]);
    expect(periodsInForce(versions, 1)).toEqual([
      { from: "2025-01-01", until: "2025-06-01", endedBy: "superseded" },
      { from: "2025-09-10", until: null, endedBy: null },
    ]);
    // Read on a day of its first period, version 1 was superseded on 2025-06-01; read today it is in force again.
    expect(supersededOn(versions, 1, "2025-03-15")).toBe("2025-06-01");
    expect(supersededOn(versions, 1, "2025-10-01")).toBeNull();
  });

  it("a withdrawn version's successor stays in force: only the withdrawn text is skipped", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-03-01", "2025-07-01"), v(3, "2025-06-01")];
    expect(versionInForceOn(versions, "2025-07-01")).toBe(3);
    expect(periodsInForce(versions, 2)).toEqual([{ from: "2025-03-01", until: "2025-06-01", endedBy: "superseded" }]);
  });

  it("checks a withdrawal: not in the past, once, and never leaving a day without a text in force", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-06-01")];
    expect(checkWithdrawal({ versions, number: 2, today: "2025-07-01" })).toEqual({ ok: true, date: "2025-07-01" });
    expect(checkWithdrawal({ versions, number: 2, today: "2025-07-01", requested: "2025-08-01" })).toEqual({ ok: true, date: "2025-08-01" });
    expect(checkWithdrawal({ versions, number: 2, today: "2025-07-01", requested: "2025-06-30" })).toEqual({ ok: false, reason: "too_early", earliest: "2025-07-01" });
    expect(checkWithdrawal({ versions, number: 2, today: "2025-07-01", requested: "2025-02-31" })).toEqual({ ok: false, reason: "invalid" });
    // Version 1 alone in force: withdrawing it would leave nothing.
    expect(checkWithdrawal({ versions, number: 1, today: "2025-03-01" })).toEqual({ ok: false, reason: "leaves_nothing_in_force", date: "2025-03-01" });
    // Once version 2 is in force, version 1 can be withdrawn (it would matter only if 2 were withdrawn too).
    expect(checkWithdrawal({ versions, number: 1, today: "2025-07-01" })).toEqual({ ok: true, date: "2025-07-01" });
    const withdrawnTwice = [v(1, "2025-01-01"), v(2, "2025-06-01", "2025-07-01")];
    expect(checkWithdrawal({ versions: withdrawnTwice, number: 2, today: "2025-08-01" })).toEqual({ ok: false, reason: "already_withdrawn" });
    expect(checkWithdrawal({ versions: withdrawnTwice, number: 1, today: "2025-08-01" })).toEqual({ ok: false, reason: "leaves_nothing_in_force", date: "2025-08-01" });
  });

  it("a version replaced on the day it takes effect is superseded that same day", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-06-01"), v(3, "2025-06-01")];
    expect(versionInForceOn(versions, "2025-06-01")).toBe(3);
    expect(effectiveTimeline(versions, "2025-06-01")[1]).toMatchObject({ effectiveFrom: "2025-06-01", supersededOn: "2025-06-01", status: "superseded" });
  });

  it("property: on any day exactly one version's period contains it once the first took effect, and it is the one in force", () => {
    const day = fc.integer({ min: 0, max: 800 }).map(dayOf);
    const chain = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: -30, max: 200 }), { nil: null })), { minLength: 1, maxLength: 12 })
      .map((steps) => {
        let offset = 0;
        return steps.map(([gap, withdrawal], index) => {
          offset += gap;
          return v(index + 1, dayOf(offset), withdrawal === null ? null : dayOf(Math.max(0, offset + withdrawal)));
        });
      });
    fc.assert(
      fc.property(chain, day, (versions, when) => {
        const containing = versions.filter((version) =>
          periodsInForce(versions, version.number).some((period) => period.from <= when && (period.until === null || when < period.until)),
        );
        const inForce = versionInForceOn(versions, when);
        expect(containing.map((version) => version.number)).toEqual(inForce === null ? [] : [inForce]);
        const timeline = effectiveTimeline(versions, when);
        expect(timeline.filter((entry) => entry.status === "in_force").map((entry) => entry.number)).toEqual(inForce === null ? [] : [inForce]);
        // The next change is the first later day on which another version is in force.
        const next = nextEffectiveChange(versions, when);
        if (next !== null) {
          expect(versionInForceOn(versions, next)).not.toBe(inForce);
          for (let offset = 1; dayOf(offset) < next; offset += 1) if (dayOf(offset) > when) expect(versionInForceOn(versions, dayOf(offset))).toBe(inForce);
        }
      }),
    );
  });

  it("property: an accepted withdrawal changes nothing before its day and leaves a text in force on every day after", () => {
    const chain = fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }).map((gaps) => {
      let offset = 0;
      return gaps.map((gap, index) => {
        offset += gap;
        return v(index + 1, dayOf(offset));
      });
    });
    fc.assert(
      fc.property(chain, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 60 }), fc.nat(), (versions, todayOffset, later, pick) => {
        const number = (pick % versions.length) + 1;
        const today = dayOf(todayOffset);
        const check = checkWithdrawal({ versions, number, today, requested: dayOf(todayOffset + later) });
        if (!check.ok) return;
        const after = versions.map((version) => (version.number === number ? { ...version, withdrawnFrom: check.date } : version));
        for (let offset = 0; offset < 700; offset += 7) {
          const when = dayOf(offset);
          if (when < check.date) expect(versionInForceOn(after, when)).toBe(versionInForceOn(versions, when));
          else if (when >= versions[0].effectiveFrom) expect(versionInForceOn(after, when)).not.toBeNull();
          if (when >= check.date) expect(versionInForceOn(after, when)).not.toBe(number);
        }
      }),
    );
  });
});

describe("choosing the effective day at publication", () => {
  it("defaults to today, or to the previous version's day when that is later", () => {
    expect(checkEffectiveDate({ today: "2026-12-02", previousEffectiveFrom: "2026-01-01" })).toEqual({ ok: true, date: "2026-12-02" });
    expect(checkEffectiveDate({ today: "2026-12-02", previousEffectiveFrom: "2027-01-01", requested: " " })).toEqual({ ok: true, date: "2027-01-01" });
  });

  it("accepts a later day, refuses the past, the day before the previous version's, and nonsense", () => {
    expect(checkEffectiveDate({ today: "2026-12-02", previousEffectiveFrom: null, requested: "2027-01-01" })).toEqual({ ok: true, date: "2027-01-01" });
    expect(checkEffectiveDate({ today: "2026-12-02", previousEffectiveFrom: null, requested: "2026-12-01" })).toEqual({ ok: false, reason: "too_early", earliest: "2026-12-02" });
    expect(checkEffectiveDate({ today: "2026-12-02", previousEffectiveFrom: "2027-03-01", requested: "2027-02-01" })).toEqual({ ok: false, reason: "too_early", earliest: "2027-03-01" });
    expect(checkEffectiveDate({ today: "2026-12-02", previousEffectiveFrom: null, requested: "2027-02-30" })).toEqual({ ok: false, reason: "invalid" });
  });
});
