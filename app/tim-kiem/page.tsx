import type { Metadata } from "next";
import { headers } from "next/headers";
import { messages } from "@/lib/i18n/messages";
import { SearchForm } from "@/components/history/SearchForm";
import { SearchResults } from "@/components/history/SearchResults";
import { getCurrentActor } from "@/lib/auth/current";
import { enforceRateLimit, rateKeyFor } from "@/lib/auth/rate-limit";
import { requestClientAddress } from "@/lib/auth/request-address";
import { isAppError, renderErrorMessage } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/server";
import { searchHandbook } from "@/lib/services/history/search-handbook";

type Params = { searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ searchParams }: Params): Promise<Metadata> {
  const { q } = await searchParams;
  const locale = await getLocale();
  const query = typeof q === "string" ? q.trim() : "";
  return { title: query ? `${query} — ${messages(locale).history.searchTitle}` : messages(locale).history.searchTitle, robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Params) {
  const { q } = await searchParams;
  const locale = await getLocale();
  const t = messages(locale).history;
  const query = typeof q === "string" ? q : "";
  let results: Awaited<ReturnType<typeof searchHandbook>> | null = null;
  let refusal: string | null = null;
  if (query.trim()) {
    try {
      await enforceRateLimit("search", rateKeyFor(await getCurrentActor(), requestClientAddress(await headers())));
      results = await searchHandbook({ query });
    } catch (error) {
      if (!isAppError(error) || error.code !== "RATE_LIMITED") throw error;
      refusal = renderErrorMessage(error, locale);
    }
  }
  return (
    <>
      <h1>{t.searchTitle}</h1>
      <SearchForm locale={locale} query={query} />
      <p className="field-hint">{t.searchHint}</p>
      {refusal && <p className="notice notice--error" role="alert">{refusal}</p>}
      {results && <SearchResults results={results} locale={locale} />}
    </>
  );
}
