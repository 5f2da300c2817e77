import type { Metadata } from "next";
import { loadPublishedOr404 } from "@/app/[document]/reader-data";
import { VersionView } from "@/app/[document]/version-view";
import { siteBaseUrl } from "@/lib/http/base-url";
import { getLocale, getMessages } from "@/lib/i18n/server";

type Params = { params: Promise<{ document: string; n: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, n } = await params;
  const [published, { t }] = await Promise.all([loadPublishedOr404(document, n), getMessages()]);
  return {
    title: `${published.document.title} — ${t.publication.versionLink({ number: published.version.number })}`,
    alternates: { canonical: `${siteBaseUrl()}/${published.document.slug}/v/${published.version.number}` },
  };
}

export default async function VersionPage({ params }: Params) {
  const { document, n } = await params;
  const [published, locale] = await Promise.all([loadPublishedOr404(document, n), getLocale()]);
  return <VersionView published={published} locale={locale} />;
}
