import fc from "fast-check";
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { decimalAbovePattern, OVER_ACTION_LIMIT_CONTENT_LENGTH, SERVER_ACTION_BODY_LIMIT_BYTES } from "./action-body-limit.mjs";

const matches = (limit: number, value: string) => new RegExp(`^(?:${decimalAbovePattern(limit)})$`).test(value);

describe("the pattern of the integers above a limit (Content-Length in next.config.js rewrites)", () => {
  it("matches exactly the values above the limit, with or without leading zeros", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 40 }), fc.nat({ max: 3 }), (limit, value, zeros) => {
        expect(matches(limit, "0".repeat(zeros) + String(value))).toBe(value > limit);
      }),
      { seed: 20261210, numRuns: 2_000 },
    );
  });

  it("is right at the edges of the server actions' 3 MiB", () => {
    const limit = 3 * 1024 * 1024;
    for (const [value, above] of [[limit - 1, false], [limit, false], [limit + 1, true], [9_999_999, true], [10 ** 12, true], [0, false]] as const) {
      expect(matches(limit, String(value)), String(value)).toBe(above);
    }
    expect(matches(limit, "")).toBe(false);
    expect(matches(limit, "3145729x")).toBe(false);
  });

  it("refuses limits that are not whole numbers", () => {
    expect(() => decimalAbovePattern(-1)).toThrow(RangeError);
    expect(() => decimalAbovePattern(1.5)).toThrow(RangeError);
  });
});

describe("the server actions' limit where Next needs it written out", () => {
  it("is the same pattern in proxy.ts's matcher, which Next reads without running any code", () => {
    const proxy = fs.readFileSync(path.join(process.cwd(), "proxy.ts"), "utf8");
    const written = [...proxy.matchAll(/key: "content-length", value: "([^"]+)"/g)].map((match) => match[1].replace(/\\\\/g, "\\"));
    expect(written).toContain(OVER_ACTION_LIMIT_CONTENT_LENGTH);
    expect(OVER_ACTION_LIMIT_CONTENT_LENGTH).toBe(decimalAbovePattern(SERVER_ACTION_BODY_LIMIT_BYTES));
  });
});
