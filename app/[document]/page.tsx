import type { Metadata } from "next";
import { DocumentReader } from "@/components/reader/DocumentReader";
import { loadPublishedOr404 } from "@/app/[document]/reader-data";
import { getCurrentActor } from "@/lib/auth/current";
import { getLocale } from "@/lib/i18n/server";
import { can } from "@/lib/policies";
import { emailSubscriptionsOpen } from "@/lib/services/mail/email-subscriptions-open";

type Params = { params: Promise<{ document: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document } = await params;
  const published = await loadPublishedOr404(document);
  return { title: published.document.title };
}

export default async function DocumentPage({ params }: Params) {
  const { document } = await params;
  const [published, locale, actor] = await Promise.all([loadPublishedOr404(document), getLocale(), getCurrentActor()]);
  return <DocumentReader published={published} locale={locale} permalink={false} canPropose={can(actor, "proposal:create")} subscribable={emailSubscriptionsOpen()} />;
}
