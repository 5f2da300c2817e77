import { apiRoute, cachedJsonBody, json, parseLangParameter, parsePositiveInt } from "@/lib/http/api";
import { publishedDocumentBody } from "@/lib/services/published-document-body";
import { listVersions, versionJson } from "@/lib/services/history/list-versions";

export const dynamic = "force-dynamic";

/** The most versions one page of this listing returns. */
const MAX_VERSIONS_PER_PAGE = 500;

/**
 * Published versions, oldest first, with their proposal, approvals and change counts: every
 * version, or with `?limit=` the newest `limit` (below `?before=` when given), and `olderBefore`
 * to ask for the page before. With `?at=YYYY-MM-DD`: the version in force on that day, in the
 * shape of `GET /api/v1/documents/{slug}?at=`. Each version's `summary` is written in `?lang=` (vi by
 * default, en), from the counts stored at publication.
 */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (request, { params }) => {
  const { slug } = await params;
  const url = new URL(request.url);
  const query = url.searchParams;
  const locale = parseLangParameter(url);
  const at = query.get("at");
  if (at !== null) return cachedJsonBody(request, await publishedDocumentBody({ slug, at }), { immutable: false });
  const limit = query.has("limit") ? Math.min(parsePositiveInt(query.get("limit"), "limit"), MAX_VERSIONS_PER_PAGE) : null;
  const before = query.has("before") ? parsePositiveInt(query.get("before"), "before") : undefined;
  const history = await listVersions({ slug, page: limit === null ? undefined : { size: limit, before } });
  return json({
    slug: history.document.slug,
    title: history.document.title,
    versions: history.versions.map((version) => versionJson(version, locale)),
    inForceToday: history.inForceNumber,
    ...(limit === null ? {} : { olderBefore: history.olderBefore }),
  });
});
