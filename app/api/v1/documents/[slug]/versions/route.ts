import { apiRoute, json } from "@/lib/http/api";
import { listVersions, versionJson } from "@/lib/services/history/list-versions";

export const dynamic = "force-dynamic";

/** Every published version, oldest first, with its proposal, approvals and change counts. */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (_request, { params }) => {
  const { slug } = await params;
  const history = await listVersions({ slug });
  return json({ slug: history.document.slug, title: history.document.title, versions: history.versions.map(versionJson) });
});
