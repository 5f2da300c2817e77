import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, latestDigestTime, retryDelayMs } from "./email-delivery";

describe("latestDigestTime", () => {
  it("is 07:00 in Vietnam (00:00 UTC) of the same day once it has passed, else of the day before", () => {
    expect(latestDigestTime(new Date("2026-03-10T00:00:00Z")).toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(latestDigestTime(new Date("2026-03-10T16:59:59Z")).toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(latestDigestTime(new Date("2026-03-09T23:59:59Z")).toISOString()).toBe("2026-03-09T00:00:00.000Z");
  });
});

describe("retryDelayMs", () => {
  it("doubles from one minute and stops growing at the cap", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(40)).toBe(MAX_RETRY_DELAY_MS);
  });
});
