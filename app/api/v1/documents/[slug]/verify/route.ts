import { apiRoute, json } from "@/lib/http/api";
import { verifyDocument } from "@/lib/services/verify-document";

export const dynamic = "force-dynamic";

/** `{"ok": true, "versions": n}` or the first version whose hash or link fails. */
export const GET = apiRoute<{ params: Promise<{ slug: string }> }>(async (_request, { params }) => {
  const { slug } = await params;
  const result = await verifyDocument(slug);
  return json(result, { status: result.ok ? 200 : 409 });
});
