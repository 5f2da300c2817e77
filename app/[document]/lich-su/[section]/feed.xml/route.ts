import { apiRoute } from "@/lib/http/api";
import { publicBaseUrl } from "@/lib/http/base-url";
import { sectionFeed } from "@/lib/services/history/section-feed";
import { atomResponse, feedLocale } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

/** Atom feed of the versions that changed one section, in `?lang=vi|en` (Vietnamese by default). */
export const GET = apiRoute<{ params: Promise<{ document: string; section: string }> }>(async (request, { params }) => {
  const { document, section } = await params;
  return atomResponse(await sectionFeed({ slug: document, sectionSlug: section, baseUrl: publicBaseUrl(request), locale: feedLocale(request) }));
});
