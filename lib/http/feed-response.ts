import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";

/**
 * Feed readers poll; five minutes keeps a busy feed from reaching the database on every poll
 * while a new version still shows up within minutes.
 */
export const FEED_MAX_AGE_SECONDS = 300;

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": `public, max-age=${FEED_MAX_AGE_SECONDS}`,
    },
  });
}

/**
 * A feed's language comes from its address (`?lang=en`), never from headers: feed readers send no
 * language cookie, and a public cache keyed on the address serves each language its own copy.
 */
export function feedLocale(request: Request): Locale {
  const lang = new URL(request.url).searchParams.get("lang");
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}
