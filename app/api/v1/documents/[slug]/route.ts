import { apiRoute, json } from "@/lib/http/api";
import { publishedDocumentJson, readPublishedDocument } from "@/lib/services/read-document";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (_request, { params }) => {
  const { slug } = await params;
  return json(publishedDocumentJson(await readPublishedDocument({ slug })));
});
