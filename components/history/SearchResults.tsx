import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { searchHitPath } from "@/lib/domain/history/search";
import type { SearchResults as Results } from "@/lib/services/history/search-handbook";
import { messages } from "@/lib/i18n/messages";

/** Search hits with the matched words marked, each linking to the passage in the current text. */
export function SearchResults({ results, locale }: { results: Results; locale: Locale }) {
  const t = messages(locale).history;
  if (results.hits.length === 0) {
    return <p className="notice" role="status">{t.searchNone(results.query)}</p>;
  }
  return (
    <>
      <p className="meta" role="status">{t.searchCount(results.hits.length, results.total, results.query)}</p>
      <ol className="search-results">
        {results.hits.map((hit, index) => (
          <li key={`${hit.document.slug}/${hit.section.id}/${hit.blockId ?? "title"}/${index}`} className="search-result">
            <p className="search-result__title">
              <Link href={searchHitPath(hit)}>{hit.section.title}</Link>
            </p>
            <p className="meta">
              {hit.document.title} · {t.searchInVersion(hit.versionNumber)}
              {hit.blockId === null && <> · {t.sectionTitleMatch}</>}
            </p>
            {hit.blockId !== null && (
              <p className="search-result__snippet">
                {hit.snippet.truncatedStart && "…"}
                {hit.snippet.parts.map((part, partIndex) => (part.match ? <mark key={partIndex}>{part.text}</mark> : <span key={partIndex}>{part.text}</span>))}
                {hit.snippet.truncatedEnd && "…"}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
