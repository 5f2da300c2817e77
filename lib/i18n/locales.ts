export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const LOCALE_COOKIE = "camnang-locale";
/** One year: a reader's language choice should outlive sessions. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** The language the switch offers: the one the reader is not reading. */
export function otherLocale(locale: Locale): Locale {
  return LOCALES.find((candidate) => candidate !== locale) ?? DEFAULT_LOCALE;
}

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "vi" || value === "en";
}

/**
 * The language of a request that has no page around it (API routes, feeds): the language cookie
 * the reader chose, else the first of Accept-Language that we speak, else Vietnamese.
 */
export function requestLocale(headers: Headers): Locale {
  const chosen = cookieLocale(headers);
  if (chosen) return chosen;
  const accepted = (headers.get("accept-language") ?? "")
    .split(",")
    .map((entry) => entry.split(";")[0].trim().slice(0, 2).toLowerCase());
  return accepted.find((language): language is Locale => isLocale(language)) ?? DEFAULT_LOCALE;
}

/** The language the reader chose with the switch (the language cookie), or null when they never did. */
export function cookieLocale(headers: Headers): Locale | null {
  const cookie = headers.get("cookie") ?? "";
  for (const part of cookie.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return null;
}
