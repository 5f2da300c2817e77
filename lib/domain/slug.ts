import { foldDiacritics } from "./text";

/** Longest slug we produce; URLs stay readable and fit any path limit. */
export const MAX_SLUG_LENGTH = 80;

/** "Lời tổng kết" -> "loi-tong-ket". */
export function slugify(text: string): string {
  const slug = foldDiacritics(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, "");
  return slug || "muc";
}

/**
 * Fixed paths under a document (`/{document}/lich-su`, `/so-sanh`, `/v/{n}`) take precedence over
 * section slugs in routing, so a section with one of these slugs could never be opened.
 */
export const RESERVED_SECTION_SLUGS: readonly string[] = ["lich-su", "so-sanh", "v", "ngay", "an-ban", "nhan-tin"];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a string is a slug as slugify writes them: a-z, 0-9 and single inner hyphens, at most MAX_SLUG_LENGTH. */
export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG.test(value);
}

/** A slug not in `taken` and not reserved, adding -2, -3 ... when needed. */
export function uniqueSlug(text: string, taken: ReadonlySet<string>): string {
  const unavailable = (slug: string) => taken.has(slug) || RESERVED_SECTION_SLUGS.includes(slug);
  const base = slugify(text);
  if (!unavailable(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!unavailable(candidate)) return candidate;
  }
}
