import Link from "next/link";
import { listPublishedDocumentsWithContents } from "@/lib/services/read-document";
import { formatCalendarDate, formatDateTime, formatRelative } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { locale, t } = await getMessages();
  const published = await listPublishedDocumentsWithContents();

  return (
    <>
      <h1>{t.site.name}</h1>
      <p className="prose">
        {t.reader.homeIntro}
      </p>
      {published.length === 0 && <p className="notice">{t.reader.emptyHandbook}</p>}
      {published.map(({ document, head, sections, editions }) => (
          <section key={document.id} className="card" aria-labelledby={`doc-${document.id}`}>
            <h2 id={`doc-${document.id}`}>
              <Link href={`/${document.slug}`}>{document.title}</Link>
            </h2>
            <p className="meta">
              {t.reader.version} {head.number} · {t.reader.updated}{" "}
              <time dateTime={head.publishedAt.toISOString()} title={formatDateTime(head.publishedAt, locale)}>
                {formatRelative(head.publishedAt, locale)}
              </time>{" "}
              · <Link href={`/${document.slug}/lich-su`}>{t.reader.history}</Link>
            </p>
            {editions.length > 0 && (
              <>
                <h3>{t.publication.editionsHeading}</h3>
                <ul data-editions>
                  {editions.map((edition) => (
                    <li key={edition.slug}>
                      <Link href={`/${document.slug}/an-ban/${edition.slug}`}>{edition.name}</Link>{" "}
                      <span className="meta">{t.publication.editionOf({ number: edition.version, effectiveFrom: formatCalendarDate(edition.effectiveFrom, locale) })}</span>
                      {edition.note && <> — {edition.note}</>}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>{t.reader.contents}</h3>
            <ol>
              {sections.map((section) => (
                <li key={section.id}>
                  <Link href={`/${document.slug}/${section.slug}`}>{section.title}</Link>
                </li>
              ))}
            </ol>
          </section>
      ))}
    </>
  );
}
