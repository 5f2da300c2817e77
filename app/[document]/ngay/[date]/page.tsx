import type { Metadata } from "next";
import Link from "next/link";
import { DocumentReader } from "@/components/reader/DocumentReader";
import { loadInForceOr404 } from "@/app/[document]/reader-data";
import { eliUri } from "@/lib/domain/eli";
import { siteBaseUrl } from "@/lib/http/base-url";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getLocale, getMessages } from "@/lib/i18n/server";

type Params = { params: Promise<{ document: string; date: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, date } = await params;
  const [published, { t, locale }] = await Promise.all([loadInForceOr404(document, date), getMessages()]);
  return {
    title: t.publication.asOfTitle({ title: published.document.title, date: formatCalendarDate(date, locale) }),
    alternates: { canonical: eliUri(siteBaseUrl(), { document: published.document.slug, date }) },
  };
}

/** The text in force on a day (legislation.gov.uk's point-in-time view), with its banner. */
export default async function InForceOnDatePage({ params }: Params) {
  const { document, date } = await params;
  const [published, locale, { t }] = await Promise.all([loadInForceOr404(document, date), getLocale(), getMessages()]);
  const pdf = `/api/v1/documents/${published.document.slug}/versions/${published.version.number}/export?format=pdf&lang=${locale}`;
  return (
    <DocumentReader published={published} locale={locale} permalink canPropose={false}>
      <p className="no-print">
        <Link href={pdf} prefetch={false}>{t.publication.pdfAsOf({ date: formatCalendarDate(date, locale) })}</Link>
      </p>
    </DocumentReader>
  );
}
