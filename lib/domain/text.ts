/**
 * Word tokens for Vietnamese (and any other) text. After NFC normalization a Vietnamese
 * syllable is a run of letters and combining marks, so a token never splits one:
 * decomposed input (NFD) tokenizes exactly like precomposed input.
 */
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

export function normalizeText(text: string): string {
  return text.normalize("NFC");
}

/** Words, runs of whitespace and single punctuation marks; joining them gives the NFC text back. */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(TOKEN_PATTERN) ?? [];
}

export function isWordToken(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

export function countWords(text: string): number {
  return tokenize(text).filter(isWordToken).length;
}

const COMBINING_MARKS = /\p{M}/gu;

/** Folds Vietnamese diacritics and case for search: "Chính phủ số" -> "chinh phu so". */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .normalize("NFC");
}
