import Link from "next/link";
import { VerifiedBadge } from "@/components/verifier/VerifiedBadge";
import { versionConsultation } from "@/lib/services/consultation/version-consultation";
import { CitationBox } from "@/components/publication/CitationBox";
import { EffectsTable } from "@/components/publication/EffectsTable";
import { DocumentReader } from "@/components/reader/DocumentReader";
import { calendarDateOf } from "@/lib/domain/effective-dates";
import { eliUri, legislationJsonLd, scriptSafeJson } from "@/lib/domain/eli";
import { siteBaseUrl } from "@/lib/http/base-url";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { loadVersionEffects } from "@/lib/services/publication/version-effects";
import type { PublishedDocument } from "@/lib/services/read-document";

/**
 * A version's page (its permalink /{document}/v/{n}, or an edition's /{document}/an-ban/{slug}):
 * the text, its effects table, its citation and identifiers, and schema.org Legislation JSON-LD.
 * Read as an edition, the citation, identifiers and JSON-LD name the edition too.
 */
export async function VersionView({ published, locale }: { published: PublishedDocument; locale: Locale }) {
  const t = messages(locale);
  const effects = await loadVersionEffects({ slug: published.document.slug, number: published.version.number });
  const consultation = await versionConsultation({ documentSlug: published.document.slug, number: published.version.number });
  const base = siteBaseUrl();
  const { version, edition } = published;
  const publishedOn = calendarDateOf(version.publishedAt);
  const versionUri = eliUri(base, { document: published.document.slug, version: version.number });
  const editionUrl = edition ? `${base}/${published.document.slug}/an-ban/${edition.slug}` : null;
  const jsonLd = legislationJsonLd({
    base,
    document: published.document,
    version: { number: version.number, publishedOn, effectiveFrom: version.effectiveFrom, supersededOn: published.effect.supersededOn, hash: version.hash },
    inForce: published.effect.status === "in_force",
    legalBasis: effects.proposal?.legalBasis || null,
    edition: edition && editionUrl ? { name: edition.name, url: editionUrl } : null,
  });
  const citation =
    edition && editionUrl
      ? t.publication.citationEditionText({
          title: published.document.title,
          edition: edition.name,
          number: version.number,
          effectiveFrom: formatCalendarDate(version.effectiveFrom, locale),
          uri: editionUrl,
        })
      : t.publication.citationText({
          title: published.document.title,
          number: version.number,
          published: formatCalendarDate(publishedOn, locale),
          effectiveFrom: formatCalendarDate(version.effectiveFrom, locale),
          uri: versionUri,
        });
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} />
      <DocumentReader
        published={published}
        locale={locale}
        permalink
        canPropose={false}
        verification={<VerifiedBadge documentSlug={published.document.slug} number={version.number} locale={locale} />}
      >
        <EffectsTable loaded={effects} locale={locale} />
        {consultation && (
          <section className="card" aria-labelledby="version-consultation" data-testid="version-consultation">
            <h2 id="version-consultation">{t.consultation.reportOnVersion}</h2>
            <p>
              <Link href={`/${published.document.slug}/gop-y/${consultation.proposalId}#consultation-report`}>{t.consultation.reportHeading}</Link> ({t.consultation.commentsHeading({ count: consultation.comments })})
            </p>
            <p>
              {t.consultation.reportDownloads}: <a href={`/api/v1/proposals/${consultation.proposalId}/consultation/report?format=html`}>HTML</a> ·{" "}
              <a href={`/api/v1/proposals/${consultation.proposalId}/consultation/report?format=csv`}>CSV</a> ·{" "}
              <a href={`/api/v1/proposals/${consultation.proposalId}/consultation/report?format=pdf`}>PDF</a>
            </p>
          </section>
        )}
        <CitationBox
          heading={t.publication.citationHeading}
          intro={t.publication.citationIntro}
          citation={citation}
          copyLabel={t.publication.citationCopy}
          copiedLabel={t.publication.citationCopied}
          identifiersHeading={t.publication.identifiersHeading}
          identifiers={[
            ...(edition && editionUrl ? [{ label: `${t.publication.identifierEdition}: ${edition.name}`, uri: editionUrl }] : []),
            { label: t.publication.identifierWork, uri: eliUri(base, { document: published.document.slug }) },
            { label: t.publication.identifierVersion, uri: versionUri },
            { label: t.publication.identifierLanguage, uri: eliUri(base, { document: published.document.slug, version: version.number, language: "vie" }) },
            { label: t.publication.identifierDate, uri: eliUri(base, { document: published.document.slug, date: version.effectiveFrom }) },
          ]}
        />
      </DocumentReader>
    </>
  );
}
