import { apiRoute, json, parsePositiveInt } from "@/lib/http/api";
import { publishedDocumentJson, readPublishedDocument } from "@/lib/services/read-document";

export const dynamic = "force-dynamic";

/** One published version, in the shape of `GET /api/v1/documents/{slug}`. */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (_request, { params }) => {
  const { slug, n } = await params;
  const versionNumber = parsePositiveInt(n, "n");
  return json(publishedDocumentJson(await readPublishedDocument({ slug, versionNumber })));
});
