import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical";
import { canonicalEqual } from "./canonical-equal";

/**
 * Strings that are equal only after NFC, equal in bytes, or different; keys that may be
 * null, undefined or missing; nodes shaped like Tiptap blocks, nested.
 */
const word = fc.constantFrom("Việt", "Vie\u0323\u0302t", "nam", "", "1", "a\u0301", "\u00e1");
const leaf = fc.oneof(word, fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 3 }),
  // undefined only as a member (where canonical JSON drops it, as it drops null): in an array JSON writes it as null.
  object: fc.dictionary(fc.constantFrom("type", "text", "attrs", "marks", "content", "id"), fc.option(tie("value"), { nil: undefined }), { maxKeys: 4 }),
})).value;

describe("canonicalEqual", () => {
  it("says two values are equal exactly when their canonical JSON is", () => {
    fc.assert(
      fc.property(value, value, (left, right) => {
        expect(canonicalEqual(left, right)).toBe(canonicalJson(left) === canonicalJson(right));
        expect(canonicalEqual(left, structuredClone(left))).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it("finds equal a value and its copy with strings decomposed and keys reordered", () => {
    const reshape = (input: unknown): unknown => {
      if (typeof input === "string") return input.normalize("NFD");
      if (Array.isArray(input)) return input.map(reshape);
      if (input !== null && typeof input === "object") {
        return Object.fromEntries(Object.entries(input).reverse().map(([key, child]) => [key, reshape(child)]));
      }
      return input;
    };
    fc.assert(
      fc.property(value, (input) => {
        expect(canonicalEqual(input, reshape(input))).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
