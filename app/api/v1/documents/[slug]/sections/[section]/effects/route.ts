import { apiRoute, json } from "@/lib/http/api";
import { loadSectionEffects, sectionEffectsJson } from "@/lib/services/publication/section-effects";

export const dynamic = "force-dynamic";

/** The versions that affected one section, each with what it did, its proposal and legal basis. */
export const GET = apiRoute<{ params: Promise<{ slug: string; section: string }> }>(async (_request, { params }) => {
  const { slug, section } = await params;
  return json(sectionEffectsJson(await loadSectionEffects({ slug, sectionSlug: section })));
});
