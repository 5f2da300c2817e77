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

/** A slug not in `taken`, adding -2, -3 ... when needed. */
export function uniqueSlug(text: string, taken: ReadonlySet<string>): string {
  const base = slugify(text);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
