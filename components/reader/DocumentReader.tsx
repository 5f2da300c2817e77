import Link from "next/link";
import { notFound } from "next/navigation";
import type { PublishedDocument } from "@/lib/services/read-document";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import type { ReactNode } from "react";
import { formatCalendarDate, formatDateTime, formatRelative } from "@/lib/i18n/format";
import { DocumentToc } from "./DocumentToc";
import { SectionArticle } from "./SectionArticle";
import { EffectBanner, InForceDatePicker } from "@/components/publication/EffectBanner";
import { PrintButton } from "./PrintButton";
import { ExportLinks } from "@/components/history/ExportLinks";
import { SearchForm } from "@/components/history/SearchForm";

/**
 * The reader's view of a published version: the whole document, or one section of it.
 * `permalink` pages (/{document}/v/{n}/...) show a banner and link within that version.
 */
export function DocumentReader({
  published,
  locale,
  sectionSlug,
  permalink,
  canPropose,
  subscribable = false,
  children,
  verification,
}: {
  published: PublishedDocument;
  locale: Locale;
  sectionSlug?: string;
  permalink: boolean;
  canPropose: boolean;
  /** Whether readers may subscribe by email (the server sends email). */
  subscribable?: boolean;
  /** Shown after the text: a version's effects, its citation. */
  children?: ReactNode;
  /** Shown under the toolbar: the version verified in the reader's browser. */
  verification?: ReactNode;
}) {
  const t = messages(locale);
  const { document, version, sections } = published;
  const basePath = permalink ? `/${document.slug}/v/${version.number}` : `/${document.slug}`;
  const index = sectionSlug === undefined ? -1 : sections.findIndex((section) => section.slug === sectionSlug);
  if (sectionSlug !== undefined && index < 0) notFound();
  const current = index >= 0 ? sections[index] : null;
  const previous = index > 0 ? sections[index - 1] : null;
  const next = index >= 0 && index < sections.length - 1 ? sections[index + 1] : null;
  const currentHref = current ? `/${document.slug}/${current.slug}` : `/${document.slug}`;

  return (
    <div className="reader">
      <DocumentToc heading={t.reader.contents} basePath={basePath} sections={sections} currentSlug={current?.slug} />
      <div>
        <EffectBanner published={published} locale={locale} permalink={permalink} currentHref={currentHref} />
        <p className="meta">
          <Link href={basePath}>{document.title}</Link> · {t.reader.version} {version.number} · {t.reader.updated}{" "}
          <time dateTime={version.publishedAt.toISOString()} title={formatDateTime(version.publishedAt, locale)}>
            {formatRelative(version.publishedAt, locale)}
          </time>{" "}
          · {t.publication.effectiveFrom}{" "}
          <time dateTime={version.effectiveFrom} data-effective-from={version.effectiveFrom}>{formatCalendarDate(version.effectiveFrom, locale)}</time>
        </p>
        <div className="toolbar no-print">
          <Link href={`/${document.slug}/lich-su`}>{t.reader.history}</Link>
          {current && (
            <Link href={`/${document.slug}/lich-su/${current.slug}`}>{t.reader.sectionHistory}</Link>
          )}
          <Link href={`/${document.slug}/v/${version.number}/nguon-goc`}>{t.reader.blame}</Link>
          <Link href={`/${document.slug}/so-sanh`}>{t.reader.compare}</Link>
          <Link href={`/${document.slug}/v/${version.number}${current ? `/${current.slug}` : ""}`}>
            {t.reader.permalink}
          </Link>
          <PrintButton label={t.reader.print} />
          <ExportLinks documentSlug={document.slug} number={version.number} locale={locale} />
          {subscribable && !permalink && (
            <Link href={`/${document.slug}/nhan-tin${current ? `?muc=${encodeURIComponent(current.slug)}` : ""}`}>{t.email.pages.subscribeLink}</Link>
          )}
          {canPropose && !permalink && (
            <Link className="button button--small" href={`/lam-viec/de-xuat/moi?document=${document.slug}${current ? `&section=${current.id}` : ""}`}>
              {t.reader.propose}
            </Link>
          )}
        </div>
        {verification}
        {current ? (
          <>
            <SectionArticle section={current} t={t} headingLevel={1} />
            <nav className="section-nav" aria-label={t.reader.sectionNav}>
              <span>{previous && <Link href={`${basePath}/${previous.slug}`} rel="prev">← {previous.title}</Link>}</span>
              <span>{next && <Link href={`${basePath}/${next.slug}`} rel="next">{next.title} →</Link>}</span>
            </nav>
          </>
        ) : (
          <>
            <h1>{document.title}</h1>
            {sections.map((section) => (
              <SectionArticle key={section.id} section={section} t={t} href={`${basePath}/${section.slug}`} />
            ))}
          </>
        )}
        {children}
        <InForceDatePicker documentSlug={document.slug} locale={locale} value={published.effect.asOf ?? undefined} />
        <div className="no-print"><SearchForm locale={locale} compact /></div>
        <p className="meta">
          {t.reader.hash}: <code className="mono">{version.hash}</code>
        </p>
      </div>
    </div>
  );
}
