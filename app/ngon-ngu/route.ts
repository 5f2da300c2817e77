import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, isLocale } from "@/lib/i18n/locales";

/** Switches the interface language with a plain link, so it works without JavaScript. */
export function GET(request: NextRequest) {
  const lang = request.nextUrl.searchParams.get("lang");
  const next = request.nextUrl.searchParams.get("next") ?? "/";
  // Only paths on this site: an absolute or protocol-relative URL would make this an open redirect.
  const target = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  const response = NextResponse.redirect(new URL(target, request.url), 303);
  if (isLocale(lang)) {
    response.cookies.set(LOCALE_COOKIE, lang, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS, sameSite: "lax" });
  }
  return response;
}
