import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calendarDateOf,
  checkEffectiveDate,
  effectiveTimeline,
  isCalendarDate,
  nextCalendarDate,
  nextEffectiveChange,
  prospectiveVersions,
  supersededOn,
  versionInForceOn,
  versionStatus,
  type DatedVersion,
} from "./effective-dates";

const v = (number: number, effectiveFrom: string, withdrawn = false): DatedVersion => ({ number, effectiveFrom, withdrawn });
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

  it("skips a withdrawn version: it is never in force and supersedes nothing", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-06-01", true)];
    expect(versionInForceOn(versions, "2026-01-01")).toBe(1);
    expect(supersededOn(versions, 1)).toBeNull();
    expect(versionStatus(versions, 2, "2026-01-01")).toBe("withdrawn");
    expect(effectiveTimeline(versions, "2026-01-01").map((entry) => entry.status)).toEqual(["in_force", "withdrawn"]);
  });

  it("a version replaced on the day it takes effect is superseded that same day", () => {
    const versions = [v(1, "2025-01-01"), v(2, "2025-06-01"), v(3, "2025-06-01")];
    expect(versionInForceOn(versions, "2025-06-01")).toBe(3);
    expect(effectiveTimeline(versions, "2025-06-01")[1]).toMatchObject({ effectiveFrom: "2025-06-01", supersededOn: "2025-06-01", status: "superseded" });
  });

  it("property: on any day exactly the versions whose intervals contain it are in force, at most one", () => {
    const day = fc.integer({ min: 0, max: 800 }).map((offset) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10));
    const chain = fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.boolean()), { minLength: 1, maxLength: 12 }).map((steps) => {
      let offset = 0;
      return steps.map(([gap, withdrawn], index) => {
        offset += gap;
        return v(index + 1, new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10), withdrawn);
      });
    });
    fc.assert(
      fc.property(chain, day, (versions, when) => {
        const timeline = effectiveTimeline(versions, when);
        const containing = timeline.filter((entry) => entry.status !== "withdrawn" && entry.effectiveFrom <= when && (entry.supersededOn === null || when < entry.supersededOn));
        const inForce = versionInForceOn(versions, when);
        expect(containing.map((entry) => entry.number)).toEqual(inForce === null ? [] : [inForce]);
        expect(timeline.filter((entry) => entry.status === "in_force").length).toBeLessThanOrEqual(1);
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
