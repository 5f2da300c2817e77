import { apiRoute, cachedJson } from "@/lib/http/api";
import { publishedDocumentEtag, publishedDocumentJson, readPublishedDocument } from "@/lib/services/read-document";

export const dynamic = "force-dynamic";

/** The latest published version; its hash is the entity tag, so unchanged text answers 304. */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (request, { params }) => {
  const { slug } = await params;
  const published = await readPublishedDocument({ slug });
  return cachedJson(request, publishedDocumentJson(published), { etag: publishedDocumentEtag(published) });
});
