import type { Metadata } from "next";
import { SectionEffectsList } from "@/components/publication/SectionEffectsList";
import { DocumentReader } from "@/components/reader/DocumentReader";
import { orNotFound } from "@/app/[document]/history-data";
import { loadPublishedOr404 } from "@/app/[document]/reader-data";
import { getCurrentActor } from "@/lib/auth/current";
import { getLocale } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { emailSubscriptionsOpen } from "@/lib/services/mail/email-subscriptions-open";
import { loadSectionEffects } from "@/lib/services/publication/section-effects";

type Params = { params: Promise<{ document: string; section: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, section } = await params;
  const published = await loadPublishedOr404(document);
  const found = published.sections.find((candidate) => candidate.slug === section);
  return { title: found ? `${found.title} — ${published.document.title}` : published.document.title };
}

export default async function SectionPage({ params }: Params) {
  const { document, section } = await params;
  const [published, locale, actor] = await Promise.all([loadPublishedOr404(document), getLocale(), getCurrentActor()]);
  // An unknown section is DocumentReader's 404; only a section of the text in force lists its effects.
  const inText = published.sections.some((candidate) => candidate.slug === section);
  const effects = inText ? await orNotFound(loadSectionEffects({ slug: published.document.slug, sectionSlug: section })) : null;
  return (
    <DocumentReader published={published} locale={locale} sectionSlug={section} permalink={false} canPropose={can(actor, "proposal:create")} subscribable={emailSubscriptionsOpen()}>
      {effects && <SectionEffectsList loaded={effects} locale={locale} />}
    </DocumentReader>
  );
}
