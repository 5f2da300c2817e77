import { apiRoute, cachedJsonBody } from "@/lib/http/api";
import { publishedDocumentBody } from "@/lib/services/published-document-body";

export const dynamic = "force-dynamic";

/** The latest published version; its bytes' digest is the entity tag, so unchanged text answers 304. */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (request, { params }) => {
  const { slug } = await params;
  return cachedJsonBody(request, await publishedDocumentBody({ slug }), { immutable: false });
});
