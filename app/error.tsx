"use client";

import { useSyncExternalStore } from "react";
import { ERROR_PAGE_MESSAGES } from "@/lib/i18n/error-page-messages";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

/** The page's language as the layout wrote it on <html lang>; it does not change while the page is shown. */
function pageLocale(): Locale {
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

const unchanging = () => () => {};

/** Shown when a page fails on the server: what happened and what to do, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(unchanging, pageLocale, () => DEFAULT_LOCALE);
  const t = ERROR_PAGE_MESSAGES[locale];
  return (
    <div className="prose" role="alert">
      <h1>{t.title}</h1>
      <p>{t.explanation}</p>
      <button type="button" className="button" onClick={reset}>{t.retry}</button>
    </div>
  );
}
