import { NextResponse, type NextRequest } from "next/server";
import { safeRedirectPath } from "@/lib/domain/safe-redirect";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, isLocale } from "@/lib/i18n/locales";

/** Switches the interface language with a plain link, so it works without JavaScript. */
export function GET(request: NextRequest) {
  const lang = request.nextUrl.searchParams.get("lang");
  // Only paths on this site (lib/domain/safe-redirect.ts): anything else would make this an open redirect.
  const target = safeRedirectPath(request.nextUrl.searchParams.get("next"), "/");
  // A relative Location: the browser stays on the host it asked, whatever Host header was sent.
  const response = new NextResponse(null, { status: 303, headers: { location: target } });
  if (isLocale(lang)) {
    response.cookies.set(LOCALE_COOKIE, lang, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS, sameSite: "lax" });
  }
  return response;
}
