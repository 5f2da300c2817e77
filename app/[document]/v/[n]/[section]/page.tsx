import type { Metadata } from "next";
import { DocumentReader } from "@/components/reader/DocumentReader";
import { VerifiedBadge } from "@/components/verifier/VerifiedBadge";
import { loadPublishedOr404 } from "@/app/[document]/reader-data";
import { getLocale } from "@/lib/i18n/server";

type Params = { params: Promise<{ document: string; n: string; section: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, n, section } = await params;
  const published = await loadPublishedOr404(document, n);
  const found = published.sections.find((candidate) => candidate.slug === section);
  return { title: `${found?.title ?? published.document.title} — phiên bản ${published.version.number}` };
}

export default async function VersionSectionPage({ params }: Params) {
  const { document, n, section } = await params;
  const [published, locale] = await Promise.all([loadPublishedOr404(document, n), getLocale()]);
  return (
    <DocumentReader
      published={published}
      locale={locale}
      sectionSlug={section}
      permalink
      canPropose={false}
      verification={<VerifiedBadge documentSlug={published.document.slug} number={published.version.number} locale={locale} />}
    />
  );
}
