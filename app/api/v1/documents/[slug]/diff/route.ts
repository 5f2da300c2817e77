import { apiRoute, json, parsePositiveInt } from "@/lib/http/api";
import { compareVersions } from "@/lib/services/history/compare-versions";

export const dynamic = "force-dynamic";

/** `?from=a&to=b`: the DocumentDiff between two versions (either order), as documented in lib/domain/diff/types.ts. */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (request, { params }) => {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  const from = parsePositiveInt(query.get("from"), "from");
  const to = parsePositiveInt(query.get("to"), "to");
  const comparison = await compareVersions({ slug, from, to });
  return json(comparison.diff);
});
