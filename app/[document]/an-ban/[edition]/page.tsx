import type { Metadata } from "next";
import { loadEditionOr404 } from "@/app/[document]/reader-data";
import { VersionView } from "@/app/[document]/version-view";
import { siteBaseUrl } from "@/lib/http/base-url";
import { getLocale } from "@/lib/i18n/server";

type Params = { params: Promise<{ document: string; edition: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { document, edition } = await params;
  const published = await loadEditionOr404(document, edition);
  return {
    title: `${published.document.title} — ${published.edition!.name}`,
    // The edition's address is its own, stable identifier; the text is also at the version's permalink.
    alternates: { canonical: `${siteBaseUrl()}/${published.document.slug}/an-ban/${published.edition!.slug}` },
  };
}

/** An edition: the text of the version it names, with its name and note, at an address that never changes. */
export default async function EditionPage({ params }: Params) {
  const { document, edition } = await params;
  const [published, locale] = await Promise.all([loadEditionOr404(document, edition), getLocale()]);
  return <VersionView published={published} locale={locale} />;
}
