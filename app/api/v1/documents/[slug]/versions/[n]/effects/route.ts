import { apiRoute, json, parsePositiveInt } from "@/lib/http/api";
import { loadVersionEffects, versionEffectsJson } from "@/lib/services/publication/version-effects";

export const dynamic = "force-dynamic";

/**
 * What version n did to which sections (added, replaced, amended, moved, removed), with its
 * proposal and legal basis. A version never changes, so neither does this answer.
 */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (_request, { params }) => {
  const { slug, n } = await params;
  const loaded = await loadVersionEffects({ slug, number: parsePositiveInt(n, "n") });
  return json(versionEffectsJson(loaded), { headers: { "cache-control": "public, max-age=31536000, immutable" } });
});
