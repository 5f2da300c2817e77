import { describe, expect, it } from "vitest";
import { parseClockSetting, parseClockTime } from "./clock";

describe("HANDBOOK_CLOCK", () => {
  it("is the system clock when unset or empty", () => {
    expect(parseClockSetting(undefined)).toEqual({ kind: "system" });
    expect(parseClockSetting("  ")).toEqual({ kind: "system" });
  });

  it("fixes a day at noon in Vietnam, or an instant with its offset", () => {
    expect(parseClockSetting("2025-03-15")).toEqual({ kind: "fixed", at: new Date("2025-03-15T05:00:00Z") });
    expect(parseClockSetting("2025-06-01T00:00:00+07:00")).toEqual({ kind: "fixed", at: new Date("2025-05-31T17:00:00Z") });
    expect(parseClockSetting("file:/tmp/clock")).toEqual({ kind: "file", path: "/tmp/clock" });
  });

  it("refuses what would be read in the server's own zone or does not exist", () => {
    for (const bad of ["2025-03-15T08:30", "2025-02-30", "tomorrow", "file:"]) {
      expect(() => parseClockSetting(bad), bad).toThrow(RangeError);
    }
    expect(parseClockTime("2025-02-30")).toBeNull();
  });
});
