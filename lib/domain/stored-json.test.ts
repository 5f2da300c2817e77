import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_REPORTED_ISSUES, parseStoredJson, StoredDataError } from "./stored-json";

const pointSchema = z.object({ x: z.number(), y: z.number() });

function failure(run: () => unknown): StoredDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoredDataError) return error;
    throw error;
  }
  throw new Error("expected a StoredDataError");
}

describe("parseStoredJson", () => {
  it("gives back stored JSON that has the schema's shape, as the schema outputs it", () => {
    expect(parseStoredJson(pointSchema, '{"x":1,"y":2}', "Shape.point")).toEqual({ x: 1, y: 2 });
    expect(parseStoredJson(z.object({ quote: z.string().default("") }), "{}", "Anchor.quote")).toEqual({ quote: "" });
  });

  it("names the column when the text is not JSON", () => {
    const error = failure(() => parseStoredJson(pointSchema, '{"x":1,', "Shape.point of row 7"));
    expect(error.what).toBe("Shape.point of row 7");
    expect(error.message).toMatch(/^Shape\.point of row 7: is not JSON/);
  });

  it("names the column and the field when the JSON has the wrong shape", () => {
    const error = failure(() => parseStoredJson(pointSchema, '{"x":1,"y":"two"}', "Shape.point"));
    expect(error.message).toMatch(/^Shape\.point: does not hold the shape it should \(y: /);
    expect(failure(() => parseStoredJson(pointSchema, "null", "Shape.point")).message).toMatch(/^Shape\.point: does not hold/);
  });

  it("lists the first few problems of a badly wrong value and counts the rest", () => {
    const many = z.array(z.number());
    const text = JSON.stringify(Array.from({ length: MAX_REPORTED_ISSUES + 2 }, (_, index) => `n${index}`));
    const error = failure(() => parseStoredJson(many, text, "Shape.numbers"));
    expect(error.problem).toContain(`${MAX_REPORTED_ISSUES - 1}: `);
    expect(error.problem).not.toContain(`${MAX_REPORTED_ISSUES}: `);
    expect(error.problem).toMatch(/and 2 more\)$/);
  });
});
