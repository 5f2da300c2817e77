import { apiRoute, json } from "@/lib/http/api";
import { verifyDocument } from "@/lib/services/verify-document";

export const dynamic = "force-dynamic";

/**
 * `{"ok": true, "versions": n}` or the first version whose hash or link fails. Checks start from
 * what this web process verified last (the versions since, and the log from its remembered
 * edge), with a full pass at least every FULL_RECHECK_INTERVAL_MS (lib/services/verify-document.ts).
 */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (_request, { params }) => {
  const { slug } = await params;
  const result = await verifyDocument(slug, { incremental: true });
  return json(result, { status: result.ok ? 200 : 409 });
});
