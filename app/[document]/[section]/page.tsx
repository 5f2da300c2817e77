import type { Metadata } from "next";
import { DocumentReader } from "@/components/reader/DocumentReader";
import { loadPublishedOr404 } from "@/app/[document]/reader-data";
import { getCurrentActor } from "@/lib/auth/current";
import { getLocale } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { emailSubscriptionsOpen } from "@/lib/services/mail/email-subscriptions-open";

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
  return (
    <DocumentReader published={published} locale={locale} sectionSlug={section} permalink={false} canPropose={can(actor, "proposal:create")} subscribable={emailSubscriptionsOpen()} />
  );
}
