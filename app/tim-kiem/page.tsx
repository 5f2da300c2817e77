import type { Metadata } from "next";
import { HISTORY_LABELS } from "@/components/history/labels";
import { SearchForm } from "@/components/history/SearchForm";
import { SearchResults } from "@/components/history/SearchResults";
import { getLocale } from "@/lib/i18n/server";
import { searchHandbook } from "@/lib/services/history/search-handbook";

type Params = { searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ searchParams }: Params): Promise<Metadata> {
  const { q } = await searchParams;
  const locale = await getLocale();
  const query = typeof q === "string" ? q.trim() : "";
  return { title: query ? `${query} — ${HISTORY_LABELS[locale].searchTitle}` : HISTORY_LABELS[locale].searchTitle, robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Params) {
  const { q } = await searchParams;
  const locale = await getLocale();
  const t = HISTORY_LABELS[locale];
  const query = typeof q === "string" ? q : "";
  const results = query.trim() ? await searchHandbook({ query }) : null;
  return (
    <>
      <h1>{t.searchTitle}</h1>
      <SearchForm locale={locale} query={query} />
      <p className="field-hint">{t.searchHint}</p>
      {results && <SearchResults results={results} locale={locale} />}
    </>
  );
}
