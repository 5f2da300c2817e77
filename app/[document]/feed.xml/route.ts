import { apiRoute } from "@/lib/http/api";
import { publicBaseUrl } from "@/lib/http/base-url";
import { documentFeed } from "@/lib/services/history/document-feed";
import { atomResponse, feedLocale } from "@/lib/http/feed-response";

export const dynamic = "force-dynamic";

/** Atom feed of the document's published versions, in `?lang=vi|en` (Vietnamese by default). */
export const GET = apiRoute<{ params: Promise<{ document: string }> }>(async (request, { params }) => {
  const { document } = await params;
  return atomResponse(await documentFeed({ slug: document, baseUrl: publicBaseUrl(request), locale: feedLocale(request) }));
});
