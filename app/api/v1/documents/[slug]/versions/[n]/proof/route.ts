import { apiRoute, parsePositiveInt } from "@/lib/http/api";
import { CHECKPOINT_CACHE_CONTROL, plainText } from "@/lib/http/log-responses";
import { readVersionProofFile } from "@/lib/services/log/read-log";

export const dynamic = "force-dynamic";

/** The version's C2SP tlog-proof file, for `handbook verify --offline` and the verification page. */
export const GET = apiRoute<{ params: Promise<{ slug: string; n: string }> }>(async (_request, { params }) => {
  const { slug, n } = await params;
  const file = await readVersionProofFile(slug, parsePositiveInt(n, "n"));
  return plainText(file.body, {
    cacheControl: CHECKPOINT_CACHE_CONTROL,
    headers: { "content-disposition": `attachment; filename="${file.fileName}"` },
  });
});
