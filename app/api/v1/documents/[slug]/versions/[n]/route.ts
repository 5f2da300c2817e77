import { apiRoute, cachedJsonBody, parsePositiveInt } from "@/lib/http/api";
import { publishedDocumentBody } from "@/lib/services/published-document-body";

export const dynamic = "force-dynamic";

/** One published version, in the shape of `GET /api/v1/documents/{slug}`; immutable at its own address. */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (request, { params }) => {
  const { slug, n } = await params;
  const versionNumber = parsePositiveInt(n, "n");
  return cachedJsonBody(request, await publishedDocumentBody({ slug, versionNumber }), { immutable: true });
});
