import { apiRoute, json } from "@/lib/http/api";
import { editionJson, listEditions } from "@/lib/services/publication/editions";

export const dynamic = "force-dynamic";

/** The document's editions: `{slug, editions: [{slug, name, note, version, url, …}]}`. */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (_request, { params }) => {
  const { slug } = await params;
  const { document, editions } = await listEditions({ slug });
  return json({ slug: document.slug, editions: editions.map((edition) => editionJson(document.slug, edition)) });
});
