export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const LOCALE_COOKIE = "camnang-locale";

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "vi" || value === "en";
}
