import { describe, expect, it } from "vitest";
import { checkEdition, EDITION_NAME_MAX_LENGTH, EDITION_NOTE_MAX_LENGTH } from "./editions";
import { isSlug } from "./slug";

describe("editions", () => {
  it("derives the address from the name, or takes a given slug", () => {
    expect(checkEdition({ name: "  Ấn bản 2027 ", note: " Bản hợp nhất đầu năm. " })).toEqual({ ok: true, name: "Ấn bản 2027", slug: "an-ban-2027", note: "Bản hợp nhất đầu năm." });
    expect(checkEdition({ name: "Ấn bản 2027", slug: "ban-2027" })).toMatchObject({ ok: true, slug: "ban-2027", note: "" });
  });

  it("stores the name in NFC, so a decomposed name is the same edition", () => {
    const decomposed = "Ấn bản 2027".normalize("NFD");
    expect(checkEdition({ name: decomposed })).toMatchObject({ ok: true, name: "Ấn bản 2027", slug: "an-ban-2027" });
  });

  it("refuses an empty or long name, a long note and an address that is not a slug", () => {
    expect(checkEdition({ name: "   " })).toEqual({ ok: false, reason: "name_length" });
    expect(checkEdition({ name: "x".repeat(EDITION_NAME_MAX_LENGTH + 1) })).toEqual({ ok: false, reason: "name_length" });
    expect(checkEdition({ name: "x".repeat(EDITION_NAME_MAX_LENGTH) })).toMatchObject({ ok: true });
    expect(checkEdition({ name: "Ấn bản", note: "n".repeat(EDITION_NOTE_MAX_LENGTH + 1) })).toEqual({ ok: false, reason: "note_length" });
    for (const slug of ["Ấn-bản", "an_ban", "an--ban", "-an-ban", "an-ban-", "an ban", "../x", "a".repeat(81)]) {
      expect(checkEdition({ name: "Ấn bản", slug }), slug).toEqual({ ok: false, reason: "slug_invalid" });
    }
  });

  it("isSlug accepts exactly what slugify writes", () => {
    expect(isSlug("an-ban-2027")).toBe(true);
    expect(isSlug("muc")).toBe(true);
    expect(isSlug("")).toBe(false);
    expect(isSlug("A")).toBe(false);
  });
});
