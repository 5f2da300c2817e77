import { apiRoute, cachedJsonBody } from "@/lib/http/api";
import { publishedDocumentBody } from "@/lib/services/published-document-body";

export const dynamic = "force-dynamic";

/**
 * The text in force today, or with `?at=YYYY-MM-DD` the text in force on that day (404 before the
 * first version took effect, 400 for a day that is not one); `inForce` says since when and until
 * when. Its bytes' digest is the entity tag, so unchanged text answers 304.
 */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (request, { params }) => {
  const { slug } = await params;
  const at = new URL(request.url).searchParams.get("at") ?? undefined;
  return cachedJsonBody(request, await publishedDocumentBody({ slug, at }), { immutable: false });
});
