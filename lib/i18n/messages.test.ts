import { describe, expect, it } from "vitest";
import { LOCALES, requestLocale } from "./locales";
import { MESSAGES } from "./messages";
import { plural } from "./plural";

function leaves(value: unknown, path: string[] = []): { path: string; value: unknown }[] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
  }
  return [{ path: path.join("."), value }];
}

/**
 * Renders a leaf: strings as they are; functions with sample positional arguments (numbers and
 * words), or else with one parameters object whose every property is a word.
 */
/** Entries whose parameters hold lists of structured problems, which sample words cannot stand for. */
const SAMPLE_PARAMS: Record<string, unknown> = {
  "errors.invalidInput": { issues: [{ path: "title", issue: { code: "too_small", origin: "string", minimum: 3, inclusive: true } }] },
  "errors.invalidReview": { issues: [{ path: "", issue: { code: "invalid_type", expected: "object" } }] },
  "errors.invalidContent": { problems: [{ key: "unsafeLink", value: "javascript:x" }] },
  "errors.importInvalid": { problems: [{ section: 1, title: "Mục", kind: "titleLength", max: 200 }] },
  "collab.refusals.invalid-content": { problems: [{ key: "textWithoutText" }] },
};

function renderLeaf(value: unknown, path = ""): string {
  if (typeof value === "string") return value;
  if (typeof value !== "function") return "";
  if (Object.hasOwn(SAMPLE_PARAMS, path)) return String(value(SAMPLE_PARAMS[path]));
  const positional = [2, "mẫu", 3].slice(0, value.length);
  const named = new Proxy({}, { get: (_target, property) => (typeof property === "string" ? "mẫu" : undefined) });
  for (const args of [positional, [named]]) {
    try {
      return String(value(...args));
    } catch {
      // Not this calling convention; try the next.
    }
  }
  return "";
}

describe("the message catalog", () => {
  it("has the same keys in every language", () => {
    const [first, ...others] = LOCALES;
    const expected = leaves(MESSAGES[first]).map((leaf) => leaf.path).sort();
    for (const locale of others) expect(leaves(MESSAGES[locale]).map((leaf) => leaf.path).sort()).toEqual(expected);
  });

  it("has no empty entry in any language, and every entry is a string or a function", () => {
    for (const locale of LOCALES) {
      for (const leaf of leaves(MESSAGES[locale])) {
        expect(["string", "function"], `${locale}.${leaf.path}`).toContain(typeof leaf.value);
        expect(renderLeaf(leaf.value, leaf.path).trim().length, `${locale}.${leaf.path}`).toBeGreaterThan(0);
      }
    }
  });

  it("gives the same entry the same kind and arity in every language", () => {
    const vi = new Map(leaves(MESSAGES.vi).map((leaf) => [leaf.path, leaf.value]));
    for (const leaf of leaves(MESSAGES.en)) {
      const counterpart = vi.get(leaf.path);
      expect(typeof leaf.value, leaf.path).toBe(typeof counterpart);
      if (typeof leaf.value === "function" && typeof counterpart === "function") expect(leaf.value.length, leaf.path).toBe(counterpart.length);
    }
  });
});

describe("plural", () => {
  it("uses one form in Vietnamese and one/other in English", () => {
    const forms = { one: "# word", other: "# words" };
    expect(plural("en", 1, forms)).toBe("1 word");
    expect(plural("en", 2, forms)).toBe("2 words");
    expect(plural("en", 0, forms)).toBe("0 words");
    expect(plural("vi", 1, { other: "# từ" })).toBe("1 từ");
  });
});

describe("requestLocale", () => {
  it("prefers the language cookie, then Accept-Language, then Vietnamese", () => {
    expect(requestLocale(new Headers({ cookie: "a=b; camnang-locale=en", "accept-language": "vi" }))).toBe("en");
    expect(requestLocale(new Headers({ "accept-language": "fr-FR, en-US;q=0.8" }))).toBe("en");
    expect(requestLocale(new Headers({ "accept-language": "fr" }))).toBe("vi");
    expect(requestLocale(new Headers())).toBe("vi");
  });
});
