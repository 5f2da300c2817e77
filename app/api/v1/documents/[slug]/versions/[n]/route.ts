import { apiRoute, cachedJsonBody, parsePositiveInt } from "@/lib/http/api";
import { publishedDocumentBody } from "@/lib/services/published-document-body";

export const dynamic = "force-dynamic";

/**
 * One published version, in the shape of `GET /api/v1/documents/{slug}`. Its text never changes,
 * but what was recorded about it afterwards can grow (its editions, a withdrawal), so it is
 * revalidated by its strong ETag rather than cached as immutable.
 */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (request, { params }) => {
  const { slug, n } = await params;
  const versionNumber = parsePositiveInt(n, "n");
  return cachedJsonBody(request, await publishedDocumentBody({ slug, versionNumber }), { immutable: false });
});
