import { apiRoute, cachedJson, parsePositiveInt } from "@/lib/http/api";
import { publishedDocumentEtag, publishedDocumentJson, readPublishedDocument } from "@/lib/services/read-document";

export const dynamic = "force-dynamic";

/** One published version, in the shape of `GET /api/v1/documents/{slug}`. */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (request, { params }) => {
  const { slug, n } = await params;
  const versionNumber = parsePositiveInt(n, "n");
  const published = await readPublishedDocument({ slug, versionNumber });
  return cachedJson(request, publishedDocumentJson(published), { etag: publishedDocumentEtag(published) });
});
