import { isSlug, MAX_SLUG_LENGTH, slugify } from "./slug";
import { normalizeText } from "./text";

/**
 * Editions (ấn bản): a published version named for long citation ("Ấn bản 2027"), at an address
 * that never changes, /{document}/an-ban/{slug}. An edition row is append-only: its name, note,
 * address and the version it names are fixed once written.
 */

/** Long enough for "Ấn bản 2027 (sửa đổi lần 2, theo Nghị định …)", short enough for a heading and a list. */
export const EDITION_NAME_MAX_LENGTH = 120;
/** "A short note": a sentence or two read beside the name on the home page and the edition's page. */
export const EDITION_NOTE_MAX_LENGTH = 500;

export type EditionCheck =
  | { ok: true; name: string; slug: string; note: string }
  | { ok: false; reason: "name_length" | "note_length" | "slug_invalid" };

/**
 * The edition to record from what an admin typed: the name and note trimmed and in NFC, the
 * address segment as given (it must already be a slug) or else derived from the name.
 */
export function checkEdition(input: { name: string; slug?: string | null; note?: string | null }): EditionCheck {
  const name = normalizeText(input.name.trim());
  if (name.length === 0 || name.length > EDITION_NAME_MAX_LENGTH) return { ok: false, reason: "name_length" };
  const note = normalizeText((input.note ?? "").trim());
  if (note.length > EDITION_NOTE_MAX_LENGTH) return { ok: false, reason: "note_length" };
  const given = input.slug?.trim();
  const slug = given ? given : slugify(name);
  if (!isSlug(slug)) return { ok: false, reason: "slug_invalid" };
  return { ok: true, name, slug, note };
}

export { MAX_SLUG_LENGTH as EDITION_SLUG_MAX_LENGTH };
